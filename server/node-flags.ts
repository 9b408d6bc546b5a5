import { spawn } from 'node:child_process';
import { availableParallelism, constants } from 'node:os';

/** Node's own size for V8's worker pool, whatever the machine. */
const NODE_DEFAULT_POOL = 4;
const MAX_POOL = 64;

/**
 * Threads for V8's background work (parallel and concurrent GC, off-thread compiling): one fewer than the
 * cores, as Chromium sizes it, and at most Node's 4. Node always starts 4, so on two cores they compete
 * with the event loop and with whatever else runs there; measured in scenario 4 of `npm run bench`, a cold
 * open of a large board (docs/performance.md, "ninth session"). `V8_POOL_SIZE` sets it.
 */
export function v8PoolSize(env: Record<string, string | undefined> = process.env, cores = availableParallelism()): number {
  const set = env.V8_POOL_SIZE;
  if (set === undefined || set === '') return Math.min(NODE_DEFAULT_POOL, Math.max(1, cores - 1));
  const n = Number(set);
  if (!Number.isInteger(n) || n < 1 || n > MAX_POOL) throw new Error(`V8_POOL_SIZE must be a whole number from 1 to ${MAX_POOL}, not "${set}"`);
  return n;
}

/** The Node flags the server runs with: none where Node's defaults are what `v8PoolSize` wants. */
export function serverNodeFlags(env: Record<string, string | undefined> = process.env): string[] {
  const n = v8PoolSize(env);
  return n === NODE_DEFAULT_POOL ? [] : [`--v8-pool-size=${n}`];
}

/**
 * Node takes `--v8-pool-size` only on its command line, so a process started without the server's flags
 * runs its own script again as a child with them (`npm start`, the Docker image) and returns a promise of
 * the child's exit code, for the caller to exit with; it returns null when there is nothing to do (the
 * flags are right or were given). The child shares stdin/stdout/stderr and the process group; SIGINT
 * and SIGTERM sent to this process alone are passed on (server/main.ts stops once however many arrive).
 */
export function rerunWithServerFlags(): Promise<number> | null {
  const flags = serverNodeFlags();
  if (!flags.length || process.execArgv.some((a) => a.startsWith('--v8-pool-size'))) return null;
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}
