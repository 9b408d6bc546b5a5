import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A Threatboard server of our own, for tests that stop and restart it. Runs as one node process
 * (tsx as a loader, no npx wrapper) so that killing its pid stops it.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly url: string;

  constructor(
    readonly port: number,
    readonly dataDir: string,
    /** Extra environment for the server (e.g. ADMIN_KEY). */
    readonly env: Record<string, string> = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, LOG_LEVEL: process.env.SERVER_LOG_LEVEL ?? 'error', RATE_JOIN_PER_MIN: '10000', RATE_SHAPES_PER_MIN: '10000', ...this.env },
      stdio: ['ignore', process.env.SERVER_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
    });
    this.child = child;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const r = await fetch(`${this.url}/api/health`);
        if (r.ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error('server did not become healthy within 30 s');
  }

  /** Whether the process is still running (a crash shows as false). */
  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Stop it; SIGKILL simulates a crash (nothing is flushed on the way out). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}
