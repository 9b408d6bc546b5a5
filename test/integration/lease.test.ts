import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { InProcessLeases, PgLeases, type BoardLeases } from '../../server/cluster/lease';
import { eventually } from '../helpers/poll';
import { needService, TEST_DATABASE_URL } from '../helpers/services';
import { TcpProxy } from '../helpers/tcp-proxy';

const available = await needService('PostgreSQL');
const open: BoardLeases[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});
function instance(): PgLeases {
  const l = new PgLeases(TEST_DATABASE_URL, { heartbeatMs: 100 });
  open.push(l);
  return l;
}
/** Board ids unique to this run: advisory locks are database-wide and other runs share the database. */
const board = (name: string) => `${name}-${randomBytes(6).toString('hex')}`;

describe.runIf(available)('board leases on PostgreSQL', () => {
  it('lets exactly one of two instances do a board’s work, even when both ask at once, and keeps it there', async () => {
    const a = instance();
    const b = instance();
    const id = board('vote-close');
    const runs: string[] = [];
    const job = (who: string) => async () => void runs.push(who);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).withBoardLease(id, job(i % 2 ? 'a' : 'b'))));
    expect(new Set(runs).size).toBe(1);
    expect(results.filter((r) => r.ran)).toHaveLength(runs.length);
    const owner = runs[0] === 'a' ? a : b;
    const other = owner === a ? b : a;
    expect(owner.holds(id)).toBe(true);
    expect(other.holds(id)).toBe(false);
    // Another board is free for the other instance.
    expect((await other.withBoardLease(board('other'), () => 7)).ran).toBe(true);
  });

  it('hands the board over after a release', async () => {
    const a = instance();
    const b = instance();
    const id = board('tally');
    expect(await a.withBoardLease(id, () => 'a')).toEqual({ ran: true, value: 'a' });
    expect(await b.withBoardLease(id, () => 'b')).toEqual({ ran: false });
    await a.release(id);
    expect(await b.withBoardLease(id, () => 'b')).toEqual({ ran: true, value: 'b' });
    expect(await a.withBoardLease(id, () => 'a')).toEqual({ ran: false });
  });

  it('frees the boards of an instance whose database session dies, and tells that instance', async () => {
    const a = instance();
    const b = instance();
    const ids = [board('reveal'), board('numbering')];
    for (const id of ids) await a.withBoardLease(id, () => {});
    const lost: string[] = [];
    a.onLost((boards) => lost.push(...boards));
    // What a kill -9 of instance A does to its session.
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
      `threatboard-lease-${a.instanceId}`,
    ]);
    await admin.end();
    await eventually(() => expect(lost.sort()).toEqual([...ids].sort()));
    expect(a.holds(ids[0]!)).toBe(false);
    for (const id of ids) expect((await b.withBoardLease(id, () => 'b')).ran).toBe(true);
    // A reconnects by itself and can work on boards nobody holds.
    expect((await a.withBoardLease(board('fresh'), () => 1)).ran).toBe(true);
  });

  it('takes over a board it serves when the holder’s session ends, and says so', async () => {
    const a = instance();
    const b = new PgLeases(TEST_DATABASE_URL, { retryMs: 50 });
    open.push(b);
    const id = board('takeover');
    const taken: string[] = [];
    b.onAcquired((boardId) => taken.push(boardId));
    expect((await a.withBoardLease(id, () => {})).ran).toBe(true);
    b.want(id);
    // While A holds it, B's tries fail and B does no work of the board.
    expect((await b.withBoardLease(id, () => 'b')).ran).toBe(false);
    expect(taken).toEqual([]);
    await a.close(); // its session ends, as with a kill -9
    await eventually(() => expect(taken).toEqual([id]));
    expect(b.holds(id)).toBe(true);
    expect((await a.withBoardLease(id, () => 'a')).ran).toBe(false);
  });

  it('frees the leases of a holder that went silent (machine or network gone) after expireMs', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.port = String(await proxy.start());
    const a = new PgLeases(viaProxy.toString(), { heartbeatMs: 200, expireMs: 1000 });
    const b = new PgLeases(TEST_DATABASE_URL, { retryMs: 50 });
    open.push(a, b);
    const id = board('partition');
    expect((await a.withBoardLease(id, () => {})).ran).toBe(true);
    b.want(id);
    // The heartbeat keeps a live holder's session: once it has lasted past expireMs, A still holds the board.
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await eventually(async () => {
      const r = await admin.query<{ age: number }>(
        'SELECT extract(epoch FROM now() - backend_start) AS age FROM pg_stat_activity WHERE application_name = $1',
        [`threatboard-lease-${a.instanceId}`],
      );
      expect(Number(r.rows[0]?.age)).toBeGreaterThan(2);
    }, 10_000, 200);
    await admin.end();
    expect(b.holds(id)).toBe(false);
    expect(a.holds(id)).toBe(true);
    const lost: string[] = [];
    a.onLost((boards) => lost.push(...boards));
    proxy.freeze();
    await eventually(() => expect(b.holds(id)).toBe(true), 10_000);
    // A gave the board up too (its heartbeat went unanswered): it no longer works on it.
    await eventually(() => expect(lost).toEqual([id]), 10_000);
    expect(a.holds(id)).toBe(false);
    await proxy.stop();
  });

  it('does not run a job when the database cannot be reached, and runs it once it can', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.port = String(await proxy.start());
    const l = new PgLeases(viaProxy.toString());
    open.push(l);
    const id = board('offline');
    proxy.cut();
    expect(await l.withBoardLease(id, () => 1)).toEqual({ ran: false });
    proxy.restore();
    expect(await l.withBoardLease(id, () => 1)).toEqual({ ran: true, value: 1 });
    await proxy.stop();
  });

  it('never runs two jobs of one board at the same time inside an instance', async () => {
    const a = instance();
    const id = board('compaction');
    let active = 0;
    let most = 0;
    const job = async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setImmediate(r));
      active--;
    };
    await Promise.all([a.withBoardLease(id, job), a.withBoardLease(id, job), a.withBoardLease(id, job)]);
    expect(most).toBe(1);
  });
});

describe('board leases in one process', () => {
  it('runs every job, one at a time per board, and a failing job does not block the next', async () => {
    const l = new InProcessLeases();
    const order: number[] = [];
    const failing = l
      .withBoardLease('b', async () => {
        throw new Error('boom');
      })
      .then(
        () => 'resolved',
        (err: Error) => err.message,
      );
    const results = await Promise.all([
      l.withBoardLease('b', async () => {
        await new Promise((r) => setImmediate(r));
        order.push(1);
      }),
      l.withBoardLease('b', () => order.push(2)),
    ]);
    expect(await failing).toBe('boom');
    expect(order).toEqual([1, 2]);
    expect(results.every((r) => r.ran)).toBe(true);
  });
});
