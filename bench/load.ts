import { fork, type ChildProcess } from 'node:child_process';
import type { FromWorker, RoomLoad, RoomReport, ToWorker } from './load-protocol';
import type { Endpoint } from './proto';
import { cpuSeconds, rssBytes, stopChild, type ServerHandle } from './servers';
import { percentile } from './stats';

/** How many load-generator processes share the clients (the machine has few cores; see docs/performance.md). */
export const LOAD_PROCESSES = 2;

export interface LoadSpec {
  rooms: number;
  clientsPerRoom: number;
  /** Cursor moves per second per client (0: none). */
  hz: number;
  /** Edits per second of the one writer in each room. */
  editsPerSec: number;
  durationMs: number;
  settleMs: number;
}

export interface LoadResult {
  server: string;
  clients: number;
  hz: number;
  editP50: number;
  editP95: number;
  editP99: number;
  /** p95 over edits of the time until the last receiver had it. */
  editAllP95: number;
  cursorP50: number;
  cursorP95: number;
  serverCpuPct: number;
  serverRssMb: number;
  loadCpuPct: number;
  editsSent: number;
  valid: boolean;
  invalidReason?: string;
}

class Worker {
  readonly child: ChildProcess;
  private waiting: ((m: FromWorker) => void) | null = null;
  constructor() {
    this.child = fork(new URL('./load-worker.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    this.child.on('message', (m: FromWorker) => this.waiting?.(m));
    this.child.on('exit', (code) => this.waiting?.({ type: 'error', message: `exited with ${code}` }));
  }
  ask<T extends FromWorker['type']>(msg: ToWorker, expect: T): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting = (m) => {
        this.waiting = null;
        if (m.type === 'error') reject(new Error(`load process: ${m.message}`));
        else if (m.type === expect) resolve(m as Extract<FromWorker, { type: T }>);
      };
      this.child.send(msg);
    });
  }
}

/** Spread each room's clients over the load processes; room r's writer lives in process r mod N. */
function plan(roomEndpoints: Endpoint[][], workers: number): RoomLoad[][] {
  const out: RoomLoad[][] = Array.from({ length: workers }, () => []);
  roomEndpoints.forEach((eps, room) => {
    for (let w = 0; w < workers; w++) {
      const mine = eps.filter((_, i) => i % workers === (w - (room % workers) + workers) % workers);
      if (mine.length === 0) continue;
      const writer = w === room % workers;
      out[w]!.push({ room, endpoints: mine, writer, docClients: 1, cursorMeters: Math.max(0, Math.min(2, mine.length - (writer ? 2 : 1))) });
    }
  });
  return out;
}

/**
 * Fill `spec.rooms` rooms on one server with clients from separate load processes, let them edit and
 * move cursors for `durationMs`, then check every client got every edit and the documents agree.
 */
export async function runLoad(server: ServerHandle, spec: LoadSpec): Promise<LoadResult> {
  const rooms: Endpoint[][] = [];
  for (let r = 0; r < spec.rooms; r++) rooms.push((await server.openRoom(spec.clientsPerRoom, `Bench room ${r}`)).endpoints);
  return runLoadOn(server.label, [server.pid], rooms, spec);
}

/** As runLoad, for rooms already opened, possibly spread over several server processes (`pids`). */
export async function runLoadOn(label: string, pids: number[], rooms: Endpoint[][], spec: LoadSpec): Promise<LoadResult> {
  const nWorkers = Math.min(LOAD_PROCESSES, spec.clientsPerRoom);
  const workers = Array.from({ length: nWorkers }, () => new Worker());
  try {
    const plans = plan(rooms, nWorkers);
    await Promise.all(workers.map((w, i) => w.ask({ type: 'connect', rooms: plans[i]! }, 'connected')));
    const cpu0 = pids.reduce((s, p) => s + cpuSeconds(p), 0);
    const t0 = Date.now();
    const stopped = Promise.all(workers.map((w) => w.ask({ type: 'start', hz: spec.hz, editsPerSec: spec.editsPerSec, durationMs: spec.durationMs }, 'stopped')));
    await new Promise((r) => setTimeout(r, spec.durationMs));
    const serverCpu = pids.reduce((s, p) => s + cpuSeconds(p), 0) - cpu0;
    const elapsed = (Date.now() - t0) / 1000;
    const rss = pids.reduce((s, p) => s + rssBytes(p), 0);
    const expected = Object.assign({}, ...(await stopped).map((s) => s.sent)) as Record<number, number>;
    const reports = await Promise.all(workers.map((w) => w.ask({ type: 'settle', expected, settleMs: spec.settleMs }, 'done')));
    const lat = reports.flatMap((r) => r.editLatencies).sort((a, b) => a - b);
    const cur = reports.flatMap((r) => r.cursorDelays).sort((a, b) => a - b);
    const check = validate(reports.flatMap((r) => r.rooms));
    const closed: Record<number, number> = {};
    for (const r of reports) for (const [code, n] of Object.entries(r.closed)) closed[Number(code)] = (closed[Number(code)] ?? 0) + n;
    for (const [code, n] of Object.entries(closed)) check.problems.unshift(`${n} sockets closed by the server (code ${code})`);
    return {
      server: label,
      clients: spec.rooms * spec.clientsPerRoom,
      hz: spec.hz,
      editP50: percentile(lat, 0.5),
      editP95: percentile(lat, 0.95),
      editP99: percentile(lat, 0.99),
      editAllP95: check.allP95,
      cursorP50: percentile(cur, 0.5),
      cursorP95: percentile(cur, 0.95),
      serverCpuPct: (serverCpu / elapsed) * 100,
      serverRssMb: rss / 1048576,
      loadCpuPct: reports.reduce((s, r) => s + r.cpuSeconds / r.windowSeconds, 0) * 100,
      editsSent: check.sent,
      valid: check.problems.length === 0,
      invalidReason: check.problems.slice(0, 3).join('; ') || undefined,
    };
  } finally {
    for (const w of workers) w.child.send({ type: 'close' });
    await Promise.all(workers.map((w) => stopChild(w.child)));
  }
}

/** Every receiver got every edit of its room, and every client that kept a Y.Doc holds the same one. */
function validate(reports: RoomReport[]): { problems: string[]; sent: number; allP95: number } {
  const problems: string[] = [];
  const byRoom = new Map<number, RoomReport[]>();
  for (const r of reports) byRoom.set(r.room, [...(byRoom.get(r.room) ?? []), r]);
  let sent = 0;
  const lastReceiver: number[] = [];
  for (const [room, parts] of byRoom) {
    const roomSent = parts.reduce((s, p) => s + p.sent, 0);
    sent += roomSent;
    if (roomSent === 0) problems.push(`room ${room}: the writer sent nothing`);
    const missing = parts.flatMap((p) => p.receivedPerClient).filter((n) => n < roomSent).length;
    if (missing) problems.push(`room ${room}: ${missing} clients missed edits`);
    const docs = parts.flatMap((p) => p.docs);
    if (new Set(docs.map((d) => d.hash)).size > 1 || new Set(docs.map((d) => d.stateVector)).size > 1) {
      problems.push(`room ${room}: documents differ`);
    }
    const sentAt = Object.assign({}, ...parts.map((p) => p.sentAt)) as Record<number, number>;
    for (const [seq, at] of Object.entries(sentAt)) {
      const last = Math.max(...parts.map((p) => p.lastArrival[Number(seq)] ?? Infinity));
      lastReceiver.push(last - at);
    }
  }
  lastReceiver.sort((a, b) => a - b);
  return { problems, sent, allP95: percentile(lastReceiver, 0.95) };
}
