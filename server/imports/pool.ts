import { Worker } from 'node:worker_threads';
import type { ImportReply, ImportRequest } from './job';
import type { ImportFailure, PreparedImport } from './prepare';

/**
 * One worker thread that prepares imports (parse, validate, build and encode the documents), so the
 * event loop that serves every board is never blocked by a 20 MB file. Started on the first import,
 * jobs run one after another; a worker that dies (e.g. out of memory) fails its jobs and is replaced
 * at the next import. Its heap is capped so a hostile file cannot take the server's memory with it.
 */
export class ImportPool {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: PreparedImport | ImportFailure): void; reject(e: Error): void }>();

  constructor(private readonly heapMb = 1024) {}

  prepare(bytes: Uint8Array): Promise<PreparedImport | ImportFailure> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: ImportRequest = { id, bytes };
      worker.postMessage(request, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    w.unref();
    w.on('message', (reply: ImportReply) => {
      const job = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!job) return;
      if ('error' in reply) job.reject(new Error(`import failed: ${reply.error}`));
      else job.resolve(reply.result);
    });
    const failAll = (err: Error) => {
      if (this.worker === w) this.worker = null;
      for (const job of this.pending.values()) job.reject(err);
      this.pending.clear();
    };
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`the import worker stopped (exit code ${code})`)));
    this.worker = w;
    return w;
  }
}
