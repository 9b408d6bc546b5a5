// PostgreSQL and Redis for the cluster-mode tests: start them when they are down (Debian service commands,
// as CI runs them) and wait until they answer. With TEST_DATABASE_URL / TEST_REDIS_URL set, those services
// are yours to run and are only checked. A service that cannot be started is reported here; in CI the
// tests that need it then fail (test/helpers/services.ts), they are never skipped silently.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8' });
const have = (cmd) => run('which', [cmd]).status === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const postgresUp = () => run('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']).status === 0;
const redisUp = () => run('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping']).stdout?.trim() === 'PONG';

async function waitFor(name, up, seconds = 30) {
  for (let i = 0; i < seconds * 5; i++) {
    if (up()) return true;
    await sleep(200);
  }
  console.error(`${name} did not answer within ${seconds} s`);
  return false;
}

function startPostgres() {
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  if (!have('pg_ctlcluster') || versions.length === 0) return console.error('PostgreSQL is not installed (Debian: apt-get install postgresql)');
  console.log(`Starting PostgreSQL ${versions[0]}…`);
  execSync(`pg_ctlcluster --skip-systemctl-redirect ${versions[0]} main start`, { stdio: 'inherit' });
}

function startRedis() {
  if (!have('redis-server')) return console.error('Redis is not installed (Debian: apt-get install redis-server)');
  console.log('Starting Redis…');
  for (const dir of ['/var/lib/redis', '/var/log/redis']) mkdirSync(dir, { recursive: true });
  execSync(
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
    { stdio: 'inherit' },
  );
}

/** The tests use the database `test`; create it on a fresh cluster. */
function ensureTestDatabase() {
  const q = run('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-Atc', "SELECT 1 FROM pg_database WHERE datname = 'test'"]);
  if (q.status === 0 && q.stdout.trim() !== '1') run('createdb', ['-h', '127.0.0.1', '-U', 'postgres', 'test']);
}

let ok = true;
if (!process.env.TEST_DATABASE_URL) {
  if (!postgresUp()) {
    try {
      startPostgres();
    } catch (err) {
      console.error(`Could not start PostgreSQL: ${err.message}`);
    }
    ok = (await waitFor('PostgreSQL', postgresUp)) && ok;
  }
  if (postgresUp()) ensureTestDatabase();
}
if (!process.env.TEST_REDIS_URL) {
  if (!redisUp()) {
    try {
      startRedis();
    } catch (err) {
      console.error(`Could not start Redis: ${err.message}`);
    }
    ok = (await waitFor('Redis', redisUp)) && ok;
  }
}
if (!ok) console.error('Cluster-mode tests will fail (CI) or be skipped (elsewhere) without these services.');
