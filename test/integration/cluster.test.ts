import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createCluster } from '../../server/cluster';
import { loadConfig } from '../../server/config';
import { eventually } from '../helpers/poll';
import { needService, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueSchema } from '../helpers/services';

const available = (await needService('PostgreSQL')) && (await needService('Redis'));
const schema = uniqueSchema();
afterAll(async () => {
  if (!available) return;
  const r = new Redis(TEST_REDIS_URL, { protocol: 2 });
  const keys = await r.keys(`tb:${schema}:*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
});

describe.runIf(available)('createCluster', () => {
  it('gives two instances of one configuration a shared fan-out and shared leases', async () => {
    const config = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL: TEST_REDIS_URL });
    const [a, b] = [createCluster(config), createCluster(config)];
    try {
      const got: string[] = [];
      await b.fanout.join('board-1', (kind, data) => got.push(`${kind}:${Buffer.from(data)}`));
      await a.fanout.publish('board-1', 'update', Buffer.from('hello'));
      await eventually(() => expect(got).toEqual(['update:hello']));
      const id = `board-${randomBytes(6).toString('hex')}`;
      expect((await a.leases.withBoardLease(id, () => 'a')).ran).toBe(true);
      expect((await b.leases.withBoardLease(id, () => 'b')).ran).toBe(false);
      expect(a.rateLimitStore('join')).toBeDefined();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('runs in one process without PostgreSQL and Redis', async () => {
    const single = createCluster(loadConfig({}));
    expect((await single.leases.withBoardLease('b', () => 1)).ran).toBe(true);
    await single.fanout.publish('b', 'update', new Uint8Array([1]));
    expect(single.rateLimitStore('join')).toBeUndefined();
    await single.close();
  });
});
