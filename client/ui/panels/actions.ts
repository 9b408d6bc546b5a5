import type { Stride } from '../../../shared/model/schema';
import type { Editor } from '../../editor/editor';

/**
 * Panel helpers. Changes to the board go through the editor's document actions (`useActions()`), so
 * canvas and panels behave alike; this wrapper remains for callers that hold the editor itself.
 * See DocumentActions.convertShape.
 */
export function convertShape(editor: Editor, id: string, to: Stride | 'note'): boolean {
  return editor.actions.convertShape(id, to);
}

/** Keyboard focus to the canvas (its selection is what the keys act on). */
export function focusCanvas(): void {
  document.querySelector<HTMLElement>('.canvas-host[role="application"]')?.focus({ preventScroll: true });
}
