import type * as Y from 'yjs';
import { boardMaps, readMeta, readViews } from '../../shared/model/board-doc';
import type { Meta, View } from '../../shared/model/schema';
import { peopleMap, readPeople, type Person } from '../../shared/model/people';
import type { ReadStore } from '../lib/store';
import { useStore } from '../lib/useStore';
import { perDoc, sameJson, valueStore } from '../lib/y-store';
import type { ConnectionStatus, StatusStore } from '../sync/status';
import { ShapesStore, type ShapesSnapshot } from './shapes-store';

/** One store per document, shared by every component that asks for it. */
const shapeStores = perDoc<ShapesStore>();
const metaStores = perDoc<ReadStore<Meta>>();
const viewStores = perDoc<ReadStore<readonly View[]>>();
const peopleStores = perDoc<ReadStore<ReadonlyMap<string, Person>>>();

export function shapesStoreFor(doc: Y.Doc): ShapesStore {
  return shapeStores(doc, () => new ShapesStore(doc));
}

export function useShapes(doc: Y.Doc): ShapesSnapshot {
  return useStore(shapesStoreFor(doc));
}

export function metaStoreFor(doc: Y.Doc): ReadStore<Meta> {
  return metaStores(doc, () =>
    valueStore(boardMaps(doc).meta, () => readMeta(doc), (a, b) => a.title === b.title && a.schemaVersion === b.schemaVersion),
  );
}

export function useMeta(doc: Y.Doc): Meta {
  return useStore(metaStoreFor(doc));
}

/** The board's views (diagrams), in tab order. Views are few: a change re-reads them all. */
export function viewsStoreFor(doc: Y.Doc): ReadStore<readonly View[]> {
  return viewStores(doc, () => valueStore(boardMaps(doc).views, () => readViews(doc).records, sameJson));
}

export function useViews(doc: Y.Doc): readonly View[] {
  return useStore(viewsStoreFor(doc));
}

/** Everyone who has opened the board (names, roles, last visit), as the server recorded them. */
export function peopleStoreFor(doc: Y.Doc): ReadStore<ReadonlyMap<string, Person>> {
  return peopleStores(doc, () => valueStore(peopleMap(doc), () => readPeople(doc), (a, b) => sameJson([...a.values()], [...b.values()])));
}

export function usePeople(doc: Y.Doc): ReadonlyMap<string, Person> {
  return useStore(peopleStoreFor(doc));
}

export function useConnectionStatus(status: StatusStore): ConnectionStatus {
  return useStore(status);
}
