import * as Y from 'yjs';
import { boardMaps } from '../shared/model/board-doc';
import { allPainted, BareChromium, boardPage, editable, launchChromium, watchOpening } from './chromium';
import { tracedPaint, type MainThreadParts } from './page-trace';
import type { BenchOptions } from './fanout';
import { fmt, target, type Section } from './report';
import type { Endpoint } from './proto';
import { docClient, seedNotes, until } from './seed';
import { startServer, type ServerHandle } from './servers';
import { median } from './stats';

/**
 * 4. Cold open: a board with 2,000 notes and 20,000 single-note moves in its history, no one connected
 * and the room unloaded from memory. Time from connect to the server's sync step 2 arriving (the server's
 * part) and to synced (that update applied: the client's Yjs work, on the same 2 cores) in a Node client, and
 * from navigation to every note painted in headless Chromium (the page paints the server's list of shapes
 * first, client/sync/first-paint.ts) and to the board taking edits (its document applied); and the Node
 * client's open again with the room in memory. The reference server has no persistence: its figure is an open from memory, set beside
 * Threatboard's open from memory.
 */
export async function coldOpen(opts: BenchOptions): Promise<Section> {
  const [notes, moves, repeats] = opts.quick ? [200, 2000, 3] : [2000, 20_000, 5];
  const tb = await startServer('threatboard', { env: { ROOM_IDLE_MS: '500' }, cpuProfDir: opts.profileDir });
  const rows: (string | number)[][] = [];
  let nodeMs = NaN;
  let warmMs = NaN;
  let paintMs = NaN;
  let valid = true;
  let board: Uint8Array | null = null;
  let traced: MainThreadParts | null = null;
  try {
    const room = await tb.openRoom(1, 'Cold open');
    const ep = room.endpoints[0]!;
    await seedNotes(ep, notes, moves);
    const unloaded = () => until('the room to unload', async () => (await tb.mem()).rooms === 0, 60_000);
    const cold = await opens(ep, repeats, notes, unloaded);
    board = cold.board;
    valid &&= cold.valid;
    nodeMs = median(cold.synced);
    // The same open with the room already in memory (someone else connected): the server idle while the
    // client applies, as the reference's open from memory below. The difference to the cold figure is
    // the server loading the board on the same cores meanwhile.
    const holder = await docClient(ep);
    const warm = await opens(ep, repeats, notes);
    holder.close();
    holder.doc.destroy();
    valid &&= warm.valid;
    warmMs = median(warm.synced);
    // Timed in a Chromium with no DevTools domain but Page enabled (BareChromium), as a person's browser
    // runs the page, and again driven by Playwright, whose Runtime domain makes V8 parse the big chunks
    // twice (see BareChromium); the runs alternate.
    const bare = await BareChromium.launch();
    const browser = await launchChromium();
    const paint: number[] = [];
    const live: number[] = [];
    const pwPaint: number[] = [];
    try {
      for (let i = 0; i < repeats; i++) {
        await unloaded();
        const opened = await bare.openBoard(`${tb.url}/b/${room.id}`, room.id, room.sessions[0]!, notes);
        paint.push(opened.painted);
        live.push(opened.editable);
        await unloaded();
        const page = await boardPage(browser, room.id, room.sessions[0]!);
        await watchOpening(page, notes);
        await page.goto(`${tb.url}/b/${room.id}`);
        pwPaint.push(await allPainted(page));
        await editable(page);
        await page.context().close();
      }
      await unloaded();
      const page = await boardPage(browser, room.id, room.sessions[0]!);
      traced = await tracedPaint(page, `${tb.url}/b/${room.id}`, notes);
      await page.context().close();
    } finally {
      await browser.close();
      await bare.close();
    }
    paintMs = median(paint);
    const ok = valid ? 'yes' : 'INVALID: wrong note count';
    rows.push([tb.label, 'unloaded, from the store', ...nodeCells(cold), fmt.ms(paintMs), paint.map(fmt.ms).join(', '), fmt.ms(median(live)), live.map(fmt.ms).join(', '), fmt.ms(median(pwPaint)), pwPaint.map(fmt.ms).join(', '), ok]);
    rows.push([tb.label, 'in memory (one person connected)', ...nodeCells(warm), '–', '', '–', '', '–', '', ok]);
  } finally {
    await tb.stop();
  }
  const notesOut = [board ? clientFloor(board) : '', traced ? mainThreadNote(traced) : ''].filter(Boolean);
  rows.push(await fromMemory(await startServer('ywss'), notes, moves, repeats, warmMs));
  rows.push(['Hocuspocus 3', 'n/a: without an extension it keeps no document once everyone left', '–', '', '–', '', '–', '', '–', '', '–', '', '']);
  return {
    id: '4',
    title: `Cold open: ${notes.toLocaleString('en')} notes, ${moves.toLocaleString('en')} moves in the history`,
    columns: [
      'server',
      'room state',
      'connect → sync step 2 arrives ms (median)',
      'runs',
      'connect → synced (applied) ms (median)',
      'runs',
      'first paint of all notes ms (median)',
      'runs',
      'editable (document applied) ms (median)',
      'runs',
      'first paint driven by Playwright ms (median)',
      'runs',
      'valid',
    ],
    rows,
    notes: notesOut,
    targets: [
      target('Threatboard: connect → synced', nodeMs, 'ms', '<=', 150, valid),
      target('Threatboard: navigation → all notes painted', paintMs, 'ms', '<=', 1000, valid),
    ],
  };
}

/** Where the page's main thread went until first paint, in one extra traced run. */
function mainThreadNote(p: MainThreadParts): string {
  const part = (label: string, ms: number) => `${label} ${fmt.ms(ms)} ms`;
  return `Where the first paint goes: one more navigation under a Chrome trace, driven by Playwright (not counted above; tracing and Playwright's Runtime domain slow the page), painted after ${fmt.ms(p.paintMs)} ms. The page's main thread: ${[
    part('scripts parsed, compiled and evaluated', p.scripts),
    part('WebSocket message handlers (the board applied in Yjs, and what renders at once)', p.messages),
    part('frames (animation-frame callbacks, style, layout, paint)', p.frames),
    part("other work (React's scheduled renders and effects, timers, other events)", p.other),
    part('idle (waiting for the network, the server or the compositor)', p.idle),
  ].join('; ')}.`;
}

/**
 * What the client's part costs at best: the board as one update, applied to an empty document in this
 * process while no server runs, with and without an 'update' listener (a y-websocket provider always has
 * one: Yjs then encodes the update again).
 */
function clientFloor(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  let structs = 0;
  doc.store.clients.forEach((list) => (structs += list.length));
  doc.destroy();
  const apply = (listen: boolean) =>
    median(
      Array.from({ length: 7 }, () => {
        const d = new Y.Doc();
        if (listen) d.on('update', () => {});
        const t = performance.now();
        Y.applyUpdate(d, update);
        const ms = performance.now() - t;
        d.destroy();
        return ms;
      }),
    );
  return `The board as a client receives it: ${fmt.kb(update.byteLength)} KiB, ${structs.toLocaleString('en')} structs. Applied to an empty Y.Doc in the bench process with no server running (the client's part alone, without network or a server competing for the cores): ${fmt.ms(apply(false))} ms, ${fmt.ms(apply(true))} ms with an 'update' listener (median of 7).`;
}

async function fromMemory(s: ServerHandle, notes: number, moves: number, repeats: number, tbMs: number): Promise<(string | number)[]> {
  try {
    const room = await s.openRoom(1);
    await seedNotes(room.endpoints[0]!, notes, moves);
    const o = await opens(room.endpoints[0]!, repeats, notes);
    const ms = median(o.synced);
    return [s.label, `in memory (no persistence); TB in memory ÷ this ${fmt.ratio(tbMs, ms)}`, ...nodeCells(o), '–', '', '–', '', '–', '', o.valid ? 'yes' : 'INVALID'];
  } finally {
    await s.stop();
  }
}

interface Opens {
  synced: number[];
  answered: number[];
  /** Every client ended with all the notes. */
  valid: boolean;
  /** The last client's document, as one update. */
  board: Uint8Array;
}

/** `repeats` Node clients opening the board one after another, each after `before`. */
async function opens(ep: Endpoint, repeats: number, notes: number, before?: () => Promise<unknown>): Promise<Opens> {
  const out: Opens = { synced: [], answered: [], valid: true, board: new Uint8Array() };
  for (let i = 0; i < repeats; i++) {
    await before?.();
    const c = await docClient(ep);
    out.synced.push(c.syncedMs);
    out.answered.push(c.answeredMs);
    out.valid &&= boardMaps(c.doc).shapes.size === notes;
    if (i === repeats - 1) out.board = Y.encodeStateAsUpdate(c.doc);
    c.close();
    c.doc.destroy();
  }
  return out;
}

/** The Node client's cells of a row: answered (median, runs), synced (median, runs). */
function nodeCells(o: Opens): string[] {
  return [fmt.ms(median(o.answered)), o.answered.map(fmt.ms).join(', '), fmt.ms(median(o.synced)), o.synced.map(fmt.ms).join(', ')];
}
