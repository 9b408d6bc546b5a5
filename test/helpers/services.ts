import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL and Redis the tests use (scripts/ensure-services.mjs starts them for `npm test`). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function answers(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

export function postgresAnswers(url = TEST_DATABASE_URL): Promise<boolean> {
  return answers(async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await c.connect();
    await c.end();
  });
}

export function redisAnswers(url = TEST_REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return answers(
    () =>
      new Promise<void>((resolve, reject) => {
        const s = connect({ host: hostname, port: Number(port || 6379) });
        s.setTimeout(2000, () => s.destroy(new Error('timeout')));
        s.on('error', reject);
        s.on('connect', () => s.write('PING\r\n'));
        s.on('data', (d) => {
          s.destroy();
          if (d.toString().startsWith('+PONG')) resolve();
          else reject(new Error(d.toString()));
        });
      }),
  );
}

/**
 * Whether a suite that needs `service` can run. In CI (CI=true) a missing service is an error, never a
 * silent skip; on a developer machine the suite is skipped with a warning saying how to start it.
 */
export async function needService(service: 'PostgreSQL' | 'Redis'): Promise<boolean> {
  const ok = service === 'PostgreSQL' ? await postgresAnswers() : await redisAnswers();
  if (ok) return true;
  const url = service === 'PostgreSQL' ? TEST_DATABASE_URL : TEST_REDIS_URL;
  const message = `${service} does not answer at ${url}; run \`node scripts/ensure-services.mjs\` (npm test does).`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`Skipping: ${message}`);
  return false;
}

/** A unique schema name per call, so parallel runs never see each other's rows. */
export function uniqueSchema(): string {
  return `tb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Drop schemas created by a test run. */
export async function dropSchemas(schemas: Iterable<string>): Promise<void> {
  const list = [...schemas];
  if (list.length === 0) return;
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    for (const s of list) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await c.end();
  }
}
