import { boundaryCrossings } from '../model/geometry';
import { STRIDE, type Shape, type Stride, type ThreatShape } from '../model/schema';
import { applicableStride, isDfdElement, type DfdElement } from '../model/shapes/index';
export { STRIDE_NAMES } from './library-meta';
export { STRIDE_COLORS } from '../model/shapes/threat';
/**
 * What a DFD element is, and which STRIDE categories are worth discussing for each (STRIDE per element):
 * facts of each kind's module, defined once in the shape registry. A prompt for the group, not a rule: a
 * threat of another category can still be attached.
 */
export { applicableStride, isDfdElement, type DfdElement } from '../model/shapes/index';

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
