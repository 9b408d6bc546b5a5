import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags, v8PoolSize } from '../../server/node-flags';
import { tempDataDir } from '../helpers/server';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the server process flags', () => {
  it('sizes V8 pool to the cores but one, at most 4 (Node starts 4), and lets V8_POOL_SIZE set it', () => {
    for (const [cores, pool] of [[1, 1], [2, 1], [3, 2], [4, 3], [5, 4], [64, 4]]) expect(v8PoolSize({}, cores)).toBe(pool);
    expect(v8PoolSize({ V8_POOL_SIZE: '' }, 2)).toBe(1);
    expect(v8PoolSize({ V8_POOL_SIZE: '3' }, 2)).toBe(3);
    expect(serverNodeFlags({ V8_POOL_SIZE: '2' })).toEqual(['--v8-pool-size=2']);
    expect(serverNodeFlags({ V8_POOL_SIZE: '4' })).toEqual([]);
    for (const bad of ['0', '1.5', 'two', '65']) expect(() => v8PoolSize({ V8_POOL_SIZE: bad })).toThrow(`V8_POOL_SIZE must be a whole number from 1 to 64, not "${bad}"`);
  });

  it('npm start refuses a bad V8_POOL_SIZE with a clear message, before building anything', async () => {
    const run = await runNode(['scripts/start.mjs'], { V8_POOL_SIZE: 'lots' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('V8_POOL_SIZE must be a whole number from 1 to 64, not "lots"');
  });

  it('runs the server again with the flag, and a SIGTERM to the whole group stops it once, cleanly', async () => {
    const data = tempDataDir();
    let group: number | undefined;
    try {
      const env = { ...process.env, V8_POOL_SIZE: '2', PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir, LOG_LEVEL: 'info' };
      // Its own process group, as a shell or a process manager starts it.
      const parent = spawn(process.execPath, ['test/helpers/serve-with-flags.mjs'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      group = parent.pid;
      let out = '';
      parent.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => parent.once('exit', (code) => resolve(code)));
      await expect.poll(() => out, { timeout: 30_000 }).toContain('Threatboard is running at');
      const children = execFileSync('ps', ['-o', 'args=', '--ppid', String(parent.pid)], { encoding: 'utf8' });
      expect(children).toMatch(/node --v8-pool-size=2 .*serve-with-flags\.mjs/);

      // The child gets the group's SIGTERM and the one its parent passes on.
      process.kill(-parent.pid!, 'SIGTERM');
      expect(await exited).toBe(0);
      group = undefined;
      expect(out.match(/storing open boards and stopping/g)).toHaveLength(1);
    } finally {
      // Whatever failed above, nothing of this test outlives it.
      if (group !== undefined) killGroup(group);
      data.remove();
    }
  }, 60_000);
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function runNode(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}
