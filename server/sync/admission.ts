import * as Y from 'yjs';
import type { RoomRef } from '../../shared/roles';
import type { RefusedReason } from '../metrics';
import { PositionEntry, POSITIONS_ROOT } from '../../shared/model/positions';

/**
 * Admission: the structural check every incoming Yjs update passes BEFORE it touches a document.
 *
 * A document of this project has a fixed shape: named root maps, each holding either records (a Y.Map per
 * record, whose fields are plain JSON-like values) or plain values, and in a board the position log (an
 * array of `[id, x, y]` entries). Nothing else is ever written by our
 * client, so anything else is refused outright: ContentJSON (Yjs deprecates it, and a deep one overflows
 * the stack when Yjs encodes the update event), Y.Text/XML/embeds/sub-documents/binary, Y types nested
 * below a record (deep type chains overflow every recursive reader), plain values nested deeper than
 * `maxValueDepth`, strings longer than `maxStringChars`, and unknown root names.
 *
 * An update that depends on structs the document has not seen (a "pending" update in Yjs terms) is not
 * applied either: Yjs would hold it and integrate it later inside another client's transaction, where a
 * policy deciding by origin sees the wrong author. The caller keeps it per connection until what it needs
 * arrives from that same connection.
 */

/**
 * How a root of a document is used: a map of records (a Y.Map each), a map of plain values, or the
 * position log (an array of `[id, x, y]` entries, shared/model/positions.ts).
 */
export type RootUse = 'records' | 'values' | 'log';

export const DOC_ROOTS: Record<RoomRef['kind'], Readonly<Record<string, RootUse>>> = {
  board: {
    meta: 'values',
    views: 'records',
    shapes: 'records',
    mitigations: 'records',
    assumptions: 'records',
    comments: 'records',
    people: 'values',
    [POSITIONS_ROOT]: 'log',
  },
  facilitation: {
    agenda: 'records',
    state: 'values',
    locks: 'values',
    groups: 'records',
    votes: 'records',
    hidden: 'values',
    voted: 'records',
    handsLowered: 'values',
    hands: 'values',
  },
  private: { notes: 'records', ballots: 'records' },
};

export interface AdmissionLimits {
  maxStringChars: number;
  maxValueDepth: number;
}

export type Admission =
  | { ok: true; newClients: number[] }
  | { ok: false; reason: RefusedReason; detail: string }
  | { ok: 'pending' };

type AnyItem = Y.Item | Y.GC | Y.Skip;
export type Decoded = ReturnType<typeof Y.decodeUpdate>;

class Refusal extends Error {
  constructor(
    readonly reason: RefusedReason,
    detail: string,
  ) {
    super(detail);
  }
}

/** Where an item sits: the type it belongs to, at which nesting level (0 = a root map). */
interface Place {
  /** Root name of the chain. */
  root: string;
  /** 0: the item is an entry of a root map; 1: a field of a record. */
  level: number;
  parentSub: string | null;
}

/**
 * Check a decoded update against a document. Never throws; never changes the document.
 * `decoded` is `Y.decodeUpdate(update)` (the caller decodes once, which also rejects garbage).
 */
export function admit(
  doc: Y.Doc,
  roots: Readonly<Record<string, RootUse>>,
  decoded: Decoded,
  limits: AdmissionLimits,
): Admission {
  try {
    return check(doc, roots, decoded, limits);
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, reason: err.reason, detail: err.message };
    // Anything unexpected in a client's bytes is a refusal, never a crash.
    return { ok: false, reason: 'structure', detail: err instanceof Error ? err.message : String(err) };
  }
}

function check(
  doc: Y.Doc,
  roots: Readonly<Record<string, RootUse>>,
  { structs, ds }: Decoded,
  limits: AdmissionLimits,
): Admission {
  // Structs of the update by client, in clock order (decodeUpdate yields them that way).
  const byClient = new Map<number, AnyItem[]>();
  for (const s of structs) {
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  const newClients: number[] = [];
  for (const [client, list] of byClient) {
    const state = Y.getState(doc.store, client);
    if (state === 0) newClients.push(client);
    // A gap before the first struct means the update builds on structs the document lacks.
    const first = list.find((s) => !(s instanceof Y.Skip));
    if (first && first.id.clock > state) return { ok: 'pending' };
  }
  const inUpdate = (id: Y.ID): AnyItem | undefined => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s instanceof Y.Skip ? undefined : s;
    }
    return undefined;
  };
  const known = (id: Y.ID) => id.clock < Y.getState(doc.store, id.client) || inUpdate(id) !== undefined;

  // Deletions may only name structs that exist (else Yjs keeps them pending, to apply them later).
  for (const [client, ranges] of ds.clients) {
    const list = byClient.get(client);
    const last = list?.[list.length - 1];
    const end = Math.max(Y.getState(doc.store, client), last ? last.id.clock + last.length : 0);
    for (const r of ranges) if (r.clock + r.len > end) return { ok: 'pending' };
  }

  const places = new Map<AnyItem, Place>();
  const placeOfDocItem = (item: Y.Item): Place => {
    let level = 0;
    let type = item.parent as Y.AbstractType<unknown>;
    while (type._item !== null) {
      level++;
      if (level > 4) throw new Refusal('type-depth', 'types nested too deep');
      type = type._item.parent as Y.AbstractType<unknown>;
    }
    const root = Y.findRootTypeKey(type);
    return { root, level, parentSub: item.parentSub };
  };
  /** The place of the item with this id, in the document or in the update. */
  // 'gone': the neighbour or parent was garbage-collected, so Yjs turns the item into a collected struct
  // when it integrates (a write racing a deletion): nothing of it will be readable, nothing to check.
  const placeOf = (id: Y.ID, depth: number): Place | 'pending' | 'gone' => {
    if (id.clock < Y.getState(doc.store, id.client)) {
      const item = Y.getItem(doc.store, id);
      if (!(item instanceof Y.Item) || item.parent === null) return 'gone';
      return placeOfDocItem(item);
    }
    const s = inUpdate(id);
    if (!s) return 'pending';
    if (!(s instanceof Y.Item)) return 'gone';
    return placeOfUpdateItem(s, depth + 1);
  };
  /** Level of the type held by the item with this id (its parent chain plus one). */
  const typeLevelOf = (id: Y.ID, depth: number): { root: string; level: number } | 'pending' | 'gone' => {
    let item: Y.Item | undefined;
    let place: Place | 'pending' | 'gone';
    if (id.clock < Y.getState(doc.store, id.client)) {
      const found = Y.getItem(doc.store, id);
      if (!(found instanceof Y.Item) || found.parent === null) return 'gone';
      item = found;
      place = placeOfDocItem(found);
    } else {
      const s = inUpdate(id);
      if (!s) return 'pending';
      if (!(s instanceof Y.Item)) return 'gone';
      item = s;
      place = placeOfUpdateItem(s, depth + 1);
    }
    if (place === 'pending' || place === 'gone') return place;
    if (item.content instanceof Y.ContentDeleted) return 'gone';
    if (!(item.content instanceof Y.ContentType)) throw new Refusal('structure', 'parent is not a type');
    return { root: place.root, level: place.level + 1 };
  };
  const placeOfUpdateItem = (item: Y.Item, depth: number): Place | 'pending' | 'gone' => {
    const memo = places.get(item);
    if (memo) return memo;
    if (depth > 8) throw new Refusal('type-depth', 'types nested too deep');
    let place: Place | 'pending' | 'gone';
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      place = { root: parent, level: 0, parentSub: item.parentSub };
    } else if (parent instanceof Y.ID) {
      const t = typeLevelOf(parent, depth);
      place = typeof t === 'string' ? t : { root: t.root, level: t.level, parentSub: item.parentSub };
    } else {
      // Parent and key are inherited from a neighbour (an overwrite of a map key, an insert in a list).
      const neighbour = item.origin ?? item.rightOrigin;
      if (!neighbour) throw new Refusal('structure', 'item without parent');
      place = placeOf(neighbour, depth);
    }
    if (typeof place !== 'string') places.set(item, place);
    return place;
  };

  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    for (const id of [s.origin, s.rightOrigin]) if (id && !known(id)) return { ok: 'pending' };
    if (s.parent instanceof Y.ID && !known(s.parent)) return { ok: 'pending' };
    // Already integrated: it was admitted when it first arrived.
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    const place = placeOfUpdateItem(s, 0);
    if (place === 'pending') return { ok: 'pending' };
    if (place === 'gone') {
      if (s.content instanceof Y.ContentJSON) throw new Refusal('content-json', 'ContentJSON is not accepted');
      continue;
    }
    checkItem(s, place, roots, limits);
  }
  return { ok: true, newClients };
}

function checkItem(item: Y.Item, place: Place, roots: Readonly<Record<string, RootUse>>, limits: AdmissionLimits): void {
  const c = item.content;
  if (c instanceof Y.ContentJSON) throw new Refusal('content-json', 'ContentJSON is not accepted');
  const use = roots[place.root];
  if (!use) throw new Refusal('root-name', `no root "${place.root.slice(0, 40)}" in this document`);
  if (place.level > 1 || (place.level === 1 && use !== 'records')) throw new Refusal('type-depth', 'Y types below a record are not accepted');
  if (c instanceof Y.ContentDeleted) return;
  if (use === 'log') {
    if (place.parentSub !== null) throw new Refusal('structure', 'the position log is an array');
    if (!(c instanceof Y.ContentAny) || !c.arr.every((e) => PositionEntry.safeParse(e).success)) throw new Refusal('structure', 'the position log holds [id, x, y] entries only');
    return;
  }
  if (place.parentSub === null) throw new Refusal('structure', 'only map entries are accepted');
  if (place.parentSub.length > 256) throw new Refusal('string-length', 'key too long');
  if (c instanceof Y.ContentType) {
    if (!(c.type instanceof Y.Map)) throw new Refusal('content-kind', 'only Y.Map types are accepted');
    if (place.level !== 0 || use !== 'records') throw new Refusal('type-depth', 'a Y.Map only as a record');
    return;
  }
  if (c instanceof Y.ContentAny) {
    if (place.level === 0 && use === 'records') throw new Refusal('structure', 'a record must be a Y.Map');
    for (const v of c.arr) checkValue(v, limits);
    return;
  }
  throw new Refusal('content-kind', `${c.constructor.name} is not accepted`);
}

/** Depth and string length of a plain value, without recursion (a hostile value may be very deep). */
function checkValue(value: unknown, limits: AdmissionLimits): void {
  const stack: [unknown, number][] = [[value, 0]];
  let visited = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++visited > 100_000) throw new Refusal('value-depth', 'value too large');
    if (typeof v === 'string') {
      if (v.length > limits.maxStringChars) throw new Refusal('string-length', `string of ${v.length} characters`);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limits.maxValueDepth) throw new Refusal('value-depth', `value nested deeper than ${limits.maxValueDepth}`);
    if (v instanceof Uint8Array) throw new Refusal('content-kind', 'binary values are not accepted');
    if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1]);
    else
      for (const [k, x] of Object.entries(v)) {
        if (k.length > 256) throw new Refusal('string-length', 'key too long');
        stack.push([x, depth + 1]);
      }
  }
}

/**
 * Scrub a document loaded from the store: delete every live item admission would refuse today (stored
 * before a limit existed, or by an older server). Deleted content is garbage-collected, so the document
 * encodes and reads safely afterwards. Returns how many items were removed. Never throws.
 */
export function scrub(doc: Y.Doc, roots: Readonly<Record<string, RootUse>>, limits: AdmissionLimits): number {
  const bad: Y.Item[] = [];
  for (const structs of doc.store.clients.values()) {
    for (const s of structs) {
      if (!(s instanceof Y.Item) || s.deleted) continue;
      try {
        checkItem(s, placeOfIntegrated(s), roots, limits);
      } catch {
        bad.push(s);
      }
    }
  }
  if (bad.length) {
    doc.transact((tr) => {
      for (const item of bad) if (!item.deleted) item.delete(tr);
    }, 'store');
  }
  return bad.length;
}

function placeOfIntegrated(item: Y.Item): Place {
  let level = 0;
  let type = item.parent as Y.AbstractType<unknown> | null;
  if (!type) throw new Refusal('structure', 'no parent');
  while (type._item !== null) {
    if (++level > 4) throw new Refusal('type-depth', 'types nested too deep');
    type = type._item.parent as Y.AbstractType<unknown>;
  }
  return { root: Y.findRootTypeKey(type), level, parentSub: item.parentSub };
}
