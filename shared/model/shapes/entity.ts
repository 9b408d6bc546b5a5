import { z } from 'zod';
import { rectOf } from '../rect';
import { boxed, ElementFields, ShapeBase } from './common';
import { BOX_ELEMENT, labelSvg, TD_BODY, tdElementData } from './element';
import { svgRect } from './svg';
import type { ShapeKindModule } from './types';

/** An external entity: a person or system outside the one being modelled. */
export const EntityShape = ShapeBase.extend({ kind: z.literal('entity'), ...boxed({ w: 140, h: 80 }), ...ElementFields });
export type EntityShape = z.infer<typeof EntityShape>;

export const entity = {
  kind: 'entity',
  label: 'External entity',
  schema: EntityShape,
  ...BOX_ELEMENT,
  defaultSize: { w: 150, h: 80 },
  stride: ['S', 'R'],
  svg: (s) => svgRect(rectOf(s), `rx="0" fill="#fff" stroke="#212529" stroke-width="2"${s.outOfScope ? ' stroke-dasharray="2 3"' : ''}`) + labelSvg(s),
  mermaidNode: (l) => `[${l}]`,
  td: {
    layer: 1,
    cell: (s, ctx) => ({
      ...ctx.common,
      shape: 'actor',
      attrs: { text: { text: s.label }, body: TD_BODY },
      data: tdElementData('tm.Actor', s, ctx),
    }),
    readers: [{ names: ['actor', 'tm.actor'], read: ({ base, pos, size, element }) => ({ ...base, kind: 'entity', pos, size, ...element }) }],
  },
} satisfies ShapeKindModule<EntityShape>;
