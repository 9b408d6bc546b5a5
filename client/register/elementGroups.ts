import { useMemo, useRef } from 'react';
import type { Shape, ThreatShape, View } from '../../shared/model/schema';
import { shapeName } from '../ui/panels/labels';

/** The elements of a threat on one view: what the Elements cell shows. */
export interface ElementGroup {
  viewTitle: string;
  elements: readonly { id: string; name: string | null }[];
}
export const NO_GROUPS: readonly ElementGroup[] = [];

/**
 * Each threat's elements grouped by the view they are on, with their names. Other people dragging shapes
 * change the shape map many times a second; a threat's groups keep their identity while its names and
 * views stay the same, so its (memoised) row does not re-render.
 */
export function useElementGroups(threats: readonly ThreatShape[], byId: ReadonlyMap<string, Shape>, views: ReadonlyMap<string, View>): ReadonlyMap<string, readonly ElementGroup[]> {
  const cache = useRef(new Map<string, { key: string; groups: readonly ElementGroup[] }>());
  return useMemo(() => {
    const out = new Map<string, readonly ElementGroup[]>();
    const next = new Map<string, { key: string; groups: readonly ElementGroup[] }>();
    for (const t of threats) {
      const byView = new Map<string, { id: string; name: string | null }[]>();
      for (const id of t.elements) {
        const el = byId.get(id);
        const view = el?.view ?? '';
        byView.set(view, [...(byView.get(view) ?? []), { id, name: el ? shapeName(el) : null }]);
      }
      const groups = [...byView].map(([view, elements]) => ({ viewTitle: views.get(view)?.title ?? '', elements }));
      const key = JSON.stringify(groups);
      const old = cache.current.get(t.id);
      const entry = old && old.key === key ? old : { key, groups };
      next.set(t.id, entry);
      out.set(t.id, entry.groups);
    }
    cache.current = next;
    return out;
  }, [threats, byId, views]);
}

