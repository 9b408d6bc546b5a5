import { addShape, newId } from '../shared/model/board-doc';
import { eachServer, type BenchOptions } from './fanout';
import { connectRaw } from './proto';
import { fmt, target, type Section } from './report';
import { docClient, seedNotes } from './seed';
import { rssBytes, type ServerHandle } from './servers';

const MB = 1048576;

interface MemoryResult {
  server: string;
  heapPerRoomMb: number;
  roomsAfterIdle: number | null;
  rssMb: number[];
  rssAfterIdleMb: number;
  /** RSS once V8 has released the pages a full GC freed (it unmaps them on a background thread). */
  rssSettledMb: number;
  /** Heap after a full GC before anything was opened, and after the idle wait (a leak shows here). */
  heapBeforeMb: number;
  heapAfterIdleMb: number;
  /** After the idle wait: the V8 heap held (used or not) and memory outside it (ArrayBuffers, …). */
  heapTotalAfterIdleMb: number;
  externalAfterIdleMb: number;
  valid: boolean;
}

/**
 * 5. Memory. (a) Heap after a full GC per open room of `notes` notes, each kept open by one client;
 * (b) open/close `cycles` small rooms (a client connects, adds a note, leaves), RSS sampled along the
 * way; (c) rooms still in memory `idleWaitMs` after the last client left (Threatboard's ROOM_IDLE_MS is
 * left at its default in a full run).
 */
export async function memory(opts: BenchOptions): Promise<Section> {
  const [rooms, notes, cycles] = opts.quick ? [2, 200, 100] : [10, 2000, 1000];
  const idleWaitMs = opts.quick ? 5000 : 60_000;
  const env: Record<string, string> = opts.quick ? { ROOM_IDLE_MS: '2000' } : {};
  const results = await eachServer(opts, (s) => measure(s, rooms, notes, cycles, idleWaitMs), env);
  const tb = results[0]!;
  const grew = (r: MemoryResult) => r.rssSettledMb / r.rssMb[1]! - 1;
  return {
    id: '5',
    title: `Memory: ${rooms} open ${notes.toLocaleString('en')}-note rooms; ${cycles.toLocaleString('en')} open/close cycles; rooms left ${idleWaitMs / 1000} s after the last client`,
    columns: ['server', 'heap per open room MB', 'TB÷this', 'rooms in memory after idle wait', `RSS MB at cycle 0 / ${cycles / 10} / ${cycles / 2} / ${cycles}`, 'RSS MB after idle wait: at once / settled', 'heap MB before / after idle wait (full GC)', 'V8 heap held / external MB after idle wait', 'valid'],
    rows: results.map((r) => [
      r.server,
      fmt.mb(r.heapPerRoomMb),
      r === tb ? '' : fmt.ratio(tb.heapPerRoomMb, r.heapPerRoomMb),
      r.roomsAfterIdle ?? '–',
      r.rssMb.map(fmt.mb).join(' / '),
      `${fmt.mb(r.rssAfterIdleMb)} / ${fmt.mb(r.rssSettledMb)}`,
      `${fmt.mb(r.heapBeforeMb)} / ${fmt.mb(r.heapAfterIdleMb)}`,
      `${fmt.mb(r.heapTotalAfterIdleMb)} / ${fmt.mb(r.externalAfterIdleMb)}`,
      r.valid ? 'yes' : 'INVALID: a room lost notes',
    ]),
    notes: opts.quick ? ['--quick: Threatboard runs with ROOM_IDLE_MS=2000 and the idle wait is 5 s.'] : [],
    targets: [
      target(`Threatboard: heap per open ${notes.toLocaleString('en')}-note room`, tb.heapPerRoomMb, 'MB', '<=', 15, tb.valid),
      target(`Threatboard: rooms in memory ${idleWaitMs / 1000} s after the last client left`, tb.roomsAfterIdle ?? NaN, 'rooms', '<=', 0),
      target(`Threatboard: RSS growth from cycle ${cycles / 10} to after the idle wait (settled)`, grew(tb) * 100, '%', '<=', 10),
    ],
    data: results,
  };
}

async function measure(s: ServerHandle, rooms: number, notes: number, cycles: number, idleWaitMs: number): Promise<MemoryResult> {
  const base = await s.mem();
  const keepers: { close: () => void }[] = [];
  const opened = [];
  for (let i = 0; i < rooms; i++) {
    const room = await s.openRoom(1, `Memory ${i}`);
    const raw = connectRaw(room.endpoints[0]!, () => {});
    await raw.synced;
    keepers.push({ close: () => raw.ws.close() });
    await seedNotes(room.endpoints[0]!, notes, 0);
    opened.push(room);
  }
  const loaded = await s.mem();
  // Every room still holds every note (a reader that keeps a Y.Doc checks).
  let valid = true;
  for (const room of opened) {
    const c = await docClient(room.endpoints[0]!);
    valid &&= (c.doc.getMap('shapes').size ?? 0) >= notes;
    c.close();
    c.doc.destroy();
  }
  for (const k of keepers) k.close();
  const rssMb: number[] = [rssBytes(s.pid) / MB];
  for (let i = 1; i <= cycles; i++) {
    const room = await s.openRoom(1, `Cycle ${i}`);
    const c = await docClient(room.endpoints[0]!);
    addShape(c.doc, { kind: 'note', id: newId(), pos: { x: 0, y: 0 }, text: `Cycle ${i}`, z: 'a0' });
    c.close();
    c.doc.destroy();
    if (i === cycles / 10 || i === cycles / 2 || i === cycles) rssMb.push(rssBytes(s.pid) / MB);
  }
  await new Promise((r) => setTimeout(r, idleWaitMs));
  const rssAfterIdle = rssBytes(s.pid);
  const after = await s.mem();
  // A full GC frees pages that V8 unmaps a few seconds later, on a background thread: RSS read at once
  // still counts them (hundreds of MB after 1,000 cycles). Settled: two GCs, five seconds after each.
  const settle = () => new Promise((r) => setTimeout(r, 5000));
  await settle();
  await s.mem();
  await settle();
  const rssSettled = rssBytes(s.pid);
  return {
    server: s.label,
    heapPerRoomMb: (loaded.heapUsed - base.heapUsed) / rooms / MB,
    roomsAfterIdle: after.rooms,
    rssMb,
    rssAfterIdleMb: rssAfterIdle / MB,
    rssSettledMb: rssSettled / MB,
    heapBeforeMb: base.heapUsed / MB,
    heapAfterIdleMb: after.heapUsed / MB,
    heapTotalAfterIdleMb: after.heapTotal / MB,
    externalAfterIdleMb: after.external / MB,
    valid,
  };
}
