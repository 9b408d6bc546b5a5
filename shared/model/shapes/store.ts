import { z } from 'zod';
import { rectOf } from '../rect';
import { boxed, ElementFields, ShapeBase } from './common';
import { BOX_ELEMENT, labelSvg, TD_BODY, tdElementData } from './element';
import { n, svgRect } from './svg';
import type { ShapeKindModule } from './types';

/** A data store: data at rest (a database, a file, a log). */
export const StoreShape = ShapeBase.extend({
  kind: z.literal('store'),
  ...boxed({ w: 140, h: 80 }),
  ...ElementFields,
  holdsPatientData: z.boolean().default(false),
  isLog: z.boolean().default(false),
});
export type StoreShape = z.infer<typeof StoreShape>;

const STORE_STRIDE = ['T', 'R', 'I', 'D'] as const;

export const store = {
  kind: 'store',
  label: 'Data store',
  schema: StoreShape,
  ...BOX_ELEMENT,
  defaultSize: { w: 150, h: 70 },
  stride: STORE_STRIDE,
  // Repudiation of a store is only a question when the store is a log (who did what).
  strideOf: (s) => (s.isLog ? STORE_STRIDE : STORE_STRIDE.filter((l) => l !== 'R')),
  svg(s) {
    const r = rectOf(s);
    const line = (y: number) => `<line x1="${n(r.x)}" y1="${n(y)}" x2="${n(r.x + r.w)}" y2="${n(y)}" stroke="#212529" stroke-width="2"/>`;
    return svgRect(r, 'fill="#fff" stroke="none"') + line(r.y) + line(r.y + r.h) + labelSvg(s);
  },
  mermaidNode: (l) => `[(${l})]`,
  td: {
    layer: 1,
    cell: (s, ctx) => ({
      ...ctx.common,
      shape: 'store',
      attrs: { text: { text: s.label }, topLine: TD_BODY, bottomLine: TD_BODY },
      data: { ...tdElementData('tm.Store', s, ctx), isALog: s.isLog },
    }),
    readers: [
      {
        names: ['store', 'tm.store'],
        read: ({ base, pos, size, element, data }) => ({ ...base, kind: 'store', pos, size, ...element, holdsPatientData: false, isLog: data.isALog ?? false }),
      },
    ],
  },
} satisfies ShapeKindModule<StoreShape>;
