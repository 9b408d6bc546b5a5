/**
 * The store interface every snapshot in the client implements, for React's useSyncExternalStore (read
 * with `useStore`). `get` returns an immutable snapshot that keeps its identity until something changed.
 * Session state (camera, tool, selection) lives in writable `createStore`s, outside React, so pointer
 * handlers can read and write it without re-rendering the tree; document state comes from y-store.ts.
 */
export interface ReadStore<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}

export interface Store<T> extends ReadStore<T> {
  set(next: T | ((prev: T) => T)): void;
}

export function createStore<T>(initial: T, equals: (a: T, b: T) => boolean = Object.is): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      const v = typeof next === 'function' ? (next as (prev: T) => T)(value) : next;
      if (equals(v, value)) return;
      value = v;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A store that never changes (e.g. the ballots of a viewer, who has no private document). */
export function constantStore<T>(value: T): ReadStore<T> {
  return { get: () => value, subscribe: () => () => undefined };
}
