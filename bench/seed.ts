import * as Y from 'yjs';
import { addShape, updateShape, zOnTop } from '../shared/model/board-doc';
import * as syncProtocol from 'y-protocols/sync';
import { NOTE_COLORS } from '../shared/model/schema';
import { connectRaw, Msg, now, updateFrame, type Endpoint } from './proto';

/**
 * A Y.Doc kept in step with a server through a raw client (what the bench seeds boards with), as a
 * y-websocket provider keeps one: `syncedMs` from opening the socket until the server's sync step 2 is
 * applied, `answeredMs` until that frame arrived (the server's part; y-websocket frames start with their
 * type, Hocuspocus frames with the document name, so this is for Threatboard and the reference).
 */
export async function docClient(ep: Endpoint): Promise<{ doc: Y.Doc; close: () => void; syncedMs: number; answeredMs: number }> {
  const doc = new Y.Doc();
  const t0 = now();
  const raw = connectRaw(ep, () => {}, doc);
  let answeredMs = NaN;
  raw.ws.prependListener('message', (data: Buffer) => {
    if (Number.isNaN(answeredMs) && data[0] === Msg.Sync && data[1] === syncProtocol.messageYjsSyncStep2) answeredMs = now() - t0;
  });
  doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && raw.send(updateFrame(ep, u)));
  await raw.synced;
  return { doc, syncedMs: now() - t0, answeredMs, close: () => raw.ws.close() };
}

/**
 * Seed a board: `notes` sticky notes on a grid (100 per update) and `shapes` DFD elements below them,
 * then `moves` single-note moves, each its own update as a drag would send them, so the server's history holds them all. Resolves when a
 * second client has everything the seeder wrote, i.e. the server has applied it all.
 */
export async function seedNotes(ep: Endpoint, notes: number, moves: number, shapes = 0): Promise<void> {
  const seeder = await docClient(ep);
  const { doc } = seeder;
  const ids: string[] = [];
  for (let i = 0; i < notes; i += 100) {
    doc.transact(() => {
      for (let j = i; j < Math.min(notes, i + 100); j++) {
        const id = noteId(j);
        ids.push(id);
        addShape(doc, {
          kind: 'note',
          id,
          pos: notePos(j),
          text: noteText(j),
          color: NOTE_COLORS[j % NOTE_COLORS.length],
          z: zOnTop(doc),
        });
      }
    });
  }
  const kinds = ['entity', 'process', 'store'] as const;
  doc.transact(() => {
    for (let i = 0; i < shapes; i++) {
      const pos = { x: (i % 20) * 400 + 30, y: Math.ceil(notes / 50) * 160 + 200 + Math.floor(i / 20) * 200 };
      addShape(doc, { kind: kinds[i % 3]!, id: `elem${String(i).padStart(20, '0')}`, pos, label: `Element ${i}`, z: zOnTop(doc) });
    }
  });
  // Moved as the app moves a shape (into the position log, shared/model/positions.ts).
  for (let m = 0; m < moves; m++) {
    const { note, pos } = seededMove(m, notes);
    updateShape(doc, ids[note]!, { pos });
  }
  // Everything the seeder wrote, by its own client id: the server adds changes of its own (authorship
  // stamps, the people map), so whole state vectors would never match.
  const want = Y.getState(doc.store, doc.clientID);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const check = await docClient(ep);
    const got = Y.getState(check.doc.store, doc.clientID);
    check.close();
    check.doc.destroy();
    if (got === want) break;
    if (Date.now() > deadline) throw new Error('the server did not take every seeded update within 2 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  seeder.close();
  doc.destroy();
}

/** Id of the j-th seeded note. */
export function noteId(j: number): string {
  return `note${String(j).padStart(20, '0')}`;
}

/** Where the j-th seeded note is placed: a grid, 50 to a row. */
export function notePos(j: number): { x: number; y: number } {
  return { x: (j % 50) * 200, y: Math.floor(j / 50) * 160 };
}

export function noteText(j: number): string {
  return `Note ${j}: a threat someone wrote during the brainstorm`;
}

/** The m-th seeded move of a board of `notes` notes: which note (spread over the board), and where to. */
export function seededMove(m: number, notes: number): { note: number; pos: { x: number; y: number } } {
  const note = (m * 7919) % notes;
  const home = notePos(note);
  return { note, pos: { x: home.x + (m % 40), y: home.y + (m % 30) } };
}

/** Poll `check` until it returns true, or throw after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
