import type * as Y from 'yjs';
import type { ParseResult } from '../../shared/model/schema';
import type { ReadStore } from './store';
export type { ReadStore } from './store';

/**
 * The one way the client observes a Y.Doc: a read-only snapshot store for `useSyncExternalStore`.
 * (`ReadStore`, read in components with `useStore`). Snapshots are immutable and keep their identity while nothing they show changed, so React (and
 * memoized components) skip work. Two flavours:
 *  - `valueStore`: re-reads a small value (meta, facilitation state, a ballot) after each change of its
 *    source and keeps the old snapshot when `equals` says nothing changed;
 *  - `recordsStore`: a map of records (one Y.Map per record, keyed by id), parsed through the shared zod
 *    schemas; each transaction re-parses only the records it touched (a 2,000-note board must not be
 *    re-parsed on every drag frame), and unchanged records keep their object identity.
 * Nothing else in client/ calls `observe`, `observeDeep` or `doc.on('update')`.
 */
/** What a store can watch: a whole document (small ones) or one root type (deep changes). */
export type Source = Y.Doc | Y.AbstractType<any>;

function watch(source: Source, onChange: (events: Y.YEvent<any>[] | null) => void): () => void {
  if ('getMap' in source) {
    const h = () => onChange(null);
    source.on('update', h);
    return () => source.off('update', h);
  }
  const h = (events: Y.YEvent<any>[]) => onChange(events);
  source.observeDeep(h);
  return () => source.unobserveDeep(h);
}

/** The document a source belongs to: its stores stop watching when it is destroyed. */
function docOf(source: Source): Y.Doc | null {
  return 'getMap' in source ? source : source.doc;
}

class Listeners {
  private set = new Set<() => void>();
  subscribe = (l: () => void): (() => void) => {
    this.set.add(l);
    return () => this.set.delete(l);
  };
  emit(): void {
    for (const l of [...this.set]) l();
  }
}

export interface ValueStore<T> extends ReadStore<T> {
  destroy(): void;
}

/** A value read from `source` after every change to it; the snapshot is replaced only when `equals` fails. */
export function valueStore<T>(source: Source, read: () => T, equals: (a: T, b: T) => boolean = Object.is): ValueStore<T> {
  let value = read();
  const listeners = new Listeners();
  const unwatch = watch(source, () => {
    const next = read();
    if (equals(value, next)) return;
    value = next;
    listeners.emit();
  });
  docOf(source)?.once('destroy', unwatch);
  return { get: () => value, subscribe: listeners.subscribe, destroy: unwatch };
}

export interface RecordsSnapshot<T> {
  /** Valid records in the store's order. */
  list: readonly T[];
  byId: ReadonlyMap<string, T>;
  /** Records that failed validation: skipped, and reported in the UI. */
  errors: readonly { id: string; error: string }[];
}

export interface RecordsOptions<T> {
  /** Parse one raw record (a Y.Map) stored under `id`. */
  parse(raw: unknown, id: string): ParseResult<T>;
  /** Sort order of `list`. */
  compare(a: T, b: T): number;
  /**
   * Whether a changed record can keep its place in `list` (its sort key did not change); when true for
   * every changed record, the list is patched in place instead of sorted again.
   */
  samePlace?(before: T, after: T): boolean;
}

/** Records of one Y.Map, parsed once per change of each record. */
export class RecordsStore<T extends { id: string }> implements ReadStore<RecordsSnapshot<T>> {
  private snapshot: RecordsSnapshot<T>;
  /** Records shown by `preview` until the map's first change. */
  private previewed: ReadonlyMap<string, T> | null = null;
  private errorsById = new Map<string, string>();
  private listeners = new Listeners();
  private unwatch: () => void;

  constructor(
    private readonly map: Y.Map<any>,
    private readonly options: RecordsOptions<T>,
  ) {
    const list: T[] = [];
    map.forEach((raw, id: string) => {
      const r = options.parse(raw, id);
      if (r.ok) list.push(r.value);
      else this.errorsById.set(id, r.error);
    });
    list.sort(options.compare);
    this.snapshot = { list, byId: new Map(list.map((s) => [s.id, s])), errors: this.errorList() };
    const handler = (events: Y.YEvent<any>[]) => this.refresh(changedKeys(map, events));
    map.observeDeep(handler);
    this.unwatch = () => map.unobserveDeep(handler);
    map.doc?.once('destroy', () => this.destroy());
  }

  get = (): RecordsSnapshot<T> => this.snapshot;
  subscribe = (l: () => void): (() => void) => this.listeners.subscribe(l);

  destroy(): void {
    this.unwatch();
  }

  private errorList(): { id: string; error: string }[] {
    return [...this.errorsById].map(([id, error]) => ({ id, error }));
  }

  /**
   * Show `records` (already validated) while the map has none: a first paint from a list the server sent
   * (client/sync/first-paint.ts). The map's first change replaces them all; a record the map holds
   * unchanged keeps the preview's object, so nothing drawn from it renders again. False when the map
   * already has records.
   */
  preview(records: readonly T[]): boolean {
    if (this.map.size > 0) return false;
    const list = [...records].sort(this.options.compare);
    const byId = new Map(list.map((r) => [r.id, r] as const));
    this.previewed = byId;
    this.snapshot = { list, byId, errors: this.snapshot.errors };
    this.listeners.emit();
    return true;
  }

  /** Parse the records `ids` again (changed in the map, or in something `parse` reads besides it). */
  protected refresh(ids: Set<string>): void {
    if (ids.size === 0) return;
    const { parse, compare, samePlace } = this.options;
    const shown = this.previewed;
    this.previewed = null;
    const prev = shown ? { ...this.snapshot, list: [], byId: new Map<string, T>() } : this.snapshot;
    const byId = new Map(prev.byId);
    let reorder = false;
    let errorsChanged = false;
    for (const id of ids) {
      const before = prev.byId.get(id);
      const raw = this.map.get(id);
      const r = raw === undefined ? null : parse(raw, id);
      if (r?.ok) {
        const value = shown ? sameRecord(shown.get(id), r.value) : r.value;
        byId.set(id, value);
        if (!before || !samePlace?.(before, value)) reorder = true;
      } else {
        byId.delete(id);
        if (before) reorder = true;
      }
      const error = r && !r.ok ? r.error : undefined;
      if (error !== this.errorsById.get(id)) {
        errorsChanged = true;
        if (error === undefined) this.errorsById.delete(id);
        else this.errorsById.set(id, error);
      }
    }
    const list = reorder ? [...byId.values()].sort(compare) : prev.list.map((s) => (ids.has(s.id) ? (byId.get(s.id) ?? s) : s));
    const errors = errorsChanged ? this.errorList() : prev.errors;
    this.snapshot = { list, byId, errors };
    this.listeners.emit();
  }
}

/** `shown` when it has the same fields and values as `read` (a previewed record), else `read`. */
function sameRecord<T>(shown: T | undefined, read: T): T {
  return shown !== undefined && JSON.stringify(shown) === JSON.stringify(read) ? shown : read;
}

/** Ids of the records a transaction added, removed or edited. */
function changedKeys(map: Y.Map<any>, events: Y.YEvent<any>[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.target === map) {
      for (const key of (e as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
    } else {
      const first = e.path[0];
      if (typeof first === 'string') ids.add(first);
    }
  }
  return ids;
}

/** A store per document (and key), made on first use and shared by every component that asks. */
export function perDoc<T>(): (doc: Y.Doc, make: () => T) => T {
  const cache = new WeakMap<Y.Doc, T>();
  return (doc, make) => {
    let s = cache.get(doc);
    if (s === undefined) {
      s = make();
      cache.set(doc, s);
    }
    return s;
  };
}

/** Structural equality through JSON, for small plain values (a few dozen records at most). */
export function sameJson<T>(a: T, b: T): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
