import type * as Y from 'yjs';
import { byZ, readShapes } from '../../shared/model/board-doc';
import type { Shape } from '../../shared/model/schema';
import { readShapeById, watchShapes } from '../../shared/client-support/watch';

export interface ShapesSnapshot {
  /** Valid shapes of every view, in z order. */
  list: readonly Shape[];
  byId: ReadonlyMap<string, Shape>;
  /** Records that failed validation: skipped, and reported in the UI. */
  errors: readonly { id: string; error: string }[];
}

/**
 * Parsed shapes of a board document, kept as an immutable snapshot for useSyncExternalStore.
 * Each transaction re-reads only the records it touched, and unchanged records keep their object
 * identity, so memoized note components skip re-rendering.
 */
export class ShapesStore {
  private snapshot: ShapesSnapshot;
  private errorsById = new Map<string, string>();
  private listeners = new Set<() => void>();
  private unwatch: () => void;

  constructor(private readonly doc: Y.Doc) {
    const all = readShapes(doc);
    for (const e of all.errors) this.errorsById.set(e.id, e.error);
    this.snapshot = {
      list: all.records,
      byId: new Map(all.records.map((s) => [s.id, s])),
      errors: all.errors,
    };
    this.unwatch = watchShapes(doc, (ids) => this.apply(ids));
  }

  get = (): ShapesSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.unwatch();
    this.listeners.clear();
  }

  private apply(ids: Set<string>): void {
    const prev = this.snapshot;
    const byId = new Map(prev.byId);
    let orderChanged = false;
    let errorsChanged = false;
    for (const id of ids) {
      const before = prev.byId.get(id);
      const r = readShapeById(this.doc, id);
      if (r?.ok) {
        byId.set(id, r.value);
        if (!before || before.z !== r.value.z) orderChanged = true;
      } else {
        byId.delete(id);
        if (before) orderChanged = true;
      }
      const error = r && !r.ok ? r.error : undefined;
      if (error !== this.errorsById.get(id)) {
        errorsChanged = true;
        if (error === undefined) this.errorsById.delete(id);
        else this.errorsById.set(id, error);
      }
    }
    const list = orderChanged
      ? [...byId.values()].sort(byZ)
      : prev.list.map((s) => (ids.has(s.id) ? (byId.get(s.id) ?? s) : s));
    const errors = errorsChanged ? [...this.errorsById].map(([id, error]) => ({ id, error })) : prev.errors;
    this.snapshot = { list, byId, errors };
    for (const l of [...this.listeners]) l();
  }
}
