import { useEffect, useRef, useState } from 'react';
import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import { useShapes } from '../model/hooks';
import { worldToScreen } from './camera';
import { fitFontSize } from './shapes/fitText';
import { NOTE_FILL, NOTE_TEXT } from './theme';

/**
 * Text editing for one note: a real textarea laid exactly over the note and scaled with the camera,
 * so typing, IME, spell check and screen readers all work as in any text field. The text is written
 * to the board once, when editing ends (blur, Escape, ⌘/Ctrl+Enter), as one undo step.
 */
export function NoteEditor({ editor, id }: { editor: Editor; id: string }) {
  const shape = useShapes(editor.doc).byId.get(id);
  const note = shape?.kind === 'note' ? shape : undefined;
  const camera = useStore(editor.viewport.camera);
  const [text, setText] = useState(() => note?.text ?? '');
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  if (!note) return null;

  const finish = () => {
    if (done.current) return;
    done.current = true;
    editor.setText(id, text);
    if (editor.editing.get() === id) editor.editing.set(null);
    const host = ref.current?.closest<HTMLElement>('.canvas-host');
    if (host && (document.activeElement === ref.current || document.activeElement === document.body)) host.focus({ preventScroll: true });
  };

  const p = worldToScreen(camera, note.pos);
  // The same size the note is drawn with, shrinking as the text grows, so nothing jumps on commit.
  const fontSize = fitFontSize(text, note.size.w - 2 * NOTE_TEXT.padding, note.size.h - 2 * NOTE_TEXT.padding, NOTE_TEXT);
  const z = camera.zoom;
  return (
    <textarea
      ref={ref}
      data-overlay
      className="note-editor"
      aria-label="Note text"
      value={text}
      maxLength={10_000}
      onChange={(e) => setText(e.target.value)}
      onBlur={finish}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.metaKey || e.ctrlKey))) {
          e.preventDefault();
          finish();
        }
      }}
      style={{
        left: p.x,
        top: p.y,
        width: note.size.w * z,
        height: note.size.h * z,
        padding: NOTE_TEXT.padding * z,
        fontSize: fontSize * z,
        lineHeight: NOTE_TEXT.lineHeight,
        fontFamily: NOTE_TEXT.fontFamily,
        color: NOTE_TEXT.color,
        background: NOTE_FILL[note.color],
        borderRadius: 4 * z,
      }}
    />
  );
}
