import * as Y from 'yjs';
import { z } from 'zod';
import { ShapeBase, type Point } from './shapes/common';

/**
 * Where box-shaped shapes are: a position log, one top-level `Y.Array` of `[id, x, y]` entries (the
 * key-value-in-an-array layout of y-utility's YKeyValue). A move deletes the shape's entries and appends
 * one new entry; the last entry of an id is its position. A shape without an entry is where its record's
 * `pos` says (where it was created; boards stored before the log read unchanged).
 *
 * Why not `pos` in the record: a Y.Map keeps every overwritten value as a tombstone of its own, merged
 * with its neighbour only when one client wrote the same key twice in a row. A board's history of moves
 * then costs everyone who opens it: scenario 4's board (2,000 notes, 20,000 moves) is 37,713 structs with
 * `pos` in the records and 17,715 with the log, and a one-second drag of 50 notes leaves 3,000 tombstones
 * in the records and 2 structs in the log (deleted neighbours in an array merge; `npx tsx
 * bench/position-log.ts`, docs/architecture.md "Board document model").
 *
 * Entries are client input: the server admits only `[id, x, y]` entries (server/sync/admission.ts) and its
 * policy only those of shapes the writer may move (server/sync/policy.ts); readers still check each.
 */
export const POSITIONS_ROOT = 'positions';

/** An entry as the server admits it (server/sync/admission.ts): a shape id as records have, two finite numbers. */
export const PositionEntry = z.tuple([ShapeBase.shape.id, z.number().finite(), z.number().finite()]);
export type PositionEntry = z.infer<typeof PositionEntry>;

export function positionLog(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(POSITIONS_ROOT);
}

/**
 * `PositionEntry.safeParse(v).success`, without zod's cost: readers check every entry of the log after
 * every change (a drag frame). test/unit/positions.test.ts holds the two to the same answers.
 */
export function isPositionEntry(v: unknown): v is PositionEntry {
  return (
    Array.isArray(v) &&
    v.length === 3 &&
    typeof v[0] === 'string' &&
    v[0].length >= 1 &&
    v[0].length <= 64 &&
    typeof v[1] === 'number' &&
    Number.isFinite(v[1]) &&
    typeof v[2] === 'number' &&
    Number.isFinite(v[2])
  );
}

/** The id an entry names, well-formed or not (a malformed entry of a moved shape goes with the rest). */
function entryId(v: unknown): string | null {
  return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null;
}

/** Every shape's position from the log: the last well-formed entry of each id. */
export function readPositions(doc: Y.Doc): Map<string, Point> {
  const out = new Map<string, Point>();
  positionLog(doc).forEach((v) => {
    if (isPositionEntry(v)) out.set(v[0], { x: v[1], y: v[2] });
  });
  return out;
}

/** `shape` at its position from the log, when it has a position and the log an entry for it. */
export function placed<T extends { id: string }>(shape: T, positions: ReadonlyMap<string, Point>): T {
  if (!('pos' in shape)) return shape;
  const p = positions.get(shape.id);
  if (!p) return shape;
  const pos = shape.pos as Point;
  return pos.x === p.x && pos.y === p.y ? shape : { ...shape, pos: p };
}

/**
 * Move shapes: delete every entry of each id in `moves` and append one entry per id, in the caller's
 * transaction (or one of its own). An id already at its place with a single entry is left alone.
 * `current` gives the position a shape without an entry has (its record's `pos`).
 */
export function writePositions(doc: Y.Doc, moves: ReadonlyMap<string, Point>, current: (id: string) => Point | undefined, origin?: unknown): void {
  if (moves.size === 0) return;
  const log = positionLog(doc);
  const at = new Map<string, { i: number; v: unknown }[]>();
  log.forEach((v, i) => {
    const id = entryId(v);
    if (id !== null && moves.has(id)) (at.get(id) ?? at.set(id, []).get(id)!).push({ i, v });
  });
  const doomed: number[] = [];
  const entries: PositionEntry[] = [];
  for (const [id, p] of moves) {
    const found = at.get(id) ?? [];
    const only = found.length === 1 ? found[0]!.v : undefined;
    const here = found.length === 0 ? current(id) : isPositionEntry(only) ? { x: only[1], y: only[2] } : undefined;
    if (here && here.x === p.x && here.y === p.y) continue;
    doomed.push(...found.map((f) => f.i));
    entries.push([id, p.x, p.y]);
  }
  if (entries.length === 0) return;
  doc.transact(() => {
    deleteAt(log, doomed);
    log.push(entries);
  }, origin);
}

/** Delete every entry of `ids` (shapes deleted, or set back to their record's `pos`). */
export function removePositions(doc: Y.Doc, ids: ReadonlySet<string>, origin?: unknown): void {
  if (ids.size === 0) return;
  const log = positionLog(doc);
  const doomed: number[] = [];
  log.forEach((v, i) => {
    const id = entryId(v);
    if (id !== null && ids.has(id)) doomed.push(i);
  });
  if (doomed.length) doc.transact(() => deleteAt(log, doomed), origin);
}

/** Delete entries at ascending `indexes`, as runs from the end (so earlier indexes stay valid). */
function deleteAt(log: Y.Array<unknown>, indexes: number[]): void {
  indexes.sort((a, b) => a - b);
  let end = indexes.length - 1;
  while (end >= 0) {
    let start = end;
    while (start > 0 && indexes[start - 1] === indexes[start]! - 1) start--;
    log.delete(indexes[start]!, end - start + 1);
    end = start - 1;
  }
}

/**
 * The log's items added in transaction `tr` and still there (a move's new entries), from the structs the
 * transaction created: no walk through the whole log. For the server's policy and the client's count of
 * changes waiting to sync.
 */
export function addedIn(tr: Y.Transaction, log: Y.Array<unknown>): Y.Item[] {
  const out: Y.Item[] = [];
  tr.doc.store.clients.forEach((structs, client) => {
    const before = tr.beforeState.get(client) ?? 0;
    for (let i = structs.length - 1; i >= 0; i--) {
      const s = structs[i]!;
      if (s.id.clock < before) break;
      if (s instanceof Y.Item && s.parent === log && !s.deleted) out.push(s);
    }
  });
  return out;
}

/** The entries an item of the log holds (an item holds one or more, appended together). */
export function entriesOf(item: Y.Item): unknown[] {
  return item.content instanceof Y.ContentAny ? item.content.arr : [];
}
