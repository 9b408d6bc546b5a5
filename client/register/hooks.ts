import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readAssumptions, readMitigations } from '../../shared/formats/board-data';
import { boardMaps } from '../../shared/model/board-doc';
import type { Assumption, Mitigation } from '../../shared/model/schema';

/**
 * Live lists of the board's mitigations and assumptions. Both are small (hundreds at most), so each
 * change re-reads the whole list; the snapshot keeps its identity while nothing changed, so React skips
 * work on updates to other parts of the document.
 */
interface ListStore<T> {
  get(): readonly T[];
  subscribe(l: () => void): () => void;
}

/** The part of a Y.Map a list store needs: deep change notifications. */
interface Observable {
  observeDeep(f: () => void): void;
  unobserveDeep(f: () => void): void;
}

function listStore<T>(doc: Y.Doc, map: Observable, read: () => T[]): ListStore<T> {
  let value: readonly T[] = read();
  let key = JSON.stringify(value);
  const listeners = new Set<() => void>();
  const onChange = () => {
    const next = read();
    const nextKey = JSON.stringify(next);
    if (nextKey === key) return;
    value = next;
    key = nextKey;
    for (const l of [...listeners]) l();
  };
  map.observeDeep(onChange);
  doc.once('destroy', () => map.unobserveDeep(onChange));
  return {
    get: () => value,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

const mitigationStores = new WeakMap<Y.Doc, ListStore<Mitigation>>();
const assumptionStores = new WeakMap<Y.Doc, ListStore<Assumption>>();

export function useMitigations(doc: Y.Doc): readonly Mitigation[] {
  let s = mitigationStores.get(doc);
  if (!s) {
    s = listStore(doc, boardMaps(doc).mitigations, () => readMitigations(doc).records);
    mitigationStores.set(doc, s);
  }
  return useSyncExternalStore(s.subscribe, s.get, s.get);
}

export function useAssumptions(doc: Y.Doc): readonly Assumption[] {
  let s = assumptionStores.get(doc);
  if (!s) {
    s = listStore(doc, boardMaps(doc).assumptions, () => readAssumptions(doc).records);
    assumptionStores.set(doc, s);
  }
  return useSyncExternalStore(s.subscribe, s.get, s.get);
}
