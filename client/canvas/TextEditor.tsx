import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { Editor } from '../editor/editor';
import { TEXT_FIELD } from '../editor/kinds';
import { useStore } from '../lib/useStore';
import { useScene } from '../model/scene-store';
import { worldToScreen } from './camera';
import { shapeModule } from './shapes/registry';
import { NOTE_TEXT } from './theme';

/**
 * Text editing for one shape: a real textarea laid over the shape and scaled with the camera, so
 * typing, IME, spell check and screen readers all work as in any text field. The text is written to
 * the board once, when editing ends (blur, Escape, ⌘/Ctrl+Enter, or Enter for one-line labels), as
 * one undo step.
 */
export function TextEditor({ editor, id }: { editor: Editor; id: string }) {
  const { byId } = useScene(editor.shapes);
  const shape = byId.get(id);
  const camera = useStore(editor.viewport.camera);
  const [text, setText] = useState(() => (shape ? String((shape as Record<string, unknown>)[TEXT_FIELD[shape.kind]] ?? '') : ''));
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  if (!shape) return null;
  const box = shapeModule(shape.kind).editBox(shape, byId, text);

  const finish = () => {
    if (done.current) return;
    done.current = true;
    editor.setText(id, text);
    if (editor.editing.get() === id) editor.editing.set(null);
    const host = ref.current?.closest<HTMLElement>('.canvas-host');
    if (host && (document.activeElement === ref.current || document.activeElement === document.body)) host.focus({ preventScroll: true });
  };

  const p = worldToScreen(camera, box.rect);
  const z = camera.zoom;
  const style: CSSProperties = {
    left: p.x,
    top: p.y,
    width: box.rect.w * z,
    height: box.rect.h * z,
    padding: box.padding * z,
    fontSize: box.fontSize * z,
    fontWeight: box.bold ? 700 : undefined,
    lineHeight: NOTE_TEXT.lineHeight,
    fontFamily: NOTE_TEXT.fontFamily,
    color: NOTE_TEXT.color,
    background: box.background,
    textAlign: box.align,
    borderRadius: 4 * z,
  };
  return (
    <textarea
      ref={ref}
      data-overlay
      className="note-editor"
      aria-label={box.label}
      value={text}
      maxLength={box.maxLength}
      onChange={(e) => setText(e.target.value)}
      onBlur={finish}
      onKeyDown={(e) => {
        e.stopPropagation();
        const enter = e.key === 'Enter' && !e.nativeEvent.isComposing;
        if (e.key === 'Escape' || (enter && (e.metaKey || e.ctrlKey)) || (enter && box.enterCommits && !e.shiftKey)) {
          e.preventDefault();
          finish();
        }
      }}
      style={style}
    />
  );
}
