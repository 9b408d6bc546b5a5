import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readMeta } from '../../shared/model/board-doc';
import type { Meta } from '../../shared/model/schema';
import { watchMeta } from '../../shared/client-support/watch';
import type { ConnectionStatus, StatusStore } from '../sync/status';
import { ShapesStore, type ShapesSnapshot } from './shapes-store';

/** One store per document, shared by every component that asks for it. */
const shapeStores = new WeakMap<Y.Doc, ShapesStore>();

export function shapesStoreFor(doc: Y.Doc): ShapesStore {
  let s = shapeStores.get(doc);
  if (!s) {
    s = new ShapesStore(doc);
    shapeStores.set(doc, s);
    doc.once('destroy', () => s?.destroy());
  }
  return s;
}

export function useShapes(doc: Y.Doc): ShapesSnapshot {
  const store = shapesStoreFor(doc);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

interface MetaStore {
  get(): Meta;
  subscribe(l: () => void): () => void;
}
const metaStores = new WeakMap<Y.Doc, MetaStore>();

function metaStoreFor(doc: Y.Doc): MetaStore {
  let s = metaStores.get(doc);
  if (!s) {
    let value = readMeta(doc);
    const listeners = new Set<() => void>();
    const unwatch = watchMeta(doc, () => {
      const next = readMeta(doc);
      if (next.title === value.title && next.schemaVersion === value.schemaVersion) return;
      value = next;
      for (const l of [...listeners]) l();
    });
    s = {
      get: () => value,
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    metaStores.set(doc, s);
    doc.once('destroy', unwatch);
  }
  return s;
}

export function useMeta(doc: Y.Doc): Meta {
  const store = metaStoreFor(doc);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

export function useConnectionStatus(status: StatusStore): ConnectionStatus {
  return useSyncExternalStore(status.subscribe, status.get, status.get);
}
