import { boardMaps } from '../shared/model/board-doc';
import { readPeople } from '../shared/model/people';
import type { BenchOptions } from './fanout';
import { connectRaw, now, type RawClient } from './proto';
import { fmt, type Section } from './report';
import { docClient, noteId, seedNotes, until } from './seed';
import { cpuSeconds, startServer } from './servers';
import { percentile } from './stats';

/**
 * 9. A workshop's start and end: two people on a 2,000-note board, one of them editing a note every
 * 100 ms; 100 more join one every 50 ms (each asks for the board's list of shapes, as a board page does,
 * and opens a fresh client, answered with the whole board), then leave
 * one every 50 ms (the server records each `lastSeenAt` and decides whether the leaver needs a version of
 * their own, for "what changed since I was last here"). Per wave: the server's CPU until it is quiet
 * again, and the delay of the stayers' edits during it (what people still on the board notice if the
 * server stalls). Not a target of issue 13; it guards against per-person work that grows with the board.
 */
export async function leaving(opts: BenchOptions): Promise<Section> {
  const [notes, leavers] = opts.quick ? [200, 20] : [2000, 100];
  const tb = await startServer('threatboard');
  try {
    const room = await tb.openRoom(leavers + 2, 'Leaving');
    await seedNotes(room.endpoints[0]!, notes, 0);
    const writer = await docClient(room.endpoints[0]!);
    const reader = await docClient(room.endpoints[1]!);
    const leaverIds = room.sessions.slice(2).map((s) => s.userId);
    const left = () => {
      const people = readPeople(reader.doc);
      return leaverIds.filter((id) => people.get(id)?.lastSeenAt != null).length;
    };
    await quiet(tb.pid);

    // The stayers' edits: one note's text, "seq:sentAt", every 100 ms; the reader notes when each arrives.
    const note = boardMaps(writer.doc).shapes.get(noteId(0))!;
    let delays: number[] = [];
    const seen = new Set<number>();
    boardMaps(reader.doc).shapes.observeDeep(() => {
      const m = /^(\d+):([\d.]+)$/.exec(String(boardMaps(reader.doc).shapes.get(noteId(0))?.get('text')));
      if (m && !seen.has(Number(m[1]))) {
        seen.add(Number(m[1]));
        delays.push(now() - Number(m[2]));
      }
    });
    let seq = 0;
    const editing = setInterval(() => note.set('text', `${++seq}:${now()}`), 100);
    const rows: (string | number)[][] = [];
    const wave = async (what: string, run: () => Promise<void>) => {
      delays = [];
      const cpu0 = cpuSeconds(tb.pid);
      const t0 = now();
      await run();
      await quiet(tb.pid);
      const sorted = [...delays].sort((a, b) => a - b);
      rows.push([tb.label, what, (cpuSeconds(tb.pid) - cpu0).toFixed(2), ((now() - t0) / 1000).toFixed(1), fmt.ms(percentile(sorted, 0.5)), fmt.ms(percentile(sorted, 0.95)), fmt.ms(sorted.at(-1) ?? NaN), sorted.length]);
    };
    // Arriving: each a fresh client (an empty state vector), answered with the whole board, after asking
    // for the board's list of shapes as a board page does first (client/sync/prefetch.ts).
    const raws: RawClient[] = [];
    await wave(`${leavers} join, one every 50 ms`, async () => {
      const joined: Promise<unknown>[] = [];
      for (const [i, ep] of room.endpoints.slice(2).entries()) {
        const token = room.sessions[i + 2]!.token;
        joined.push(fetch(`${tb.url}/api/boards/${room.id}/shapes`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer()));
        const c = connectRaw(ep, () => {});
        raws.push(c);
        joined.push(c.synced);
        await new Promise((r) => setTimeout(r, 50));
      }
      await Promise.all(joined);
      await until('everyone on the board', () => leaverIds.every((id) => readPeople(reader.doc).has(id)), 60_000);
    });
    await wave(`${leavers} leave, one every 50 ms`, async () => {
      for (const c of raws) {
        c.ws.close();
        await new Promise((r) => setTimeout(r, 50));
      }
      await until('every leaver recorded', () => left() === leavers, 120_000);
    });
    clearInterval(editing);
    await until('the last edit', () => seen.has(seq), 30_000);
    writer.close();
    reader.close();
    const valid = seen.size === seq ? 'yes' : 'INVALID: edits lost';
    return {
      id: '9',
      title: `A workshop's start and end: ${leavers} people join a ${notes.toLocaleString('en')}-note board, then leave, while two stay and edit`,
      columns: ['server', 'wave', 'server CPU for the wave s', 'wave until settled s', "stayers' edits during it: p50 ms", 'p95 ms', 'max ms', 'edits', 'valid'],
      rows: rows.map((r) => [...r, valid]),
      targets: [],
    };
  } finally {
    await tb.stop();
  }
}

/** Wait until the server uses under 5 % of a core over half a second (its work for the last step is done). */
async function quiet(pid: number): Promise<void> {
  let last = cpuSeconds(pid);
  await until(
    'the server to settle',
    () => {
      const cpu = cpuSeconds(pid);
      const busy = cpu - last > 0.025;
      last = cpu;
      return !busy;
    },
    120_000,
    500,
  );
}
