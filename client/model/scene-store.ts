import { useSyncExternalStore } from 'react';
import { byZ } from '../../shared/model/board-doc';
import type { Shape } from '../../shared/model/schema';
import type { ShapesSnapshot } from './shapes-store';

export interface SceneSnapshot extends ShapesSnapshot {
  /** Ids of this user's hidden brainstorm notes (from the private document) among `list`. */
  hidden: ReadonlySet<string>;
}

interface Source<T> {
  get(): T;
  subscribe(l: () => void): () => void;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * What the canvas shows: the board's shapes plus this user's hidden brainstorm notes, which nobody
 * else has. Hidden notes come after the board's shapes (drawn on top: they are the ones being worked
 * on). The merged lookup is a layered map, so a drag on a 2,000-shape board does not copy the index
 * on every frame.
 */
export class SceneStore {
  private snapshot: SceneSnapshot;
  private lastBoard: ShapesSnapshot;
  private lastHidden: readonly Shape[];

  constructor(
    private readonly board: Source<ShapesSnapshot>,
    private readonly hiddenNotes: Source<readonly Shape[]>,
  ) {
    this.lastBoard = board.get();
    this.lastHidden = hiddenNotes.get();
    this.snapshot = merge(this.lastBoard, this.lastHidden);
  }

  get = (): SceneSnapshot => {
    const b = this.board.get();
    const h = this.hiddenNotes.get();
    if (b !== this.lastBoard || h !== this.lastHidden) {
      this.lastBoard = b;
      this.lastHidden = h;
      this.snapshot = merge(b, h);
    }
    return this.snapshot;
  };

  subscribe = (l: () => void): (() => void) => {
    const a = this.board.subscribe(l);
    const b = this.hiddenNotes.subscribe(l);
    return () => {
      a();
      b();
    };
  };
}

export function merge(board: ShapesSnapshot, hiddenNotes: readonly Shape[]): SceneSnapshot {
  if (hiddenNotes.length === 0) return { ...board, hidden: NONE };
  // A note already revealed into the board (the server writes the board first) is shown once.
  const mine = hiddenNotes.filter((s) => !board.byId.has(s.id)).sort(byZ);
  if (mine.length === 0) return { ...board, hidden: NONE };
  const top = new Map(mine.map((s) => [s.id, s] as const));
  return { list: [...board.list, ...mine], byId: new LayeredMap(top, board.byId), errors: board.errors, hidden: new Set(top.keys()) };
}

/** A read-only map that looks in `top` first, then in `base`; the two never share keys here. */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly top: ReadonlyMap<K, V>,
    private readonly base: ReadonlyMap<K, V>,
  ) {}
  get size(): number {
    return this.top.size + this.base.size;
  }
  get(k: K): V | undefined {
    return this.top.get(k) ?? this.base.get(k);
  }
  has(k: K): boolean {
    return this.top.has(k) || this.base.has(k);
  }
  forEach(fn: (v: V, k: K, m: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this) fn(v, k, this);
  }
  *entries(): MapIterator<[K, V]> {
    yield* this.base.entries();
    yield* this.top.entries();
  }
  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/** The canvas's shapes (board plus own hidden notes) for a component. */
export function useScene(store: SceneStore): SceneSnapshot {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
