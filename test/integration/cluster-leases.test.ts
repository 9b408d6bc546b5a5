import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type * as Y from 'yjs';
import { addShape, boardMaps, newId } from '../../shared/model/board-doc';
import { parseBackup } from '../../shared/formats/board-data';
import type { VersionInfo, VersionList } from '../../shared/versions';
import { leaseKey } from '../../server/cluster/lease';
import { at, ClusterFixture, converged } from '../helpers/cluster';
import { FailoverProxy } from '../helpers/failover-proxy';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, synced, type TestClient } from '../helpers/server';
import { needService, TEST_DATABASE_URL } from '../helpers/services';
import type { ServerProcess } from '../e2e/server-process';

/**
 * Server-owned work once per board across a cluster, with instances as child processes on the machine's
 * PostgreSQL and Redis: automatic versions are kept by the board's worker (the lease holder) only, and
 * when the worker is killed another instance takes the lease over and does what it left undone.
 */

const available = (await needService('PostgreSQL')) && (await needService('Redis'));
const fx = new ClusterFixture();
afterAll(() => (available ? fx.cleanup() : undefined));

const note = (c: TestClient, text: string) => addShape(c.doc, { kind: 'note', id: newId(), text, pos: { x: 0, y: 0 } }).id;

function open(url: string, boardId: string, token: string): TestClient {
  const c = connectClient(at(url), boardId, token);
  fx.later(() => c.destroy());
  return c;
}

async function versions(url: string, boardId: string, token: string): Promise<VersionInfo[]> {
  const res = await fetch(`${url}/api/boards/${boardId}/versions`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as VersionList).versions;
}

/** The ids of the shapes of one kind a version holds, sorted. */
async function idsOf(url: string, boardId: string, token: string, versionId: string, kind = 'note'): Promise<string[]> {
  const res = await fetch(`${url}/api/boards/${boardId}/versions/${versionId}`, { headers: { authorization: `Bearer ${token}` } });
  const parsed = parseBackup(await res.json());
  if (!parsed.ok) throw new Error('unreadable version');
  return parsed.value.shapes.filter((s) => s.kind === kind).map((s) => s.id).sort();
}

/** Whether some PostgreSQL session holds the board's lease (an advisory lock on its 64-bit key). */
async function leaseTaken(schema: string, boardId: string): Promise<boolean> {
  const key = BigInt.asUintN(64, BigInt(leaseKey(boardId, schema)));
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND objsubid = 1",
      [String(key >> 32n), String(key & 0xffffffffn)],
    );
    return Number(r.rows[0]!.n) > 0;
  } finally {
    await c.end();
  }
}

describe.runIf(available)('board work once across a cluster', () => {
  // Two instances for both tests (the second one kills A).
  let env: Record<string, string>;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    env = { ...fx.env(), AUTO_VERSION_MS: '3000' };
    [a, b] = await Promise.all([fx.instance(env), fx.instance(env)]);
  }, 120_000);

  it('keeps each automatic version once, with edits through both instances', async () => {
    const board = await createBoard(at(a.url), 'Insulin pen');
    const ana = await join(at(a.url), board, 'participant', 'Ana');
    const bo = await join(at(b.url), board, 'participant', 'Bo');
    const ca = open(a.url, board.id, ana.token);
    const cb = open(b.url, board.id, bo.token);
    await Promise.all([synced(ca), synced(cb)]);
    // Present on the board, as a real client is (how an instance knows the name of someone on another).
    for (const c of [ca, cb]) c.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1, view: 'main' });
    const docs = () => [ca.doc, cb.doc];
    const list = () => versions(a.url, board.id, ana.token);
    const holding = async (ids: string[]) => {
      const want = [...ids].sort();
      for (const v of await list()) if (JSON.stringify(await idsOf(a.url, board.id, ana.token, v.id)) === JSON.stringify(want)) return v;
      return undefined;
    };

    // Two rounds of edits through both instances, the second after the first round's timed version.
    const first = [note(ca, 'Ana 1'), note(cb, 'Bo 1'), note(ca, 'Ana 2'), note(cb, 'Bo 2')];
    await converged(docs, first, 10_000);
    let one: VersionInfo | undefined;
    await eventually(async () => expect((one = await holding(first))).toBeDefined(), 20_000);
    const second = [...first, note(cb, 'Bo 3'), note(ca, 'Ana 3')];
    await converged(docs, second, 10_000);
    await eventually(async () => expect(await holding(second)).toBeDefined(), 20_000);

    // The state before the first edit, then one version per round — each kept by one instance only (every
    // instance keeping its own would store each state twice).
    const all = await list();
    const contents = await Promise.all(all.map((v) => idsOf(a.url, board.id, ana.token, v.id)));
    expect(contents).toEqual([[...second].sort(), [...first].sort(), []]);
    expect(all.map((v) => v.reason)).toEqual(['auto', 'auto', 'auto']);
    // Who changed what, with the name of the person who edited through the other instance too.
    expect([...one!.summary.authors].sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { userId: ana.userId, name: 'Ana', added: 2, changed: 0, removed: 0 },
      { userId: bo.userId, name: 'Bo', added: 2, changed: 0, removed: 0 },
    ]);
  }, 120_000);

  it('kill -9 of the board’s worker: another instance takes the lease over and does what it left', async () => {
    const board = await createBoard(at(a.url), 'Dialysis machine');
    const ana = await join(at(a.url), board, 'participant', 'Ana');
    const bo = await join(at(a.url), board, 'participant', 'Bo');
    const vic = await join(at(a.url), board, 'viewer', 'Vic');
    // Ana's client reaches A first (through a load balancer that moves it to B once A is gone).
    const lb = new FailoverProxy(() => [a.port, b.port]);
    const lbPort = await lb.start();
    fx.later(() => lb.stop());
    const ca = open(`http://127.0.0.1:${lbPort}`, board.id, ana.token);
    await synced(ca);
    // A loaded the board first (nobody on B yet), so A is its worker.
    await eventually(async () => expect(await leaseTaken(env.DATABASE_SCHEMA!, board.id)).toBe(true), 10_000);
    const cb = open(b.url, board.id, bo.token);
    const watcher = open(b.url, board.id, vic.token);
    await Promise.all([synced(cb), synced(watcher)]);

    // A hangs (SIGSTOP): a threat made through B stays un-numbered, since A still holds the lease.
    process.kill(a.pid!, 'SIGSTOP');
    const threat = addShape(cb.doc, { kind: 'threat', id: newId(), title: 'Air in the line' }).id;
    const num = (doc: Y.Doc) => boardMaps(doc).shapes.get(threat)?.get('num');
    // B stored and relayed it (so B's own numbering ran and found the lease taken).
    await eventually(() => expect(boardMaps(watcher.doc).shapes.has(threat)).toBe(true));
    expect(num(cb.doc)).toBeFalsy();

    const killedAt = Date.now();
    await a.stop('SIGKILL');
    await eventually(() => expect(num(cb.doc)).toBe(1), 20_000);
    const numberedAfter = Date.now() - killedAt;
    // Ana's client moved to B and sees the number too.
    await eventually(() => expect(num(ca.doc)).toBe(1), 30_000);
    await converged(() => [ca.doc, cb.doc, watcher.doc], [threat]);
    // The automatic version that fell due while A held the lease (the board was edited, none kept yet).
    await eventually(async () => {
      const [latest] = await versions(b.url, board.id, bo.token);
      expect(latest && (await idsOf(b.url, board.id, bo.token, latest.id, 'threat'))).toEqual([threat]);
    }, 20_000);
    console.log(`lease takeover: threat numbered by B ${numberedAfter} ms after kill -9 of A (the holder)`);
  }, 120_000);
});
