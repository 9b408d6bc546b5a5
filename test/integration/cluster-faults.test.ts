import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, boardMaps, newId } from '../../shared/model/board-doc';
import { PostgresStore } from '../../server/store/postgres';
import { at, ClusterFixture, converged, digest, sleep } from '../helpers/cluster';
import { FailoverProxy } from '../helpers/failover-proxy';
import { eventually } from '../helpers/poll';
import { freePort } from '../helpers/ports';
import { RedisProcess } from '../helpers/redis-process';
import { connectClient, createBoard, join, synced, type TestClient } from '../helpers/server';
import { needService, TEST_DATABASE_URL, TEST_REDIS_URL } from '../helpers/services';

/**
 * Faults with real processes: Threatboard instances are child processes (kill -9 is a real crash), on the
 * machine's PostgreSQL (each test in a schema of its own) and on Redis (the machine's, under the schema's
 * key prefix, or a redis-server of the test's own when the test restarts it). A PostgreSQL outage is
 * tested through a TCP proxy in cluster-pg-outage.test.ts.
 */

const available = (await needService('PostgreSQL')) && (await needService('Redis'));
const fx = new ClusterFixture();
afterAll(() => (available ? fx.cleanup() : undefined));
const ids = (doc: Y.Doc) => [...boardMaps(doc).shapes.keys()];

/** What PostgreSQL alone holds of a document, read straight from the log (no instance's memory involved). */
async function storedDoc(store: PostgresStore, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await store.load(name)) Y.applyUpdate(doc, u);
  return doc;
}

interface Writer {
  name: string;
  client: TestClient;
  written: string[];
}

/** Each writer adds a note every `everyMs` until stopped; ids are remembered with their author. */
function storm(writers: Writer[], everyMs: number): () => Promise<void> {
  let on = true;
  const loops = writers.map(async (w) => {
    while (on) {
      const id = newId();
      w.written.push(id);
      addShape(w.client.doc, { kind: 'note', id, text: `${w.name} ${w.written.length}`, pos: { x: 0, y: 0 } });
      await sleep(everyMs);
    }
  });
  return async () => {
    on = false;
    await Promise.all(loops);
  };
}

describe.runIf(available)('cluster faults with real processes', () => {
  it('kill -9 of one instance in an edit storm: its clients move to the other, nothing accepted is lost', async () => {
    const env = fx.env(TEST_REDIS_URL);
    const a = await fx.instance(env);
    const b = await fx.instance(env);
    // Two entry points of one load balancer: clients of A prefer A, clients of B prefer B; both fail over.
    const viaA = new FailoverProxy(() => [a.port, b.port]);
    const viaB = new FailoverProxy(() => [b.port, a.port]);
    const [portA, portB] = [await viaA.start(), await viaB.start()];
    fx.later(() => viaA.stop());
    fx.later(() => viaB.stop());
    const board = await createBoard(at(a.url), 'Infusion pump');
    const writers: Writer[] = [];
    for (const [name, port] of [['a1', portA], ['a2', portA], ['b1', portB], ['b2', portB]] as const) {
      const s = await join(at(a.url), board, 'participant', name);
      const client = connectClient(at(`http://127.0.0.1:${port}`), board.id, s.token);
      fx.later(() => client.destroy());
      writers.push({ name, client, written: [] });
    }
    await Promise.all(writers.map((w) => synced(w.client)));
    const onA = writers.filter((w) => w.name.startsWith('a'));
    const author = (id: string) => writers.find((w) => w.written.includes(id))!.name;

    // Opened now, so that reading the log right after the kill is one query.
    const pgStore = await PostgresStore.open(TEST_DATABASE_URL, { schema: env.DATABASE_SCHEMA });
    fx.later(() => pgStore.close());
    const stop = storm(writers, 20);
    await sleep(1500);
    // Accepted = a note some client other than its author holds: an instance relayed it (to its own
    // clients after the append resolved, to the other instance after that too), so it must be stored.
    const accepted = new Set<string>();
    for (const w of writers) for (const id of ids(w.client.doc)) if (author(id) !== w.name) accepted.add(id);
    const recovered = new Map<string, number>();
    viaA.hold();
    const killedAt = Date.now();
    await a.stop('SIGKILL');
    for (const w of onA) {
      w.client.provider.on('sync', (isSynced: boolean) => {
        if (isSynced && !recovered.has(w.name)) recovered.set(w.name, Date.now() - killedAt);
      });
    }
    // Before the clients of A reconnect (and could resend what they hold), PostgreSQL must have it all.
    const stored = await storedDoc(pgStore, board.id);
    expect([...accepted].filter((id) => !boardMaps(stored).shapes.has(id))).toEqual([]);
    const releasedAt = Date.now();
    viaA.release();

    await eventually(() => expect(recovered.size).toBe(onA.length), 30_000);
    expect(viaA.forwarded.filter((f) => f.at >= killedAt).every((f) => f.port === b.port)).toBe(true);
    await sleep(500);
    await stop();
    const all = writers.flatMap((w) => w.written);
    await converged(() => writers.map((w) => w.client.doc), all);
    const fresh = await fx.freshLoad(env, board.id, (await join(at(b.url), board, 'viewer')).token, all);
    expect(digest(fresh)).toBe(digest(writers[0]!.client.doc));
    const times = [...recovered.values()];
    console.log(
      `kill -9 recovery (kill → client synced on the other instance): ${times.map((t) => `${t} ms`).join(', ')}; ` +
        `storage checked in ${releasedAt - killedAt} ms; first reconnect reached the other instance after ` +
        `${(viaA.forwarded.find((f) => f.at >= killedAt)?.at ?? NaN) - killedAt} ms; ` +
        `${accepted.size} accepted notes at the kill, ${all.length} notes in all`,
    );
    // A liveness bound, not a performance target: the time is printed (it grows with the machine's load).
    expect(Math.max(...times)).toBeLessThan(30_000);
  }, 90_000);

  it('Redis restarted mid-session: instances resubscribe, catch up from PostgreSQL and clients converge', async () => {
    const redis = new RedisProcess(await freePort());
    await redis.start();
    fx.later(() => redis.kill());
    const env = fx.env(redis.url);
    const a = await fx.instance(env);
    const b = await fx.instance(env);
    const board = await createBoard(at(a.url), 'Glucose monitor');
    const ana = await join(at(a.url), board, 'participant', 'Ana');
    const bo = await join(at(b.url), board, 'participant', 'Bo');
    const ca = connectClient(at(a.url), board.id, ana.token);
    const cb = connectClient(at(b.url), board.id, bo.token);
    fx.later(() => ca.destroy());
    fx.later(() => cb.destroy());
    await Promise.all([synced(ca), synced(cb)]);
    const note = (c: TestClient, text: string) => addShape(c.doc, { kind: 'note', id: newId(), text, pos: { x: 0, y: 0 } }).id;
    const all = [note(ca, 'before, on A'), note(cb, 'before, on B')];
    await converged(() => [ca.doc, cb.doc], all, 10_000);

    await redis.kill();
    // Edits go on during the outage: each instance stores and relays its own; the other cannot hear them.
    for (let i = 0; i < 10; i++) {
      all.push(note(ca, `outage A ${i}`), note(cb, `outage B ${i}`));
      await sleep(100);
    }
    await redis.start();
    // Back: what was published into the lost stream or queued meanwhile reaches the other side (from the
    // store after the gap, or from the new stream), and live relay works again.
    await converged(() => [ca.doc, cb.doc], all);
    const liveA = note(ca, 'after, on A');
    const liveB = note(cb, 'after, on B');
    all.push(liveA, liveB);
    await converged(() => [ca.doc, cb.doc], all, 10_000);
    const fresh = await fx.freshLoad(env, board.id, ana.token, all);
    expect(digest(fresh)).toBe(digest(ca.doc));
  }, 90_000);
});
