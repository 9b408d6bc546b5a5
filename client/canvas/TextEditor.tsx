import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { Editor } from '../editor/editor';
import { TEXT_FIELD } from '../editor/kinds';
import { useStore } from '../lib/useStore';
import { useScene } from '../model/scene-store';
import type { Shape } from '../../shared/model/schema';
import { STRIDE_COLORS } from '../../shared/threats/stride';
import { polylineMidpoint } from './handles';
import { worldToScreen, type Rect } from './camera';
import { BOUNDARY_LABEL } from './shapes/BoundaryView';
import { flowPolyline } from './shapes/FlowView';
import { fitFontSize } from './shapes/fitText';
import { TEXT_STYLE } from './shapes/TextView';
import { THREAT_NOTE } from './shapes/ThreatView';
import { NOTE_FILL, NOTE_TEXT } from './theme';

interface EditBox {
  /** World rectangle the textarea covers. */
  rect: Rect;
  label: string;
  fontSize: number;
  padding: number;
  background: string;
  align: 'left' | 'center';
  bold?: boolean;
  /** Enter ends editing (Shift+Enter for a new line); otherwise Enter is a new line. */
  enterCommits: boolean;
  maxLength: number;
}

/** Where and how each kind's text is edited, matching how it is drawn so nothing jumps on commit. */
function editBox(s: Shape, byId: ReadonlyMap<string, Shape>, text: string): EditBox {
  switch (s.kind) {
    case 'note': {
      const fontSize = fitFontSize(text, s.size.w - 2 * NOTE_TEXT.padding, s.size.h - 2 * NOTE_TEXT.padding, NOTE_TEXT);
      return { rect: { ...s.pos, ...s.size }, label: 'Note text', fontSize, padding: NOTE_TEXT.padding, background: NOTE_FILL[s.color], align: 'left', enterCommits: false, maxLength: 10_000 };
    }
    case 'threat':
      return {
        rect: { x: s.pos.x, y: s.pos.y + THREAT_NOTE.header - 4, w: s.size.w, h: s.size.h - THREAT_NOTE.header + 4 },
        label: 'Threat title',
        fontSize: 15,
        padding: THREAT_NOTE.padding,
        background: STRIDE_COLORS[s.stride],
        align: 'left',
        enterCommits: true,
        maxLength: 300,
      };
    case 'text':
      return { rect: { ...s.pos, ...s.size }, label: 'Text', fontSize: TEXT_STYLE.fontSize, padding: TEXT_STYLE.padding, background: '#ffffff', align: 'left', enterCommits: false, maxLength: 10_000 };
    case 'boundary':
      return {
        rect: { x: s.pos.x + BOUNDARY_LABEL.x - 4, y: s.pos.y + BOUNDARY_LABEL.y - 4, w: Math.min(Math.max(120, s.size.w - 2 * BOUNDARY_LABEL.x), 320), h: 28 },
        label: 'Trust boundary label',
        fontSize: BOUNDARY_LABEL.fontSize,
        padding: 4,
        background: '#fff7ed',
        align: 'left',
        bold: true,
        enterCommits: true,
        maxLength: 200,
      };
    case 'flow': {
      const from = s.from ? byId.get(s.from) : undefined;
      const to = s.to ? byId.get(s.to) : undefined;
      const mid = polylineMidpoint(flowPolyline(s, from, to));
      return { rect: { x: mid.x - 100, y: mid.y - 15, w: 200, h: 30 }, label: 'Data flow label', fontSize: 13, padding: 5, background: '#ffffff', align: 'center', enterCommits: true, maxLength: 200 };
    }
    default:
      return { rect: { ...s.pos, ...s.size }, label: 'Label', fontSize: 14, padding: 10, background: '#ffffff', align: 'center', enterCommits: true, maxLength: 200 };
  }
}

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
  const box = editBox(shape, byId, text);

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
