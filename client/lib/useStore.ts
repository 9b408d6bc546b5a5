import { useSyncExternalStore } from 'react';
import type { ReadStore } from './store';

/** A store's current snapshot; the component re-renders when it changes. */
export function useStore<T>(store: ReadStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
