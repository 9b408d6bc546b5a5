import { z } from 'zod';
import { rectOf } from '../rect';
import { boxed, ElementFields, ShapeBase } from './common';
import { BOX_ELEMENT, labelSvg, TD_BODY, tdElementData } from './element';
import { n, svgRect } from './svg';
import type { ShapeKindModule } from './types';

export const RUNS_ON = ['', 'device', 'phone', 'cloud', 'hospital', 'other'] as const;

/** A process: code that handles data (firmware, an app, a cloud service). */
export const ProcessShape = ShapeBase.extend({
  kind: z.literal('process'),
  ...boxed({ w: 140, h: 80 }),
  ...ElementFields,
  runsOn: z.enum(RUNS_ON).catch('').default(''),
});
export type ProcessShape = z.infer<typeof ProcessShape>;

export const process = {
  kind: 'process',
  label: 'Process',
  schema: ProcessShape,
  ...BOX_ELEMENT,
  defaultSize: { w: 150, h: 80 },
  stride: ['S', 'T', 'R', 'I', 'D', 'E'],
  svg(s) {
    const r = rectOf(s);
    const dash = s.outOfScope ? ' stroke-dasharray="2 3"' : '';
    return svgRect(r, `rx="${n(Math.min(18, r.h / 2))}" fill="#fff" stroke="#212529" stroke-width="2"${dash}`) + labelSvg(s);
  },
  mermaidNode: (l) => `([${l}])`,
  td: {
    layer: 1,
    cell: (s, ctx) => ({
      ...ctx.common,
      shape: 'process',
      attrs: { text: { text: s.label }, body: TD_BODY },
      data: tdElementData('tm.Process', s, ctx),
    }),
    readers: [{ names: ['process', 'tm.process'], read: ({ base, pos, size, element }) => ({ ...base, kind: 'process', pos, size, ...element, runsOn: '' }) }],
  },
} satisfies ShapeKindModule<ProcessShape>;
