import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';

/** Small building blocks shared by every module that reads or writes records in a Y.Doc. */
export type RecordMap = Y.Map<unknown>;

/** A record as a Y.Map of its fields (undefined fields are left out). */
export function toYMap(fields: object): RecordMap {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) m.set(k, v);
  return m;
}

/** The plain JSON of a Yjs type, or the value itself: what a schema parses. */
export function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

/**
 * A fractional-index key between two others (null for an end). A corrupt key from an old or hostile
 * client must not stop anyone adding or moving records: fall back to ignoring one neighbour, then both
 * (the record then sorts near an end rather than failing).
 */
export function keyBetween(a: string | null, b: string | null): string {
  for (const [x, y] of [[a, b], [a, null], [null, b], [null, null]] as const) {
    try {
      return generateKeyBetween(x, y);
    } catch {
      /* try the next, looser pair */
    }
  }
  return 'a0';
}
