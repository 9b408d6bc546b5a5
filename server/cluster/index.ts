import type { Config } from '../config';
import { LocalFanout, RedisFanout, type Fanout } from './fanout';
import { InProcessLeases, PgLeases, type BoardLeases } from './lease';

export interface Cluster {
  fanout: Fanout;
  leases: BoardLeases;
  close(): Promise<void>;
}

/**
 * Fan-out and leases for this configuration: Redis streams with REDIS_URL, advisory locks with
 * DATABASE_URL; without them one process does everything (in-process relay, every lease held here).
 */
export function createCluster(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'REDIS_URL'>, log: (message: string) => void = () => {}): Cluster {
  const fanout = config.REDIS_URL ? new RedisFanout(config.REDIS_URL, { log, prefix: `tb:${config.DATABASE_SCHEMA}:` }) : new LocalFanout();
  const leases = config.DATABASE_URL ? new PgLeases(config.DATABASE_URL, { namespace: config.DATABASE_SCHEMA }) : new InProcessLeases();
  return {
    fanout,
    leases,
    async close() {
      await Promise.all([fanout.close(), leases.close()]);
    },
  };
}
