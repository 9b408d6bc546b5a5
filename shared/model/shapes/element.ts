import { pointInRect, rectOf, type Rect } from '../rect';
import type { Point, Size } from './common';
import { svgText, wrap } from './svg';
import type { TdExportContext } from './types';

/**
 * What the box-shaped DFD elements (external entity, process, data store) share: hit area, label drawing
 * and the Threat Dragon cell around their own fields. Each kind's module uses these; a new box element can too.
 */
export interface BoxElement {
  id: string;
  pos: Point;
  size: Size;
  label: string;
  description: string;
  outOfScope: boolean;
  outOfScopeReason: string;
}

export const boxBounds = (s: BoxElement): Rect => rectOf(s);
export const boxHit = (s: BoxElement, p: Point): boolean => pointInRect(p, rectOf(s));

/** The facts every box element states alike (labelled, a DFD element, connectable, lockable, a box hit area); its module spreads them. */
export const BOX_ELEMENT = {
  textField: 'label',
  text: (s: BoxElement) => s.label,
  isElement: true,
  inDiagram: true,
  connectable: true,
  avoidedByLabels: true,
  lockable: true,
  bounds: boxBounds,
  hit: boxHit,
  svgLayer: 2,
} as const;

/** The element's label, wrapped to its width, centred in it. */
export function labelSvg(s: BoxElement): string {
  const r = rectOf(s);
  return svgText(wrap(s.label, Math.max(8, Math.floor(r.w / 7)), 3), r.x + r.w / 2, r.y + r.h / 2);
}

/** Threat Dragon's default stroke of an element's outline. */
export const TD_BODY = { stroke: '#333333', strokeWidth: 1.5, strokeDasharray: null };

/** The fields of an element's `data` in a Threat Dragon cell, before kind-specific ones. */
export function tdElementData(type: string, s: BoxElement | (Omit<BoxElement, 'pos' | 'size'>), ctx: TdExportContext) {
  return {
    type,
    name: s.label,
    description: s.description,
    outOfScope: s.outOfScope,
    reasonOutOfScope: s.outOfScopeReason,
    isTrustBoundary: false,
    hasOpenThreats: ctx.hasOpenThreats,
    threats: ctx.threats,
  };
}
