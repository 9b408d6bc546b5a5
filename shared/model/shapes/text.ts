import { z } from 'zod';
import { pointInRect, rectOf } from '../rect';
import { boxed, ShapeBase } from './common';
import { svgText, wrap } from './svg';
import type { ShapeKindModule } from './types';

/** A text on the diagram: a caption or a heading, part of the drawing (locked with it). */
export const TextShape = ShapeBase.extend({
  kind: z.literal('text'),
  ...boxed({ w: 240, h: 40 }),
  text: z.string().max(10_000).default(''),
});
export type TextShape = z.infer<typeof TextShape>;

export const text = {
  kind: 'text',
  label: 'Text',
  schema: TextShape,
  defaultSize: { w: 240, h: 40 },
  textField: 'text',
  text: (s) => s.text,
  isElement: false,
  inDiagram: false,
  connectable: false,
  avoidedByLabels: true,
  lockable: true,
  stride: [],
  bounds: (s) => rectOf(s),
  hit: (s, p) => pointInRect(p, rectOf(s)),
  svgLayer: 3,
  svg(s) {
    const r = rectOf(s);
    return svgText(wrap(s.text, Math.max(8, Math.floor(r.w / 7)), 6), r.x + r.w / 2, r.y + r.h / 2, { size: 12 });
  },
  td: {
    layer: 1,
    cell: (s, { common }) => ({
      ...common,
      shape: 'td-text-block',
      attrs: { text: { text: s.text } },
      data: { type: 'tm.Text', name: s.text, hasOpenThreats: false },
    }),
    // Threat Dragon's text blocks come back as notes (see note.ts): both are free text there.
  },
} satisfies ShapeKindModule<TextShape>;
