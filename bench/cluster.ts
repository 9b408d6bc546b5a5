import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { addShape, boardMaps } from '../shared/model/board-doc';
import { runLoadOn, type LoadResult, type LoadSpec } from './load';
import type { BenchOptions } from './fanout';
import type { Endpoint } from './proto';
import { fmt, target, type Section } from './report';
import { docClient, until } from './seed';
import { startServer, type ServerHandle } from './servers';

/** Where the cluster scenario finds PostgreSQL and Redis (override with BENCH_DATABASE_URL / BENCH_REDIS_URL). */
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The same endpoint on another instance (same path and token, other host:port). */
function onInstance(ep: Endpoint, other: ServerHandle): Endpoint {
  const u = new URL(ep.url);
  const o = new URL(other.url);
  u.host = o.host;
  return { ...ep, url: u.toString() };
}

/**
 * Does this server run as a cluster? A board created and edited through instance A must be readable,
 * with the edit, through instance B. A server that ignores REDIS_URL / DATABASE_URL fails this.
 */
async function clusterWorks(a: ServerHandle, b: ServerHandle): Promise<boolean> {
  try {
    const room = await a.openRoom(1, 'Cluster probe');
    const writer = await docClient(room.endpoints[0]!);
    addShape(writer.doc, { kind: 'note', id: 'clusterprobe000000000000', text: 'probe', z: 'a0' });
    const reader = await docClient(onInstance(room.endpoints[0]!, b));
    await until('the edit to cross instances', () => boardMaps(reader.doc).shapes.has('clusterprobe000000000000'), 5000, 100);
    writer.close();
    reader.close();
    return true;
  } catch {
    return false;
  }
}

/** Rows appended to the update log so far (its sequence only grows, compaction or not) and commits in the database. */
async function pgWrites(): Promise<{ rows: number; commits: number; at: number }> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const rows = await client.query<{ s: string }>('SELECT coalesce(max(seq), 0) AS s FROM public.doc_updates');
    // Statistics are flushed by each backend about once a second: read them after the run has settled.
    const commits = await client.query<{ c: string }>('SELECT xact_commit AS c FROM pg_stat_database WHERE datname = current_database()');
    return { rows: Number(rows.rows[0]?.s ?? 0), commits: Number(commits.rows[0]?.c ?? 0), at: Date.now() };
  } finally {
    await client.end();
  }
}

/**
 * 7. Cluster: the fan-out load on one instance, then with the clients split over two instances sharing
 * PostgreSQL and Redis (writer on A, half the readers on B). Prints "not available" when the server does
 * not support cluster mode.
 */
export async function cluster(opts: BenchOptions): Promise<Section> {
  const env = { DATABASE_URL, REDIS_URL, SECRET: randomBytes(24).toString('hex') };
  const spec: LoadSpec = { rooms: 1, clientsPerRoom: opts.quick ? 20 : 100, hz: 5, editsPerSec: 2, durationMs: opts.quick ? 4000 : 20_000, settleMs: 10_000 };
  const a = await startServer('threatboard', { env });
  const b = await startServer('threatboard', { env });
  const base: Omit<Section, 'rows' | 'targets'> = {
    id: '7',
    title: `Cluster: ${spec.clientsPerRoom} clients, cursors ${spec.hz} Hz, two instances over Redis vs one`,
    columns: ['setup', 'edit p50 ms', 'edit p95 ms', 'cursor p50 ms', 'cursor p95 ms', 'servers CPU %', 'valid'],
  };
  try {
    if (!(await clusterWorks(a, b))) {
      return {
        ...base,
        rows: [],
        notes: ['not available: a board edited through one instance was not seen through another (REDIS_URL / DATABASE_URL not supported by this server).'],
        targets: [
          { measure: 'added edit p50 (two instances − one)', value: 'not available', target: '≤ 5 ms', pass: null },
          { measure: 'added edit p95 (two instances − one)', value: 'not available', target: '≤ 10 ms', pass: null },
        ],
      };
    }
    const one = await runLoadOn('one instance', [a.pid], [(await a.openRoom(spec.clientsPerRoom)).endpoints], spec);
    const eps = (await a.openRoom(spec.clientsPerRoom)).endpoints.map((ep, i) => (i % 2 === 0 ? ep : onInstance(ep, b)));
    const before = await pgWrites();
    const two = await runLoadOn('two instances (A + B)', [a.pid, b.pid], [eps], spec);
    const after = await pgWrites();
    const secs = (after.at - before.at) / 1000;
    const pgRate = `PostgreSQL during the two-instance run (${spec.clientsPerRoom} people, ${spec.editsPerSec} edits/s, cursors ${spec.hz} Hz; presence is never stored): ${((after.rows - before.rows) / secs).toFixed(1)} update rows/s, ${((after.commits - before.commits) / secs).toFixed(1)} commits/s in the database (all clients, over ${secs.toFixed(0)} s incl. settling)`;
    const row = (r: LoadResult) => [r.server, fmt.ms(r.editP50), fmt.ms(r.editP95), fmt.ms(r.cursorP50), fmt.ms(r.cursorP95), fmt.pct(r.serverCpuPct), r.valid ? 'yes' : `INVALID: ${r.invalidReason}`];
    const ok = one.valid && two.valid;
    return {
      ...base,
      rows: [row(one), row(two)],
      notes: [`added cursor delay p50: ${fmt.ms(two.cursorP50 - one.cursorP50)} ms, p95: ${fmt.ms(two.cursorP95 - one.cursorP95)} ms`, pgRate],
      targets: [
        target('added edit p50 (two instances − one)', two.editP50 - one.editP50, 'ms', '<=', 5, ok),
        target('added edit p95 (two instances − one)', two.editP95 - one.editP95, 'ms', '<=', 10, ok),
      ],
      data: { one, two },
    };
  } finally {
    await a.stop();
    await b.stop();
  }
}
