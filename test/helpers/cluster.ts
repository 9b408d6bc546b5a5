import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { Redis } from 'ioredis';
import { boardMaps } from '../../shared/model/board-doc';
import type { RunningServer } from '../../server/server';
import { ServerProcess } from '../e2e/server-process';
import { eventually } from './poll';
import { freePort } from './ports';
import { connectClient, synced, TEST_RATE_LIMITS, testServer } from './server';
import { dropSchemas, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueSchema } from './services';

/**
 * Several Threatboard instances as child processes on the machine's PostgreSQL (a schema per test) and a
 * Redis, for the cluster fault and fuzz tests. Everything started is undone by `cleanup()`.
 */
export class ClusterFixture {
  private readonly schemas: string[] = [];
  private readonly undo: Array<() => Promise<unknown> | unknown> = [];

  /** Run `fn` at cleanup (last registered, first run). */
  later(fn: () => Promise<unknown> | unknown): void {
    this.undo.push(fn);
  }

  tempDir(): string {
    const dir = mkdtempSync(pathJoin(tmpdir(), 'threatboard-cluster-'));
    this.later(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  /** Environment of one cluster: a fresh schema, so the test runs beside any other on the same database. */
  env(redisUrl = TEST_REDIS_URL): Record<string, string> {
    const schema = uniqueSchema();
    this.schemas.push(schema);
    // No compaction during a test: a snapshot of an instance's memory would hide an update the log lost.
    return {
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL: redisUrl,
      SECRET: 's'.repeat(40),
      COMPACT_AFTER_UPDATES: '1000000',
      ...TEST_RATE_LIMITS,
    };
  }

  async instance(env: Record<string, string>): Promise<ServerProcess> {
    const p = new ServerProcess(await freePort(), this.tempDir(), env);
    this.later(() => p.stop('SIGKILL'));
    try {
      await p.start();
    } catch (err) {
      // ServerProcess gives up after 30 s; on a busy machine a start can take longer.
      if (!p.alive) throw err;
      await eventually(async () => expect((await fetch(`${p.url}/api/health`)).ok).toBe(true), 60_000, 250);
    }
    return p;
  }

  /** A fresh in-process instance without Redis: what a client gets from PostgreSQL alone. */
  async freshLoad(env: Record<string, string>, boardId: string, token: string, expectIds: Iterable<string>): Promise<Y.Doc> {
    const { REDIS_URL: _none, ...stored } = env;
    const server = await testServer(this.tempDir(), stored);
    const c = connectClient(server, boardId, token);
    this.later(() => server.close());
    this.later(() => c.destroy());
    await synced(c);
    const want = [...expectIds];
    await eventually(() => expect(want.filter((id) => !boardMaps(c.doc).shapes.has(id))).toEqual([]), 10_000);
    return c.doc;
  }

  async cleanup(): Promise<void> {
    for (const fn of this.undo.splice(0).reverse()) await fn();
    const schemas = this.schemas.splice(0);
    await dropSchemas(schemas);
    const r = new Redis(TEST_REDIS_URL, { protocol: 2 });
    for (const s of schemas) {
      const keys = await r.keys(`tb:${s}:*`);
      if (keys.length) await r.del(...keys);
    }
    r.disconnect();
  }
}

export const at = (url: string) => ({ url }) as RunningServer;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** JSON with keys sorted at every level: Y.Map key order depends on the order updates arrived in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/** The board's shapes as a short digest, so a mismatch does not print two whole documents. */
export function digest(doc: Y.Doc): string {
  return createHash('sha256').update(canonical(boardMaps(doc).shapes.toJSON())).digest('hex').slice(0, 16);
}

/** Every document holds `ids` and all are identical. */
export async function converged(docs: () => Y.Doc[], ids: Iterable<string>, timeoutMs = 20_000): Promise<void> {
  const want = [...ids];
  await eventually(() => {
    for (const d of docs()) expect(want.filter((id) => !boardMaps(d).shapes.has(id))).toEqual([]);
    const all = docs();
    expect(all.map(digest)).toEqual(all.map(() => digest(all[0]!)));
  }, timeoutMs);
}
