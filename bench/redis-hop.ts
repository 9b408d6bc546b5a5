import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisFanout } from '../server/cluster/fanout';

/**
 * The hop Redis fan-out adds between two instances: time from `publish` on instance A to `onRemote` on
 * instance B, one message at a time (latency) and in bursts (throughput). `npx tsx bench/redis-hop.ts`,
 * with REDIS_URL (default redis://127.0.0.1:6379).
 */
export async function measureFanout(url: string, messages = 1000, bytes = 200) {
  const prefix = `tb-bench-${randomBytes(4).toString('hex')}:`;
  const a = new RedisFanout(url, { prefix });
  const b = new RedisFanout(url, { prefix });
  let waiting: (() => void) | undefined;
  let received = 0;
  await b.join('bench', () => {
    received++;
    waiting?.();
  });
  const payload = randomBytes(bytes);
  const latencies: number[] = [];
  for (let i = 0; i < messages; i++) {
    const arrived = new Promise<void>((r) => (waiting = r));
    const t0 = performance.now();
    await a.publish('bench', 'update', payload);
    await arrived;
    latencies.push(performance.now() - t0);
  }
  waiting = undefined;
  const burst = 5000;
  const before = received;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: burst }, () => a.publish('bench', 'awareness', payload)));
  while (received - before < burst) await new Promise((r) => setTimeout(r, 1));
  const perSec = burst / ((performance.now() - t0) / 1000);
  await Promise.all([a.close(), b.close()]);
  const cleanup = new Redis(url, { protocol: 2 });
  await cleanup.del(`${prefix}doc:bench`);
  cleanup.disconnect();
  latencies.sort((x, y) => x - y);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), perSec };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureFanout(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  console.log('\nRedis fan-out between two instances (publish on A → delivered on B), 200-byte messages');
  console.log('| p50 ms | p95 ms | p99 ms | burst messages/s |');
  console.log('|-------:|-------:|-------:|-----------------:|');
  console.log(`| ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${Math.round(r.perSec)} |`);
}
