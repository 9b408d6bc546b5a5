import { useEffect } from 'react';
import type { Editor } from '../editor/editor';
import { isPlaceTool, TOOLS, type ToolInfo } from '../editor/tools';
import { parseClipboard } from '../../shared/model/clipboard';
import { cutSelectedWithConfirm, deleteSelectedWithConfirm } from '../ui/views/bulk-delete';

function isEditable(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
}

/** Keys that would activate a focused control themselves (Space and Enter on a button). */
function isControl(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && t.closest('button, a, [role="button"], [role="menuitem"], [role="option"]') !== null;
}

function hasTextSelection(): boolean {
  const sel = window.getSelection();
  return !!sel && !sel.isCollapsed && sel.toString().trim() !== '';
}

function onCanvasOrPage(t: EventTarget | null): boolean {
  return t === document.body || (t instanceof HTMLElement && t.classList.contains('canvas-host'));
}

const NUDGE = 10;
const NUDGE_BIG = 50;

/** The tool a key picks: V H N E P S F B X (see editor/tools.ts and each kind's module). */
function toolForKey(key: string): ToolInfo | undefined {
  return TOOLS.find((t) => t.shortcut.toLowerCase() === key);
}

/**
 * Board keyboard shortcuts, on the window so they work wherever focus is on the page, except in text
 * fields and inside dialogs. The full list is the shortcut sheet (ShortcutSheet.tsx), opened with ?.
 *   V H N E P S F B X tools (N places a note at once) · Space (hold) pan · + / − zoom · Shift+1 fit
 *   Shift+0 100 % · ⌘/Ctrl+Z undo · ⇧⌘Z / Ctrl+Y redo · ⌘/Ctrl+A select all · ⌘D duplicate
 *   ⌘C / ⌘V copy and paste · ] / [ front / back · Delete remove · Enter edit text
 *   Arrows move the selection (Shift: further) or pan when nothing is selected · Escape deselect
 */
export function useShortcuts(editor: Editor): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isEditable(e.target)) return;
      if (e.target instanceof Element && e.target.closest('dialog, [role="dialog"]')) return;
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const vp = editor.viewport;
      // Nothing to edit while the canvas shows the server's list of shapes (sync/first-paint.ts).
      const canEdit = editor.canEdit && !editor.previewing();
      const handled = (() => {
        if (mod) {
          if (key === 'z' && !e.altKey) {
            if (!canEdit) return false;
            if (e.shiftKey) editor.redoLast();
            else editor.undoLast();
            return true;
          }
          if (key === 'y' && canEdit) return editor.redoLast(), true;
          if (key === 'a') return editor.selectAll(), true;
          if (key === 'd') return canEdit && editor.selection.get().size > 0 ? (editor.duplicateSelected(), true) : false;
          if (key === 'c' && !e.shiftKey) {
            // Text selected on the page is the browser's to copy.
            if (hasTextSelection() || editor.selection.get().size === 0) return false;
            return editor.copySelected() > 0;
          }
          if (key === 'x' && !e.shiftKey) {
            if (hasTextSelection() || !canEdit) return false;
            return cutSelectedWithConfirm(editor);
          }
          if (key === 'v' && !e.shiftKey) {
            if (!canEdit) return false;
            return editor.paste().length > 0;
          }
          if (key === '=' || key === '+') return vp.zoomStep(1), true;
          if (key === '-') return vp.zoomStep(-1), true;
          if (key === '0') return vp.resetZoom(), true;
          return false;
        }
        if (e.altKey) return false;
        if (key === ' ') {
          if (isControl(e.target)) return false;
          editor.spacePan.set(true);
          return true;
        }
        if (e.repeat && !key.startsWith('Arrow')) return false;
        if (e.key === '?') return editor.shortcutsOpen.set(true), true;
        if (e.shiftKey && e.code === 'Digit1') return editor.zoomToFit(), true;
        if (e.shiftKey && e.code === 'Digit0') return vp.resetZoom(), true;
        const info = e.shiftKey ? undefined : toolForKey(key);
        if (info) {
          const tool = info.id;
          if (info.keyPlaces && isPlaceTool(tool)) return canEdit ? (editor.createShapeHere(tool), true) : false;
          if (!canEdit && isPlaceTool(tool)) return false;
          return editor.setTool(tool), true;
        }
        switch (key) {
          case ']':
            return canEdit && editor.selection.get().size > 0 ? (editor.reorderSelected('front'), true) : false;
          case '[':
            return canEdit && editor.selection.get().size > 0 ? (editor.reorderSelected('back'), true) : false;
          case '+':
          case '=':
            return vp.zoomStep(1), true;
          case '-':
          case '_':
            return vp.zoomStep(-1), true;
          case 'Delete':
          case 'Backspace':
            if (!canEdit || editor.selection.get().size === 0) return false;
            return deleteSelectedWithConfirm(editor), true;
          case 'Escape':
            editor.setTool('select');
            editor.select([]);
            return true;
          case 'Enter': {
            if (isControl(e.target)) return false;
            const sel = [...editor.selection.get()];
            if (sel.length !== 1 || !canEdit) return false;
            return editor.startEditing(sel[0]!), true;
          }
          case 'ArrowLeft':
          case 'ArrowRight':
          case 'ArrowUp':
          case 'ArrowDown': {
            if (!onCanvasOrPage(e.target)) return false;
            const step = e.shiftKey ? NUDGE_BIG : NUDGE;
            const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
            const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
            if (editor.selection.get().size > 0 && canEdit) editor.nudge(dx, dy);
            else vp.pan(-dx * 4, -dy * 4);
            return true;
          }
          default:
            return false;
        }
      })();
      if (handled) e.preventDefault();
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') editor.spacePan.set(false);
    };
    const onBlur = () => editor.spacePan.set(false);
    // ⌘V with nothing in this browser's clipboard store falls through to a paste event: shapes copied
    // in another browser arrive through the system clipboard.
    const onPaste = (e: ClipboardEvent) => {
      if (e.defaultPrevented || isEditable(e.target) || !editor.canEdit) return;
      const text = e.clipboardData?.getData('text/plain');
      if (!parseClipboard(text)) return;
      e.preventDefault();
      editor.paste(text);
    };
    window.addEventListener('paste', onPaste);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('paste', onPaste);
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, [editor]);
}
