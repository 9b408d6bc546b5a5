import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { addShape, boardMaps } from '../shared/model/board-doc';
import type { FromWorker, RoomLoad, RoomReport, ToWorker } from './load-protocol';
import { awarenessFrame, connectRaw, editText, findEdits, Msg, now, readAwareness, updateFrame, type RawClient } from './proto';

/**
 * One load-generator process (forked by the bench): raw protocol clients for one or more rooms. Most
 * clients only read frame headers and search sync payloads for edit markers; a few keep a Y.Doc (to
 * compare documents at the end) or parse presence states (to measure cursor delay).
 */
const NOTE_ID = 'benchnote000000000000000';
const CURSOR_MOD = 100_000;

interface Client {
  raw: RawClient;
  room: number;
  doc?: Y.Doc;
  writer: boolean;
  meter: boolean;
  awarenessId: number;
  seen: Set<number>;
}

/** The identity a board client puts in its presence (Threatboard replaces it with the token's). */
const user = (i: number) => `{"id":"bench-user-${i}","name":"P${i}","role":"participant","color":"#1971c2"}`;

const send = (m: FromWorker) => process.send!(m);
let clients: Client[] = [];
let roomLoads: RoomLoad[] = [];
let measuring = false;
let framesIn = 0;
let bytesIn = 0;
const editLatencies: number[] = [];
const cursorDelays: number[] = [];
const closed: Record<number, number> = {};
let closing = false;
const lastArrival = new Map<number, Record<number, number>>();
const sentAt = new Map<number, Record<number, number>>();

function onFrame(c: Client, type: number, payload: Uint8Array, bytes: number): void {
  framesIn++;
  bytesIn += bytes;
  if (c.writer) return;
  const t = now();
  if (type === Msg.Sync) {
    for (const { seq, sentAt: s } of findEdits(payload)) {
      if (c.seen.has(seq)) continue;
      c.seen.add(seq);
      editLatencies.push(t - s);
      const arrivals = lastArrival.get(c.room)!;
      arrivals[seq] = Math.max(arrivals[seq] ?? 0, t);
    }
  } else if (type === Msg.Awareness && c.meter && measuring) {
    const tm = t % CURSOR_MOD;
    for (const { clientId, state } of readAwareness(payload)) {
      if (clientId === c.awarenessId || state === 'null') continue;
      const x = (JSON.parse(state) as { cursor?: { x: number } | null }).cursor?.x;
      if (typeof x === 'number') cursorDelays.push((tm - x + CURSOR_MOD) % CURSOR_MOD);
    }
  }
}

async function connect(rooms: RoomLoad[]): Promise<void> {
  roomLoads = rooms;
  const t0 = Date.now();
  for (const r of rooms) {
    lastArrival.set(r.room, {});
    sentAt.set(r.room, {});
    r.endpoints.forEach((ep, i) => {
      const writer = r.writer && i === 0;
      const doc = writer || (r.writer ? i - 1 : i) < r.docClients ? new Y.Doc() : undefined;
      const c: Client = {
        room: r.room,
        doc,
        writer,
        meter: !writer && i >= r.endpoints.length - r.cursorMeters,
        awarenessId: doc?.clientID ?? Math.floor(Math.random() * 0x7fffffff),
        seen: new Set(),
        raw: undefined as unknown as RawClient,
      };
      c.raw = connectRaw(ep, (h, bytes) => onFrame(c, h.type, h.payload, bytes), doc);
      c.raw.ws.on('close', (code) => void (closing || (closed[code] = (closed[code] ?? 0) + 1)));
      if (doc && writer) doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && c.raw.send(updateFrame(ep, u)));
      clients.push(c);
    });
  }
  // Connect in batches, as a room fills up over a few seconds in real life.
  for (let i = 0; i < clients.length; i += 25) await Promise.all(clients.slice(i, i + 25).map((c) => c.raw.synced));
  for (const c of clients) {
    if (c.writer && c.doc && !boardMaps(c.doc).shapes.has(NOTE_ID)) {
      addShape(c.doc, { kind: 'note', id: NOTE_ID, pos: { x: 100, y: 100 }, text: 'Bench note', z: 'a0' });
    }
  }
  send({ type: 'connected', ms: Date.now() - t0 });
}

let settle: ((m: { expected: Record<number, number>; settleMs: number }) => void) | null = null;

async function run(hz: number, editsPerSec: number, durationMs: number): Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = now();
  measuring = true;
  let clock = 1;
  const sentCount = new Map<number, number>();
  for (const [i, c] of clients.entries()) {
    if (hz > 0) {
      const move = () => {
        // As the board client publishes it (integer coordinates); x carries the send time in ms.
        const x = Math.round(now()) % CURSOR_MOD;
        const state = `{"user":${user(i)},"cursor":{"x":${x},"y":${i * 10},"view":"main"},"selection":[],"view":"main"}`;
        c.raw.send(awarenessFrame(c.raw.ep, c.awarenessId, clock++, state));
      };
      // Each client on its own phase: real people are not in step.
      timers.push(setTimeout(() => timers.push(setInterval(move, 1000 / hz)), Math.random() * (1000 / hz)));
    }
    if (c.writer && editsPerSec > 0) {
      const note = () => boardMaps(c.doc!).shapes.get(NOTE_ID);
      sentCount.set(c.room, 0);
      const edit = () => {
        const seq = sentCount.get(c.room)! + 1;
        const at = now();
        note()?.set('text', editText(seq, at));
        sentAt.get(c.room)![seq] = at;
        sentCount.set(c.room, seq);
      };
      timers.push(setTimeout(() => timers.push(setInterval(edit, 1000 / editsPerSec)), Math.random() * (1000 / editsPerSec)));
    }
  }
  await new Promise((r) => setTimeout(r, durationMs));
  for (const t of timers) clearInterval(t), clearTimeout(t);
  const windowSeconds = (now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  measuring = false;
  send({ type: 'stopped', sent: Object.fromEntries(sentCount) });
  // Let the edits in flight arrive; a server that dropped some never completes and shows as invalid.
  const { expected, settleMs } = await new Promise<{ expected: Record<number, number>; settleMs: number }>((r) => (settle = r));
  const deadline = Date.now() + settleMs;
  const complete = () => clients.every((c) => c.writer || c.seen.size >= (expected[c.room] ?? 0));
  while (!complete() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // Then let trailing updates land (a server may amend an edit, e.g. stamp who made it, and the writer gets
  // that amendment after the others saw the edit): wait until no kept document changed for 300 ms.
  let lastChange = Date.now();
  const onUpdate = () => (lastChange = Date.now());
  for (const c of clients) c.doc?.on('update', onUpdate);
  while (Date.now() - lastChange < 300 && Date.now() < deadline + 2000) await new Promise((r) => setTimeout(r, 50));
  for (const c of clients) c.doc?.off('update', onUpdate);
  const rooms: RoomReport[] = roomLoads.map((r) => {
    const mine = clients.filter((c) => c.room === r.room);
    return {
      room: r.room,
      sent: sentCount.get(r.room) ?? 0,
      receivedPerClient: mine.filter((c) => !c.writer).map((c) => c.seen.size),
      lastArrival: lastArrival.get(r.room)!,
      sentAt: sentAt.get(r.room)!,
      docs: mine.filter((c) => c.doc).map((c) => docDigest(c.doc!)),
    };
  });
  send({
    type: 'done',
    editLatencies,
    cursorDelays,
    rooms,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    windowSeconds,
    framesIn,
    bytesIn,
    closed,
  });
}

/** JSON with object keys sorted: two copies of one document may hold a map's keys in different orders. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function docDigest(doc: Y.Doc): { stateVector: string; hash: string } {
  const content = canonical(boardMaps(doc).shapes.toJSON());
  return {
    stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
    hash: createHash('sha1').update(content).digest('hex'),
  };
}

process.on('message', (m: ToWorker) => {
  const fail = (err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  if (m.type === 'connect') connect(m.rooms).catch(fail);
  else if (m.type === 'start') run(m.hz, m.editsPerSec, m.durationMs).catch(fail);
  else if (m.type === 'settle') settle?.(m);
  else {
    closing = true;
    for (const c of clients) c.raw.ws.terminate();
    clients = [];
    process.exit(0);
  }
});
