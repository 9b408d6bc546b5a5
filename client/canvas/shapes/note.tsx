import { memo } from 'react';
import { fitFontSize } from './fitText';
import { Group, Rect, Text } from '../konva';
import type { NoteShape } from '../../../shared/model/schema';
import { NOTE_COLOR_LABEL, NOTE_FILL, NOTE_TEXT, SELECTION_COLOR } from '../theme';
import type { ClientShape, ShapeViewProps } from './types';
import { ToolIcon } from './tool-icon';

/**
 * One sticky note. Purely visual: hit testing and dragging are done by the canvas controller in
 * world coordinates, so nothing here listens to events (Konva skips the hit graph entirely).
 * Memoized: a note re-renders only when its own record (a new object per change) or flags change.
 */
export const NoteView = memo(function NoteView({ shape: note, selected, remoteColor, editing, showText }: ShapeViewProps<NoteShape>) {
  const { w, h } = note.size;
  const innerW = w - 2 * NOTE_TEXT.padding;
  const innerH = h - 2 * NOTE_TEXT.padding;
  const fontSize = showText && !editing ? fitFontSize(note.text, innerW, innerH, NOTE_TEXT) : NOTE_TEXT.fontSize;
  if (!showText && !selected && !remoteColor) {
    // Zoomed far out: one flat rectangle per note keeps thousands of notes cheap to draw.
    return <Rect x={note.pos.x} y={note.pos.y} width={w} height={h} fill={NOTE_FILL[note.color]} listening={false} perfectDrawEnabled={false} />;
  }
  return (
    <Group x={note.pos.x} y={note.pos.y} listening={false}>
      <Rect x={1} y={3} width={w} height={h} cornerRadius={4} fill="rgba(15, 23, 42, 0.10)" perfectDrawEnabled={false} />
      <Rect
        width={w}
        height={h}
        cornerRadius={4}
        fill={NOTE_FILL[note.color]}
        stroke="rgba(15, 23, 42, 0.14)"
        strokeWidth={1}
        strokeScaleEnabled={false}
        perfectDrawEnabled={false}
      />
      {showText && !editing && note.text !== '' && (
        <Text
          x={NOTE_TEXT.padding}
          y={NOTE_TEXT.padding}
          width={innerW}
          height={innerH}
          text={note.text}
          fontSize={fontSize}
          fontFamily={NOTE_TEXT.fontFamily}
          lineHeight={NOTE_TEXT.lineHeight}
          fill={NOTE_TEXT.color}
          wrap="word"
          ellipsis
          perfectDrawEnabled={false}
        />
      )}
      {(selected || remoteColor) && (
        // Our own selection wins; someone else's shows dashed in their colour.
        <Rect
          x={-3}
          y={-3}
          width={w + 6}
          height={h + 6}
          cornerRadius={6}
          stroke={selected ? SELECTION_COLOR : remoteColor}
          strokeWidth={2}
          dash={selected ? undefined : [6, 4]}
          strokeScaleEnabled={false}
          listening={false}
        />
      )}
    </Group>
  );
});

export const note: ClientShape<NoteShape> = {
  kind: 'note',
  View: NoteView,
  editBox(s, _byId, text) {
    const fontSize = fitFontSize(text, s.size.w - 2 * NOTE_TEXT.padding, s.size.h - 2 * NOTE_TEXT.padding, NOTE_TEXT);
    return { rect: { ...s.pos, ...s.size }, label: 'Note text', fontSize, padding: NOTE_TEXT.padding, background: NOTE_FILL[s.color], align: 'left', enterCommits: false, maxLength: 10_000 };
  },
  tool: {
    label: 'Note',
    shortcut: 'N',
    icon: (
      <ToolIcon>
        <path d="M5 4h14v10l-5 6H5zM14 20v-6h5" />
      </ToolIcon>
    ),
    mode: 'click',
    keyPlaces: true,
  },
  outlineGroup: 4,
  outlineTag: (s) => ({ name: `${NOTE_COLOR_LABEL[s.color].charAt(0).toUpperCase()}${NOTE_COLOR_LABEL[s.color].slice(1)} note`, className: `swatch-${s.color}` }),
};
