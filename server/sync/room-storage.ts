import * as Y from 'yjs';
import type { DocStore } from '../store/types';
import type { Metrics } from '../metrics';
import type { Limits } from './registry';
import type { CleanSnapshots } from './clean-snapshots';

export interface RoomStorageOptions {
  log: (msg: string) => void;
  limits: Limits;
  metrics: Metrics;
  /** Runs compaction under the board's lease (once across the cluster). */
  exclusive: (fn: () => Promise<void>) => Promise<void>;
  /** Told of a snapshot that is now the document's only stored row. */
  snapshots?: CleanSnapshots;
}

/**
 * The stored side of one loaded document: the chain of appends and relays in update order, the log's
 * size (for compaction and the quota), compaction, and whether saving is paused.
 */
export class RoomStorage {
  /** Number of rows of this document in the store's log, for compaction. */
  private logCount: number;
  /** Approximate stored size: the log's bytes. */
  storedBytes: number;
  /** Appends and relays run one after another, in the order updates were applied. */
  private writes: Promise<void> = Promise.resolve();
  private compacting: Promise<void> | null = null;
  private storeFailed = false;
  /** Changes applied to the document since it was loaded (see `changed`). */
  private changes = 0;
  private clean: string | null = null;
  /** The store is retrying failed writes: relay without waiting for appends (see setPaused). */
  private savingPaused = false;
  /** Resolves when saving pauses, releasing relays that wait for their append. */
  private paused: Promise<void> = new Promise(() => {});
  private pause: () => void = () => {};

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
    private readonly store: DocStore,
    loaded: Uint8Array[],
    private readonly opts: RoomStorageOptions,
  ) {
    this.logCount = loaded.length;
    this.storedBytes = loaded.reduce((n, u) => n + u.byteLength, 0);
    this.resetPaused();
  }

  /** Any change applied to the loaded document, stored or not. */
  changed(): void {
    this.changes++;
    this.clean = null;
  }

  get changeCount(): number {
    return this.changes;
  }

  /**
   * The digest of the store's only row (CleanSnapshots) while the document holds exactly what that row
   * encodes, else null: a list read from the document is then that row's (registry.ts, unload).
   */
  get cleanDigest(): string | null {
    return this.clean;
  }

  /**
   * `snapshot` is now the store's only row, loaded or written unchanged under this process's limits:
   * remember it as clean, and as what the document holds unless it changed since `changesAt`.
   */
  storedClean(snapshot: Uint8Array, stateVector: Uint8Array, changesAt = this.changes): void {
    const d = this.opts.snapshots?.remember(this.name, snapshot, stateVector) ?? null;
    this.clean = this.changes === changesAt ? d : null;
  }

  /** Returns whether the state changed. */
  setPaused(paused: boolean): boolean {
    if (paused === this.savingPaused) return false;
    this.savingPaused = paused;
    if (paused) this.pause();
    else this.resetPaused();
    return true;
  }

  private resetPaused(): void {
    this.paused = new Promise((resolve) => (this.pause = resolve));
  }

  /** An update another instance stored already: relay it in order, nothing to append. */
  relayOnly(update: Uint8Array, relay: () => void): void {
    this.storedBytes += update.byteLength;
    this.writes = this.writes.then(relay);
  }

  /**
   * Durable before visible: `relay` runs only once the store has the update (or has failed to take it,
   * when the room stays live and keeps the update in memory for the final snapshot). While saving is
   * paused the relay goes ahead and the append keeps being retried. `onStored` runs once it is stored.
   */
  append(update: Uint8Array, onStored: () => void, relay: () => void): void {
    this.storedBytes += update.byteLength;
    const stored = this.appendTimed(update).then(
      () => {
        this.logCount++;
        onStored();
        if (this.logCount > this.opts.limits.COMPACT_AFTER_UPDATES) void this.compactSoon();
      },
      (err: unknown) => {
        this.storeFailed = true;
        this.opts.log(`store append failed for ${this.name}: ${String(err)}`);
      },
    );
    this.writes = this.writes.then(() => Promise.race([stored, this.paused])).then(relay);
  }

  private appendTimed(update: Uint8Array): Promise<void> {
    const end = this.opts.metrics.storeLatency.startTimer({ op: 'append' });
    const p = this.store.append(this.name, update);
    p.then(
      () => end(),
      () => end(),
    );
    return p;
  }

  /** Resolves once every update applied so far is in the store (or has failed to get there) and relayed. */
  flush(): Promise<void> {
    return this.writes;
  }

  /** Compact under the board's lease (once across the cluster): a compaction never races another's. */
  compactExclusive(): Promise<void> {
    return this.opts.exclusive(() => this.compact());
  }

  compactSoon(): Promise<void> {
    this.compacting ??= this.compactExclusive()
      .catch((err: unknown) => this.opts.log(`compaction of ${this.name} failed: ${String(err)}`))
      .finally(() => (this.compacting = null));
    return this.compacting;
  }

  /** Replace the stored log by one snapshot of the current state (encoded from the loaded document). */
  async compact(): Promise<void> {
    await this.flush();
    const count = this.logCount;
    // Nothing to fold (and nothing lost by a failed append): leave the store alone.
    if (count <= 1 && !this.storeFailed) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const stateVector = Y.encodeStateVector(this.doc);
    const changes = this.changes;
    const end = this.opts.metrics.storeLatency.startTimer({ op: 'compact' });
    await this.store.compact(this.name, snapshot, count).finally(() => end());
    this.logCount = this.logCount - count + 1;
    // Encoded from the loaded (admitted, scrubbed) document: clean under this process's limits.
    if (this.logCount === 1) this.storedClean(snapshot, stateVector, changes);
    this.storedBytes = snapshot.byteLength;
    this.storeFailed = false;
  }
}
