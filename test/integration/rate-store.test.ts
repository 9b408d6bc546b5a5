import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { Redis } from 'ioredis';
import { redisRateLimitStore } from '../../server/cluster/rate-store';
import { needService, TEST_REDIS_URL } from '../helpers/services';

const available = await needService('Redis');
const prefix = `tb-test-rl-${randomBytes(4).toString('hex')}:`;
const redis = available ? new Redis(TEST_REDIS_URL, { protocol: 2 }) : undefined;
afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** One instance's join route, limited per client address as the server does. */
function instance() {
  const app = new Hono();
  app.use(
    '/api/boards/:id/join',
    rateLimiter({
      windowMs: 60_000,
      limit: 3,
      keyGenerator: (c) => c.req.header('x-client') ?? 'unknown',
      store: redisRateLimitStore(redis!, prefix),
    }),
  );
  app.post('/api/boards/:id/join', (c) => c.json({ ok: true }));
  return app;
}

describe.runIf(available)('HTTP rate limits in Redis', () => {
  it('count a client’s requests across instances, and each client separately', async () => {
    const a = instance();
    const b = instance();
    const join = (app: Hono, client: string) => app.request('/api/boards/b1/join', { method: 'POST', headers: { 'x-client': client } });
    const statuses = [];
    for (const app of [a, b, a, b]) statuses.push((await join(app, '10.0.0.1')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await join(b, '10.0.0.2')).status).toBe(200);
  });
});
