import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readViews } from '../../../shared/model/board-doc';
import type { View } from '../../../shared/model/schema';

interface ViewsStore {
  get(): readonly View[];
  subscribe(l: () => void): () => void;
}

/** One store per document. Views are few, so a re-read per update is cheap; the snapshot keeps its identity while nothing changed. */
const stores = new WeakMap<Y.Doc, ViewsStore>();

function viewsStoreFor(doc: Y.Doc): ViewsStore {
  let s = stores.get(doc);
  if (s) return s;
  let value: readonly View[] = readViews(doc).records;
  let key = JSON.stringify(value);
  const listeners = new Set<() => void>();
  const onUpdate = () => {
    const next = readViews(doc).records;
    const nextKey = JSON.stringify(next);
    if (nextKey === key) return;
    value = next;
    key = nextKey;
    for (const l of [...listeners]) l();
  };
  doc.on('update', onUpdate);
  doc.once('destroy', () => doc.off('update', onUpdate));
  s = {
    get: () => value,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  stores.set(doc, s);
  return s;
}

/** The board's views (diagrams), in tab order. */
export function useViews(doc: Y.Doc): readonly View[] {
  const store = viewsStoreFor(doc);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
