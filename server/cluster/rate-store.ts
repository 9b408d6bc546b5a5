import { RedisStore, type RedisClient } from 'hono-rate-limiter';
import type { Redis } from 'ioredis';

/**
 * A hono-rate-limiter store whose hit counters live in Redis, so a client's HTTP rate limit (board
 * creation, join, import) holds across every instance of a cluster rather than per instance. Use one per
 * limiter, each with its own prefix; without REDIS_URL the limiter's default MemoryStore is right.
 */
export function redisRateLimitStore(redis: Redis, prefix: string): RedisStore {
  const client: RedisClient = {
    scriptLoad: (script) => redis.script('LOAD', script) as Promise<string>,
    evalsha: <TArgs extends unknown[], TData = unknown>(sha: string, keys: string[], args: TArgs) =>
      redis.evalsha(sha, keys.length, ...keys, ...(args as Array<string | number>)) as Promise<TData>,
    decr: (key) => redis.decr(key),
    del: (key) => redis.del(key),
  };
  return new RedisStore({ client, prefix });
}
