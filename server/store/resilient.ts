import * as Y from 'yjs';
import type { VersionInfo } from '../../shared/versions';
import type { DocAppend, DocStore, NewVersion, StoredVersion } from './types';

export type SaveStatus = 'ok' | 'paused';

export interface ResilientOptions {
  /** First retry delay; doubles per failed attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Most updates written in one transaction. */
  maxBatch?: number;
  log?: (message: string) => void;
}

/** A compaction that would replace stored updates by a snapshot that lacks some of them. */
export class CompactionRefused extends Error {}

interface Pending extends DocAppend {
  resolve: () => void;
}

/**
 * Keeps rooms live while the database is unavailable, and keeps stored data safe:
 * - appends are queued and written in one batch per event-loop turn (`appendMany`), in order; a failed
 *   batch is retried with exponential backoff, never reordered or dropped, and each `append` resolves
 *   once its update is stored (durable before relay still holds, only later);
 * - `status` turns `paused` on the first failure and `ok` after the next success; rooms listen with
 *   `onStatus` and tell clients "saving paused";
 * - `load` and `compact` of a document wait for that document's queued appends first, so a reload never
 *   misses an accepted update;
 * - `compact` refuses (CompactionRefused) a snapshot that lacks anything in the rows it would replace, so an
 *   empty or older state never overwrites stored data.
 * A retried batch may have been committed before the connection broke: the row is then stored twice, which
 * Yjs ignores when loading.
 */
export class ResilientDocStore implements DocStore {
  private queue: Pending[] = [];
  private readonly lastOfDoc = new Map<string, Promise<void>>();
  private flushing?: Promise<void>;
  private scheduled = false;
  private current: SaveStatus = 'ok';
  private readonly listeners = new Set<(status: SaveStatus, error?: Error) => void>();
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxBatch: number;
  private readonly log: (message: string) => void;

  constructor(
    readonly inner: DocStore,
    opts: ResilientOptions = {},
  ) {
    this.baseDelayMs = opts.baseDelayMs ?? 100;
    this.maxDelayMs = opts.maxDelayMs ?? 5000;
    this.maxBatch = opts.maxBatch ?? 500;
    this.log = opts.log ?? (() => {});
  }

  get status(): SaveStatus {
    return this.current;
  }

  /** Updates accepted but not yet stored. */
  get pending(): number {
    return this.queue.length;
  }

  onStatus(listener: (status: SaveStatus, error?: Error) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(name: string, update: Uint8Array): Promise<void> {
    const stored = new Promise<void>((resolve) => this.queue.push({ name, update, resolve }));
    this.lastOfDoc.set(name, stored);
    void stored.then(() => {
      if (this.lastOfDoc.get(name) === stored) this.lastOfDoc.delete(name);
    });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
      });
    }
    return stored;
  }

  async appendMany(entries: ReadonlyArray<DocAppend>): Promise<void> {
    await Promise.all(entries.map((e) => this.append(e.name, e.update)));
  }

  async load(name: string): Promise<Uint8Array[]> {
    await this.lastOfDoc.get(name);
    return this.inner.load(name);
  }

  async compact(name: string, snapshot: Uint8Array, count: number): Promise<void> {
    await this.lastOfDoc.get(name);
    if (count > 0) {
      const replaced = (await this.inner.load(name)).slice(0, count);
      if (!coversAll(snapshot, replaced)) {
        this.log(`compaction of ${name} refused: the snapshot lacks stored updates`);
        throw new CompactionRefused(`snapshot of ${name} lacks some of the ${count} updates it would replace`);
      }
    }
    await this.inner.compact(name, snapshot, count);
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  // Versions are written directly: a version is taken by a person or a timer that can be told it failed.
  saveVersion(version: NewVersion, snapshot: Uint8Array): Promise<VersionInfo> {
    return this.inner.saveVersion(version, snapshot);
  }

  listVersions(board: string): Promise<VersionInfo[]> {
    return this.inner.listVersions(board);
  }

  getVersion(board: string, id: string): Promise<StoredVersion | null> {
    return this.inner.getVersion(board, id);
  }

  /** Wait until everything queued is stored (retrying as long as it takes), then close the inner store. */
  async close(): Promise<void> {
    while (this.queue.length > 0 || this.flushing || this.scheduled) {
      await (this.flushing ?? new Promise((r) => setImmediate(r)));
    }
    await this.inner.close();
  }

  private async flush(): Promise<void> {
    let attempt = 0;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.maxBatch);
      try {
        await this.inner.appendMany(batch);
      } catch (err) {
        this.setStatus('paused', err as Error);
        const delay = Math.min(this.baseDelayMs * 2 ** attempt++, this.maxDelayMs);
        await new Promise((r) => setTimeout(r, delay * (0.75 + Math.random() * 0.5)));
        continue;
      }
      this.queue = this.queue.slice(batch.length);
      attempt = 0;
      for (const p of batch) p.resolve();
      this.setStatus('ok');
    }
  }

  private setStatus(status: SaveStatus, error?: Error): void {
    if (status === this.current) return;
    this.current = status;
    this.log(status === 'paused' ? `saving paused: ${error?.message}` : 'saving resumed');
    for (const l of this.listeners) l(status, error);
  }
}

/**
 * Whether a snapshot already holds everything in `updates`: applying them to it changes nothing (no new
 * item, no new deletion, no pending struct completed). Undecodable rows count as not covered.
 */
function coversAll(snapshot: Uint8Array, updates: Uint8Array[]): boolean {
  const doc = new Y.Doc();
  let changed = false;
  try {
    Y.applyUpdate(doc, snapshot);
    doc.on('update', () => (changed = true));
    for (const u of updates) {
      Y.applyUpdate(doc, u);
      if (changed) return false;
    }
    return true;
  } catch {
    return false;
  } finally {
    doc.destroy();
  }
}
