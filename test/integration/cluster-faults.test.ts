import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Redis } from 'ioredis';
import { addShape, boardMaps, newId } from '../../shared/model/board-doc';
import type { RunningServer } from '../../server/server';
import { PostgresStore } from '../../server/store/postgres';
import { ServerProcess } from '../e2e/server-process';
import { FailoverProxy } from '../helpers/failover-proxy';
import { eventually } from '../helpers/poll';
import { freePort } from '../helpers/ports';
import { RedisProcess } from '../helpers/redis-process';
import { connectClient, createBoard, join, synced, TEST_RATE_LIMITS, testServer, type TestClient } from '../helpers/server';
import { dropSchemas, needService, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueSchema } from '../helpers/services';

/**
 * Faults with real processes: Threatboard instances are child processes (kill -9 is a real crash), on the
 * machine's PostgreSQL (each test in a schema of its own) and on Redis (the machine's, under the schema's
 * key prefix, or a redis-server of the test's own when the test restarts it).
 */

const available = (await needService('PostgreSQL')) && (await needService('Redis'));
const schemas: string[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  if (!available) return;
  await dropSchemas(schemas);
  const r = new Redis(TEST_REDIS_URL, { protocol: 2 });
  for (const s of schemas) {
    const keys = await r.keys(`tb:${s}:*`);
    if (keys.length) await r.del(...keys);
  }
  r.disconnect();
});

function tempDir(): string {
  const dir = mkdtempSync(pathJoin(tmpdir(), 'threatboard-cluster-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A schema of its own for one test, so it runs beside any other test on the same database. */
function clusterEnv(redisUrl: string): Record<string, string> {
  const schema = uniqueSchema();
  schemas.push(schema);
  // No compaction during the test: a snapshot of an instance's memory would hide an update the log lost.
  return { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, SECRET: 's'.repeat(40), COMPACT_AFTER_UPDATES: '1000000', ...TEST_RATE_LIMITS };
}

async function instance(env: Record<string, string>): Promise<ServerProcess> {
  const p = new ServerProcess(await freePort(), tempDir(), env);
  cleanups.push(() => p.stop('SIGKILL'));
  try {
    await p.start();
  } catch (err) {
    // ServerProcess gives up after 30 s; on a machine this busy a start can take longer.
    if (!p.alive) throw err;
    await eventually(async () => expect((await fetch(`${p.url}/api/health`)).ok).toBe(true), 60_000, 250);
  }
  return p;
}

const at = (url: string) => ({ url }) as RunningServer;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = (doc: Y.Doc) => [...boardMaps(doc).shapes.keys()];
/** JSON with keys sorted at every level: Y.Map key order depends on the order updates arrived in. */
const canonical = (v: unknown): string =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? `{${Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : JSON.stringify(v);
const shapesJson = (doc: Y.Doc) => canonical(boardMaps(doc).shapes.toJSON());
/** Compared as a digest, so a mismatch does not print two whole documents. */
const digest = (doc: Y.Doc) => createHash('sha256').update(shapesJson(doc)).digest('hex').slice(0, 16);

/** What PostgreSQL alone holds of a document, read straight from the log (no instance's memory involved). */
async function storedDoc(store: PostgresStore, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await store.load(name)) Y.applyUpdate(doc, u);
  return doc;
}

/** A fresh instance without Redis, loading the board from PostgreSQL only; returns its client's document. */
async function freshLoad(env: Record<string, string>, boardId: string, token: string, expectIds: string[]): Promise<{ doc: Y.Doc; close: () => Promise<void> }> {
  const { REDIS_URL: _none, ...stored } = env;
  const server = await testServer(tempDir(), stored);
  const c = connectClient(server, boardId, token);
  await synced(c);
  await eventually(() => expect(expectIds.filter((id) => !boardMaps(c.doc).shapes.has(id))).toEqual([]), 10_000);
  return {
    doc: c.doc,
    close: async () => {
      c.destroy();
      await server.close();
    },
  };
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

async function converged(clients: TestClient[], allIds: string[], timeoutMs = 20_000): Promise<void> {
  await eventually(() => {
    for (const c of clients) expect(allIds.filter((id) => !boardMaps(c.doc).shapes.has(id))).toEqual([]);
    expect(clients.map((c) => digest(c.doc))).toEqual(clients.map(() => digest(clients[0]!.doc)));
  }, timeoutMs);
}

describe.runIf(available)('cluster faults with real processes', () => {
  it('kill -9 of one instance in an edit storm: its clients move to the other, nothing accepted is lost', async () => {
    const env = clusterEnv(TEST_REDIS_URL);
    const a = await instance(env);
    const b = await instance(env);
    // Two entry points of one load balancer: clients of A prefer A, clients of B prefer B; both fail over.
    const viaA = new FailoverProxy(() => [a.port, b.port]);
    const viaB = new FailoverProxy(() => [b.port, a.port]);
    const [portA, portB] = [await viaA.start(), await viaB.start()];
    cleanups.push(() => viaA.stop(), () => viaB.stop());
    const board = await createBoard(at(a.url), 'Infusion pump');
    const writers: Writer[] = [];
    for (const [name, port] of [['a1', portA], ['a2', portA], ['b1', portB], ['b2', portB]] as const) {
      const s = await join(at(a.url), board, 'participant', name);
      const client = connectClient(at(`http://127.0.0.1:${port}`), board.id, s.token);
      cleanups.push(() => client.destroy());
      writers.push({ name, client, written: [] });
    }
    await Promise.all(writers.map((w) => synced(w.client)));
    const onA = writers.filter((w) => w.name.startsWith('a'));
    const author = (id: string) => writers.find((w) => w.written.includes(id))!.name;

    // Opened now, so that reading the log right after the kill is one query.
    const pgStore = await PostgresStore.open(TEST_DATABASE_URL, { schema: env.DATABASE_SCHEMA });
    cleanups.push(() => pgStore.close());
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

    await eventually(() => expect(recovered.size).toBe(onA.length), 15_000);
    expect(viaA.forwarded.filter((f) => f.at >= killedAt).every((f) => f.port === b.port)).toBe(true);
    await sleep(500);
    await stop();
    const all = writers.flatMap((w) => w.written);
    await converged(writers.map((w) => w.client), all);
    const fresh = await freshLoad(env, board.id, (await join(at(b.url), board, 'viewer')).token, all);
    try {
      expect(digest(fresh.doc)).toBe(digest(writers[0]!.client.doc));
    } finally {
      await fresh.close();
    }
    const times = [...recovered.values()];
    console.log(
      `kill -9 recovery (kill → client synced on the other instance): ${times.map((t) => `${t} ms`).join(', ')}; ` +
        `storage checked in ${releasedAt - killedAt} ms; first reconnect reached the other instance after ` +
        `${(viaA.forwarded.find((f) => f.at >= killedAt)?.at ?? NaN) - killedAt} ms; ` +
        `${accepted.size} accepted notes at the kill, ${all.length} notes in all`,
    );
    expect(Math.max(...times)).toBeLessThan(10_000);
  }, 90_000);

  it('Redis restarted mid-session: instances resubscribe, catch up from PostgreSQL and clients converge', async () => {
    const redis = new RedisProcess(await freePort());
    await redis.start();
    cleanups.push(() => redis.kill());
    const env = clusterEnv(redis.url);
    const a = await instance(env);
    const b = await instance(env);
    const board = await createBoard(at(a.url), 'Glucose monitor');
    const ana = await join(at(a.url), board, 'participant', 'Ana');
    const bo = await join(at(b.url), board, 'participant', 'Bo');
    const ca = connectClient(at(a.url), board.id, ana.token);
    const cb = connectClient(at(b.url), board.id, bo.token);
    cleanups.push(() => ca.destroy(), () => cb.destroy());
    await Promise.all([synced(ca), synced(cb)]);
    const note = (c: TestClient, text: string) => addShape(c.doc, { kind: 'note', id: newId(), text, pos: { x: 0, y: 0 } }).id;
    const all = [note(ca, 'before, on A'), note(cb, 'before, on B')];
    await converged([ca, cb], all, 10_000);

    await redis.kill();
    // Edits go on during the outage: each instance stores and relays its own; the other cannot hear them.
    for (let i = 0; i < 10; i++) {
      all.push(note(ca, `outage A ${i}`), note(cb, `outage B ${i}`));
      await sleep(100);
    }
    await redis.start();
    // Back: what was published into the lost stream or queued meanwhile reaches the other side (from the
    // store after the gap, or from the new stream), and live relay works again.
    await converged([ca, cb], all);
    const liveA = note(ca, 'after, on A');
    const liveB = note(cb, 'after, on B');
    all.push(liveA, liveB);
    await converged([ca, cb], all, 10_000);
    const fresh = await freshLoad(env, board.id, ana.token, all);
    try {
      expect(digest(fresh.doc)).toBe(digest(ca.doc));
    } finally {
      await fresh.close();
    }
  }, 90_000);
});
