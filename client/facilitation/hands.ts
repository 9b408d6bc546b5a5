import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { handIsUp } from '../../shared/facilitation/doc';
import { raisedHands, readHands, watchHands, type HandRecord, type RaisedHand } from '../../shared/facilitation/hands';
import type { Editor } from '../editor/editor';
import { createStore, type Store } from '../lib/store';
import { useParticipants } from '../model/presence-hooks';
import { useFacilitation } from './hooks';

/**
 * Raised hands as the facilitator sees them: those the server keeps in the facilitation document (they
 * survive a reload) together with those presence shows right now (before the server has written them).
 */
const stores = new WeakMap<Y.Doc, Store<ReadonlyMap<string, HandRecord>>>();

/** The stored hands of a facilitation document, kept current. One store per document. */
export function storedHandsStore(facDoc: Y.Doc): Store<ReadonlyMap<string, HandRecord>> {
  let s = stores.get(facDoc);
  if (!s) {
    const store = createStore<ReadonlyMap<string, HandRecord>>(readHands(facDoc));
    watchHands(facDoc, () => store.set(readHands(facDoc)));
    stores.set(facDoc, store);
    s = store;
  }
  return s;
}

export function useRaisedHands(editor: Editor): RaisedHand[] {
  const store = storedHandsStore(editor.fac.facDoc);
  const stored = useSyncExternalStore(store.subscribe, store.get, store.get);
  const people = useParticipants(editor.presence);
  const { handsLowered } = useFacilitation(editor);
  return useMemo(() => {
    const all = new Map(stored);
    for (const p of people) {
      if (p.hand === null) {
        // Present and down in presence: lowered a moment ago, the server will remove it.
        if (p.connections > 0 && all.has(p.id) && !handIsUp(all.get(p.id)!.raisedAt, handsLowered[p.id])) all.delete(p.id);
        continue;
      }
      if (!all.has(p.id) || all.get(p.id)!.raisedAt < p.hand) all.set(p.id, { name: p.name, raisedAt: p.hand });
    }
    return raisedHands(all, handsLowered);
  }, [stored, people, handsLowered]);
}
