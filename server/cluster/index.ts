import type { RedisStore } from 'hono-rate-limiter';
import { Redis } from 'ioredis';
import type { Config } from '../config';
import { LocalFanout, RedisFanout, type Fanout } from './fanout';
import { InProcessLeases, PgLeases, type BoardLeases } from './lease';
import { redisRateLimitStore } from './rate-store';

export interface Cluster {
  fanout: Fanout;
  leases: BoardLeases;
  /** The hit-counter store for the rate limiter `name` (e.g. 'join'), or undefined for the in-memory default. */
  rateLimitStore(name: string): RedisStore | undefined;
  close(): Promise<void>;
}

/**
 * Fan-out, leases and rate-limit counters for this configuration: Redis with REDIS_URL, advisory locks with
 * DATABASE_URL; without them one process does everything (in-process relay, every lease held here,
 * counters in memory).
 */
export function createCluster(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'REDIS_URL'>,
  log: (message: string) => void = () => {},
): Cluster {
  const prefix = `tb:${config.DATABASE_SCHEMA}:`;
  const fanout = config.REDIS_URL ? new RedisFanout(config.REDIS_URL, { log, prefix }) : new LocalFanout();
  const leases = config.DATABASE_URL ? new PgLeases(config.DATABASE_URL, { namespace: config.DATABASE_SCHEMA }) : new InProcessLeases();
  let counters: Redis | undefined;
  return {
    fanout,
    leases,
    rateLimitStore(name) {
      if (!config.REDIS_URL) return undefined;
      counters ??= new Redis(config.REDIS_URL, { protocol: 2 }).on('error', (err: Error) => log(`redis rate limits: ${err.message}`));
      return redisRateLimitStore(counters, `${prefix}rl:${name}:`);
    },
    async close() {
      counters?.disconnect();
      await Promise.all([fanout.close(), leases.close()]);
    },
  };
}
