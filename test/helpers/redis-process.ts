import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from './poll';
import { redisAnswers } from './services';

/**
 * A redis-server of the test's own (not the shared one on 6379), without persistence, so the test can kill
 * it and start it again: a restart loses every stream, as a crashed cache would.
 */
export class RedisProcess {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await eventually(async () => {
      if (!(await redisAnswers(this.url))) throw new Error(`redis on ${this.port} not up`);
    }, 10_000);
  }

  /** kill -9: no goodbye to the clients. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}
