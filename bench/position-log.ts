/**
 * What a board's layout costs a client that opens it: scenario 4's board (2,000 notes, 20,000 single-note
 * moves) built in two layouts, encoded as the server sends it, and applied to an empty Y.Doc.
 *
 * - `pos` in each shape's Y.Map, as boards were stored before the position log. Every move overwrites the key, and the
 *   overwritten item stays as a tombstone of its own: a Y.Map tombstone merges with its neighbour only
 *   when the same client wrote the same key twice in a row.
 * - The position log (shared/model/positions.ts, today's layout), the key-value-in-an-array layout of y-utility's YKeyValue: one top-level Y.Array of
 *   `[id, x, y]` entries; a move deletes the shape's entry and appends a new one. Deleted neighbours in
 *   an array merge into one struct, so the history of moves stays small.
 *
 * The notes, their places and moves are scenario 4's (bench/seed.ts). A second table drags a selection
 * (as client/editor/actions/change.ts moveBy does: one transaction per animation frame, every dragged
 * shape's position written in it) on a 200-note board in both layouts, and counts what the drag leaves
 * in the history. Not part of `npm run bench` (it compares layouts, not servers): `npx tsx bench/position-log.ts`.
 * docs/performance.md, "seventh full run" and "eighth full run", says what it found and why.
 */
import * as Y from 'yjs';
import { boardMaps, moveShapes, shapeToYMap, updateShape } from '../shared/model/board-doc';
import { NOTE_COLORS, Shape } from '../shared/model/schema';
import { fmt } from './report';
import { noteId, notePos, noteText, seededMove } from './seed';
import { median } from './stats';

const NOTES = Number(process.env.NOTES ?? 2000);
const MOVES = Number(process.env.MOVES ?? 20_000);

function noteMap(j: number): Y.Map<unknown> {
  const shape = Shape.parse({ kind: 'note', id: noteId(j), pos: notePos(j), text: noteText(j), color: NOTE_COLORS[j % NOTE_COLORS.length], z: `a${j}` });
  const m = shapeToYMap(shape);
  // The creation stamps the server adds to each new record.
  m.set('createdBy', 'u_bench_seeder');
  m.set('createdAt', 1_764_000_000_000 + j);
  return m;
}

function addNotes(doc: Y.Doc, count = NOTES): void {
  for (let i = 0; i < count; i += 100) {
    doc.transact(() => {
      for (let j = i; j < Math.min(count, i + 100); j++) {
        boardMaps(doc).shapes.set(noteId(j), noteMap(j));
      }
    });
  }
}

function perShape(): Y.Doc {
  const doc = new Y.Doc();
  addNotes(doc);
  const shapes = boardMaps(doc).shapes;
  for (let m = 0; m < MOVES; m++) {
    const { note, pos } = seededMove(m, NOTES);
    shapes.get(noteId(note))!.set('pos', pos);
  }
  return doc;
}

/** Today's layout, written as the app writes it: `pos` in the record where a note was made, moves in the log. */
function positionLog(): Y.Doc {
  const doc = new Y.Doc();
  addNotes(doc);
  for (let m = 0; m < MOVES; m++) {
    const { note, pos } = seededMove(m, NOTES);
    updateShape(doc, noteId(note), { pos });
  }
  return doc;
}

interface Layout {
  label: string;
  update: Uint8Array;
  structs: number;
  ms: number[];
}

function layout(label: string, doc: Y.Doc): Layout {
  let structs = 0;
  doc.store.clients.forEach((list) => (structs += list.length));
  return { label, update: Y.encodeStateAsUpdate(doc), structs, ms: [] };
}

const layouts = [layout('`pos` in each shape (before)', perShape()), layout('position log (today)', positionLog())];
// Interleaved, so that a slow moment of a shared machine falls on both; the first rounds warm up.
for (let round = 0; round < 23; round++) {
  for (const l of layouts) {
    const t = performance.now();
    Y.applyUpdate(new Y.Doc(), l.update);
    if (round >= 2) l.ms.push(performance.now() - t);
  }
}
console.log(`${NOTES.toLocaleString('en')} notes, ${MOVES.toLocaleString('en')} single-note moves; apply: median of 21, interleaved, after 2 warm-up rounds\n`);
console.log('| layout | update KiB | structs | applied to an empty Y.Doc, ms |\n|---|---:|---:|---:|');
for (const l of layouts) console.log(`| ${l.label} | ${fmt.kb(l.update.byteLength)} | ${l.structs.toLocaleString('en')} | ${fmt.ms(median(l.ms))} |`);

// ── selection drags ─────────────────────────────────────────────────────

function structsOf(doc: Y.Doc): number {
  let n = 0;
  doc.store.clients.forEach((list) => (n += list.length));
  return n;
}

/** What a drag of `notes` notes over `frames` frames adds to a 200-note board's history, in each layout. */
function drag(notes: number, frames: number): [string, string] {
  const cells: string[] = [];
  for (const withLog of [false, true]) {
    const doc = new Y.Doc();
    addNotes(doc, 200);
    const [structs, bytes] = [structsOf(doc), Y.encodeStateAsUpdate(doc).byteLength];
    for (let f = 1; f <= frames; f++) {
      const moves = new Map(Array.from({ length: notes }, (_, j) => [noteId(j), { x: notePos(j).x + f, y: notePos(j).y + f }] as const));
      if (withLog) moveShapes(doc, moves);
      else doc.transact(() => moves.forEach((p, id) => boardMaps(doc).shapes.get(id)!.set('pos', p)));
    }
    // Counted as a client that opens the board receives it.
    const opened = new Y.Doc();
    Y.applyUpdate(opened, Y.encodeStateAsUpdate(doc));
    cells.push(`+${(structsOf(opened) - structs).toLocaleString('en')} structs, +${fmt.kb(Y.encodeStateAsUpdate(doc).byteLength - bytes)} KiB`);
  }
  return cells as [string, string];
}

console.log('\nA drag on a 200-note board, one transaction per frame (60 frames ≈ 1 s), as the board receives it\n');
console.log('| drag | `pos` in each shape (before) | position log (today) |\n|---|---:|---:|');
for (const [notes, frames] of [[1, 60], [50, 60], [50, 240]] as const) console.log(`| ${notes} note${notes > 1 ? 's' : ''}, ${frames} frames | ${drag(notes, frames).join(' | ')} |`);
