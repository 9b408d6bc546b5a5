import * as Y from 'yjs';

/**
 * What a transaction changed, read inside it (server/sync/policy.ts): which items it created or deleted,
 * what a map key held before it, and putting a key back to that.
 */

export const createdIn = (tr: Y.Transaction, item: Y.Item) => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
/**
 * Whether the item was deleted in this transaction. The transaction's delete set is not sorted until its
 * cleanup (Y.isDeleted would binary-search it), so look through it.
 */
export const deletedIn = (tr: Y.Transaction, item: Y.Item): boolean => {
  const ranges = tr.deleteSet.clients.get(item.id.client);
  const clock = item.id.clock;
  return ranges?.some((r) => clock >= r.clock && clock < r.clock + r.len) ?? false;
};

/** The item that held `key` before this transaction, or null if the key had no live value then. */
export function previousItem(map: Y.Map<unknown>, key: string, tr: Y.Transaction): Y.Item | null {
  let item: Y.Item | null = map._map.get(key) ?? null;
  while (item && createdIn(tr, item)) item = item.left;
  if (!item) return null;
  // Deleted before this transaction: the key was absent.
  if (item.deleted && !deletedIn(tr, item)) return null;
  return item;
}

export function previous(map: Y.Map<unknown>, key: string, tr: Y.Transaction): { existed: boolean; value: unknown } {
  const item = previousItem(map, key, tr);
  if (!item) return { existed: false, value: undefined };
  return { existed: true, value: itemValue(item, tr) };
}

function itemValue(item: Y.Item, tr: Y.Transaction): unknown {
  const c = item.content;
  if (c instanceof Y.ContentType) return c.type instanceof Y.Map ? cloneRecord(c.type, tr) : undefined;
  const values = c.getContent();
  return values[values.length - 1];
}

/** A live copy of a record (possibly deleted in this transaction, so read from its items). */
function cloneRecord(old: Y.Map<unknown>, tr: Y.Transaction): Y.Map<unknown> {
  const copy = new Y.Map<unknown>();
  for (const key of old._map.keys()) {
    const v = deletedValue(old, key, tr);
    if (v !== undefined) copy.set(key, v);
  }
  return copy;
}

/** The value a key of a map had at the start of this transaction, even if the map was deleted in it. */
export function deletedValue(map: Y.Map<unknown>, key: string, tr: Y.Transaction): unknown {
  const item = previousItem(map, key, tr);
  if (!item || item.content instanceof Y.ContentType) return undefined;
  const values = item.content.getContent();
  return values[values.length - 1];
}

/** Put `key` of `map` back to what it was before this transaction (or remove it if it was absent). */
export function revertKey(map: Y.Map<unknown>, key: string, tr: Y.Transaction): void {
  const prev = previous(map, key, tr);
  if (!prev.existed || prev.value === undefined) {
    if (map.has(key)) map.delete(key);
    return;
  }
  map.set(key, prev.value);
}
