import { boundaryCrossings } from '../model/geometry';
import { STRIDE_PER_ELEMENT } from './library-meta';
export { STRIDE_NAMES } from './library-meta';
import { STRIDE, type EntityShape, type FlowShape, type ProcessShape, type Shape, type StoreShape, type Stride, type ThreatShape } from '../model/schema';

export type DfdElement = EntityShape | ProcessShape | StoreShape | FlowShape;

/** Colours per letter; the letter itself is always drawn too, so colour never carries meaning alone. */
export const STRIDE_COLORS: Record<Stride, string> = {
  S: '#ffd8a8',
  T: '#ffc9c9',
  R: '#d0bfff',
  I: '#a5d8ff',
  D: '#ffec99',
  E: '#b2f2bb',
};

export function isDfdElement(s: Shape): s is DfdElement {
  return s.kind === 'entity' || s.kind === 'process' || s.kind === 'store' || s.kind === 'flow';
}

/**
 * STRIDE per element: which categories are worth discussing for each DFD kind. A prompt for the group,
 * not a rule: a threat of another category can still be attached.
 */
export function applicableStride(el: DfdElement): Stride[] {
  const letters = STRIDE_PER_ELEMENT[el.kind];
  // Repudiation of a store is only a question when the store is a log (who did what).
  return el.kind === 'store' && !el.isLog ? letters.filter((l) => l !== 'R') : [...letters];
}

export interface CoverageRow {
  element: DfdElement;
  applicable: Stride[];
  /** Letters with at least one threat on this element that is not marked not-applicable. */
  covered: Stride[];
  gaps: Stride[];
  /** Boundary ids a flow crosses (empty for other kinds). */
  crosses: string[];
  /** Open threats per letter, for the badge on the element. */
  open: Partial<Record<Stride, number>>;
}

/**
 * The STRIDE coverage of a set of shapes (usually one view, or the whole board): one row per in-scope
 * element, flows crossing a trust boundary first, then by number of gaps, then by label.
 */
export function strideCoverage(shapes: readonly Shape[]): CoverageRow[] {
  const crossings = boundaryCrossings(shapes);
  const threatsByElement = new Map<string, ThreatShape[]>();
  for (const s of shapes) {
    if (s.kind !== 'threat') continue;
    for (const el of s.elements) {
      const list = threatsByElement.get(el) ?? [];
      list.push(s);
      threatsByElement.set(el, list);
    }
  }
  const rows: CoverageRow[] = [];
  for (const s of shapes) {
    if (!isDfdElement(s) || s.outOfScope) continue;
    const applicable = applicableStride(s);
    const threats = threatsByElement.get(s.id) ?? [];
    const coveredSet = new Set(threats.filter((t) => t.status !== 'not-applicable').map((t) => t.stride));
    const open: Partial<Record<Stride, number>> = {};
    for (const t of threats) if (t.status === 'open') open[t.stride] = (open[t.stride] ?? 0) + 1;
    rows.push({
      element: s,
      applicable,
      covered: STRIDE.filter((l) => coveredSet.has(l)),
      gaps: applicable.filter((l) => !coveredSet.has(l)),
      crosses: crossings.get(s.id) ?? [],
      open,
    });
  }
  return rows.sort(
    (a, b) =>
      Number(b.crosses.length > 0) - Number(a.crosses.length > 0) ||
      b.gaps.length - a.gaps.length ||
      a.element.label.localeCompare(b.element.label) ||
      a.element.id.localeCompare(b.element.id),
  );
}
