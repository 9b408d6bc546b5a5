import { useMemo } from 'react';
import type * as Y from 'yjs';
import { handIsUp } from '../../shared/facilitation/doc';
import { raisedHands, readHands, type HandRecord, type RaisedHand } from '../../shared/facilitation/hands';
import type { ReadStore } from '../lib/store';
import { useStore } from '../lib/useStore';
import { perDoc, valueStore } from '../lib/y-store';
import type { PresenceStore } from '../model/presence-store';
import { useParticipants } from '../model/presence-hooks';
import { useFacilitation, type HasSession } from './hooks';

/**
 * Raised hands as the facilitator sees them: those the server keeps in the facilitation document (they
 * survive a reload) together with those presence shows right now (before the server has written them).
 */
const stores = perDoc<ReadStore<ReadonlyMap<string, HandRecord>>>();

/** The stored hands of a facilitation document, kept current. One store per document. */
export function storedHandsStore(facDoc: Y.Doc): ReadStore<ReadonlyMap<string, HandRecord>> {
  return stores(facDoc, () => valueStore(facDoc, () => readHands(facDoc), sameHands));
}

function sameHands(a: ReadonlyMap<string, HandRecord>, b: ReadonlyMap<string, HandRecord>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, h] of a) {
    const o = b.get(id);
    if (!o || o.name !== h.name || o.raisedAt !== h.raisedAt) return false;
  }
  return true;
}

export function useRaisedHands(src: HasSession & { readonly presence: PresenceStore }): RaisedHand[] {
  const stored = useStore(storedHandsStore(src.fac.facDoc));
  const people = useParticipants(src.presence);
  const { handsLowered } = useFacilitation(src);
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
