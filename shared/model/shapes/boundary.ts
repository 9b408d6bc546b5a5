import { z } from 'zod';
import { boundingBox, nearPolyline, rectOf, rectPolygon } from '../rect';
import { boxed, label, longText, ShapeBase, type Point } from './common';
import { svgRect, svgText, wrap } from './svg';
import type { ShapeKindModule } from './types';

/** A trust boundary: a closed dashed rectangle drawn behind everything else. */
export const BoundaryShape = ShapeBase.extend({
  kind: z.literal('boundary'),
  ...boxed({ w: 400, h: 300 }),
  label,
  description: longText,
});
export type BoundaryShape = z.infer<typeof BoundaryShape>;

const clampSize = (v: number) => Math.min(20_000, Math.max(8, v));

export const boundary = {
  kind: 'boundary',
  label: 'Trust boundary',
  schema: BoundaryShape,
  defaultSize: { w: 400, h: 300 },
  textField: 'label',
  text: (s) => s.label,
  isElement: false,
  inDiagram: true,
  connectable: false,
  avoidedByLabels: false,
  lockable: true,
  stride: [],
  bounds: (s) => rectOf(s),
  // Only near its outline, so that clicks inside reach what it encloses.
  hit: (s, p, tolerance) => nearPolyline(p, rectPolygon(rectOf(s)), tolerance, true),
  svgLayer: 0,
  svg(s) {
    const r = rectOf(s);
    const outline = svgRect(r, 'fill="none" stroke="#c92a2a" stroke-width="2" stroke-dasharray="8 5"');
    return outline + (s.label ? svgText(wrap(s.label, 40, 1), r.x + 8, r.y + 12, { anchor: 'start', size: 12, fill: '#c92a2a' }) : '');
  },
  td: {
    layer: 0,
    cell: (s, { common }) => ({
      ...common,
      shape: 'trust-boundary-box',
      attrs: { label: { text: s.label } },
      data: { type: 'tm.BoundaryBox', name: s.label, description: s.description, isTrustBoundary: true, hasOpenThreats: false },
    }),
    readers: [
      {
        names: ['trust-boundary-box', 'tm.boundarybox'],
        read: ({ base, pos, size, element }) => ({ ...base, kind: 'boundary', pos, size, label: element.label, description: element.description }),
      },
      {
        // A curve becomes the bounding box of its points: a board's boundaries are rectangles.
        names: ['trust-boundary-curve', 'tm.boundary'],
        links: true,
        read({ cell, base, element }) {
          const bends = (cell.vertices ?? []).map((p) => ({ x: p.x, y: p.y }));
          const pts = [cell.source, ...bends, cell.target].filter((p): p is Point => typeof p?.x === 'number' && typeof p?.y === 'number');
          const r = boundingBox(pts.length ? pts : [{ x: 0, y: 0 }]);
          return {
            ...base,
            kind: 'boundary',
            pos: { x: r.x, y: r.y },
            size: { w: clampSize(r.w), h: clampSize(r.h) },
            label: element.label,
            description: element.description,
          };
        },
      },
    ],
  },
} satisfies ShapeKindModule<BoundaryShape>;
