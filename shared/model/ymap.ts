import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';

/** Small building blocks shared by every module that reads or writes records in a Y.Doc. */
export type RecordMap = Y.Map<unknown>;

/** Authorship stamps and what their schemas read when a stamp is absent ('' and 0: "not stamped"). */
const UNSTAMPED: Readonly<Record<string, unknown>> = { createdBy: '', createdAt: 0, updatedBy: '', updatedAt: 0 };

/**
 * A record as a Y.Map of its fields. Undefined fields are left out, and so are unset authorship stamps:
 * the server stamps every record a client creates, and a client's placeholder would only stay in the
 * document's history as a deleted entry (two per record: 4,000 of a 2,000-note board's 52,000 structs).
 */
export function toYMap(fields: object, keep: (key: string, value: unknown) => boolean = () => true): RecordMap {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && UNSTAMPED[k] !== v && keep(k, v)) m.set(k, v);
  return m;
}

/**
 * The plain value of a Yjs type, or the value itself: what a schema parses. Bounded: types nested deeper
 * than `depth` read as undefined, and types the model never uses (text, XML) read as undefined, so a
 * hostile document (a chain of thousands of nested maps) cannot overflow the stack of any reader.
 */
export function plain(value: unknown, depth = 3): unknown {
  if (!(value instanceof Y.AbstractType)) return value;
  if (depth <= 0) return undefined;
  if (value instanceof Y.Map) {
    const out: Record<string, unknown> = {};
    value.forEach((v, k) => {
      const p = plain(v, depth - 1);
      if (p !== undefined) out[k] = p;
    });
    return out;
  }
  if (value instanceof Y.Array) return value.toArray().map((v) => plain(v, depth - 1));
  return undefined;
}

/**
 * The fields of the record stored under key `id`, with the key as its `id` when the record leaves that
 * field out (shapes do: see `shapeToYMap`). A record that names another id keeps it, so readers that
 * check "id differs from its key" still catch a broken or hostile one.
 */
export function recordAt(value: unknown, id: string): Record<string, unknown> {
  return { id, ...recordFields(value) };
}

/** The fields of a record as a plain object ({} for anything that is not a record). */
export function recordFields(value: unknown): Record<string, unknown> {
  const p = plain(value);
  return p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
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
