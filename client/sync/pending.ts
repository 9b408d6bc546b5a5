import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { LocalCopy } from './local';
import type { StatusStore } from './status';
import { addedIn, entriesOf, isPositionEntry, POSITIONS_ROOT } from '../../shared/model/positions';

/** Past this many, changed items are not told apart any more (the count stays, it just stops growing). */
const MAX_TRACKED = 1000;

type SharedType = Y.Transaction['changed'] extends Map<infer K, unknown> ? K : never;

/** The record (or value) of a root map that a changed type belongs to, as `root/key`; null for others. */
function itemIds(doc: Y.Doc, type: SharedType, keys: Set<string | null>): string[] {
  let t = type;
  let key: string | null = null;
  // Walk up to the entry of a root map: a record's fields change inside the record's own map.
  while (t._item) {
    key = t._item.parentSub;
    t = t._item.parent as SharedType;
  }
  let root: string | null = null;
  for (const [name, shared] of doc.share) if (shared === t) root = name;
  if (root === null) return [];
  if (key !== null) return [`${root}/${key}`];
  return [...keys].filter((k): k is string => k !== null).map((k) => `${root}/${k}`);
}

/**
 * Count what this device changed while `provider` is not in sync with the server — items (a note, an
 * element, a value), however many edits each took — into the board's `status.pending`, summed over the
 * board's documents. The list is kept with the local copy so the count survives a reload while offline.
 * It empties when the document syncs: on connect the provider sends everything the server lacks.
 */
export function trackPending(doc: Y.Doc, provider: WebsocketProvider, status: StatusStore, local: LocalCopy | null): () => void {
  const ids = new Set<string>();
  let counted = 0;
  const publish = () => {
    const delta = ids.size - counted;
    counted = ids.size;
    if (delta !== 0) status.set((s) => ({ ...s, pending: Math.max(0, s.pending + delta) }));
    local?.writePending([...ids]);
  };
  let live = true;
  // One write barrier at a time: changes made while one is in flight (a drag offline) run one more after it,
  // so the status says "saving" once per burst instead of flickering with every frame.
  let storing = false;
  let again = false;
  const setStoring = (on: boolean) => {
    storing = on;
    status.set((s) => ({ ...s, storing: Math.max(0, s.storing + (on ? 1 : -1)) }));
  };
  const waitStored = (copy: LocalCopy): void => {
    void copy.whenStored().then(() => {
      if (!live) return;
      if (again) {
        again = false;
        waitStored(copy);
      } else setStoring(false);
    });
  };
  const onTransaction = (tr: Y.Transaction) => {
    // Updates received (from the server or read from this device's copy) are applied as remote ones.
    if (provider.synced || !tr.local) return;
    // "Saved on this device" only once the change is committed to IndexedDB: a reload before that loses it.
    if (local && storing) again = true;
    else if (local) {
      setStoring(true);
      waitStored(local);
    }
    const before = ids.size;
    for (const [type, keys] of tr.changed) {
      if (type === doc.share.get(POSITIONS_ROOT)) {
        // A move: the shapes whose new entries the log got (counted with their records).
        for (const item of addedIn(tr, type as unknown as Y.Array<unknown>)) for (const e of entriesOf(item)) if (isPositionEntry(e) && ids.size < MAX_TRACKED) ids.add(`shapes/${e[0]}`);
        continue;
      }
      for (const id of itemIds(doc, type, keys)) if (ids.size < MAX_TRACKED) ids.add(id);
    }
    if (ids.size !== before) publish();
  };
  const onSync = (synced: boolean) => {
    if (!synced || ids.size === 0) return;
    ids.clear();
    publish();
  };
  doc.on('afterTransaction', onTransaction);
  provider.on('sync', onSync);
  void local?.readPending().then((stored) => {
    if (!live || provider.synced || stored.length === 0) return;
    for (const id of stored) if (ids.size < MAX_TRACKED) ids.add(id);
    publish();
  });
  return () => {
    live = false;
    doc.off('afterTransaction', onTransaction);
    provider.off('sync', onSync);
    if (counted > 0 || storing)
      status.set((s) => ({ ...s, pending: Math.max(0, s.pending - counted), storing: Math.max(0, s.storing - (storing ? 1 : 0)) }));
  };
}
