import { z } from 'zod';
import { pointInRect, rectOf } from '../rect';
import { boxed, NOTE_SIZE, ShapeBase } from './common';
import { svgRect, svgText, wrap } from './svg';
import type { ShapeKindModule } from './types';

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple', 'gray'] as const;
export const NoteColor = z.enum(NOTE_COLORS);
export type NoteColor = z.infer<typeof NoteColor>;

/** A sticky note: an idea of the group, free text. */
export const NoteShape = ShapeBase.extend({
  kind: z.literal('note'),
  ...boxed(NOTE_SIZE),
  text: z.string().max(10_000).default(''),
  color: NoteColor.catch('yellow').default('yellow'),
});
export type NoteShape = z.infer<typeof NoteShape>;

/** A Threat Dragon text block (v2 `td-text-block`, v1 `tm.Text`): there it is drawn as text, here a note. */
export const TD_TEXT_BLOCK = ['td-text-block', 'tm.text'] as const;

export const note = {
  kind: 'note',
  label: 'Note',
  schema: NoteShape,
  defaultSize: NOTE_SIZE,
  textField: 'text',
  text: (s) => s.text,
  isElement: false,
  inDiagram: false,
  connectable: false,
  avoidedByLabels: false,
  lockable: false,
  stride: [],
  bounds: (s) => rectOf(s),
  hit: (s, p) => pointInRect(p, rectOf(s)),
  svgLayer: 4,
  svg(s) {
    const r = rectOf(s);
    return (
      svgRect(r, 'rx="4" fill="#fff3bf" stroke="#868e96"') +
      svgText(wrap(s.text, Math.max(8, Math.floor(r.w / 6.5)), 6), r.x + r.w / 2, r.y + r.h / 2, { size: 11 })
    );
  },
  td: {
    layer: 1,
    cell: (s, { common }) => ({
      ...common,
      shape: 'td-text-block',
      attrs: { text: { text: s.text } },
      data: { type: 'tm.Text', name: s.text, hasOpenThreats: false },
    }),
    // A text block is an annotation someone wrote on the diagram: a sticky note here.
    readers: [
      {
        names: TD_TEXT_BLOCK,
        read: ({ base, pos, size, name, clip }) => ({ ...base, kind: 'note', pos, size, text: clip(name, 10_000), color: 'yellow' }),
      },
    ],
  },
} satisfies ShapeKindModule<NoteShape>;
