import * as Y from 'yjs';
import type { RoomRef } from '../../shared/roles';
import { DOC_ROOTS, scrub } from './admission';
import { CloseCode } from '../../shared/protocol';
import type { DocStore } from '../store/types';
import type { SaveStatus } from '../store/resilient';
import { LocalFanout, type Fanout } from '../cluster/fanout';
import { InProcessLeases, type BoardLeases } from '../cluster/lease';
import type { Config } from '../config';
import { createMetrics, type Metrics } from '../metrics';
import { Room } from './room';
import { CleanSnapshots } from './clean-snapshots';
import { EarlyAnswers } from './early-answers';
import { roomFirstPaintList } from './first-paint';
import { attachWorkflows, type BoardHooks } from './workflows';

/** How long after a client brought unknown content the stored log is merged again (cluster mode). */
const CATCH_UP_MERGE_MS = 300;

/** The limits a room enforces on what clients send (from the configuration; see README "Limits"). */
export type Limits = Pick<
  Config,
  | 'MAX_FRAME_BYTES'
  | 'MAX_STRING_CHARS'
  | 'MAX_VALUE_DEPTH'
  | 'MAX_DOC_BYTES'
  | 'MAX_UPDATES_PER_SEC'
  | 'MAX_NEW_CLIENT_IDS'
  | 'MAX_PRESENCE_ENTRIES'
  | 'MAX_PRESENCE_BYTES'
  | 'MAX_BUFFERED_BYTES'
  | 'COMPACT_AFTER_UPDATES'
>;

export interface RegistryOptions {
  store: DocStore;
  idleMs: number;
  log?: (msg: string) => void;
  hooks?: BoardHooks;
  limits: Limits;
  metrics?: Metrics;
  /** The store's saving status (a ResilientDocStore), told to every loaded room. */
  saving?: SavingSource;
  /** Spreads accepted updates and presence to the other instances (cluster mode). */
  fanout?: Fanout;
  /** Server-owned work (numbering, timed votes, compaction, automatic versions) runs once per board across the cluster. */
  leases?: BoardLeases;
  /** How often a board that is being edited gets an automatic version (AUTO_VERSION_MS). */
  autoVersionMs?: number;
  /** How long after a version people leaving share it rather than each getting one (LEAVE_VERSION_MS). */
  leaveVersionMs?: number;
}

export interface SavingSource {
  readonly status: SaveStatus;
  onStatus(listener: (status: SaveStatus) => void): () => void;
}

/**
 * Rooms by document name. A room is loaded once (concurrent joins share one load), and unloaded after
 * it has had no connections for `idleMs`, after a final snapshot. If that snapshot cannot be stored the
 * room stays in memory rather than lose data, and is tried again at the next idle period.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly snapshots = new CleanSnapshots();
  /** Fresh clients of rooms still loading, answered from a known snapshot (the sync route calls it). */
  readonly early = new EarlyAnswers(this.snapshots);
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();

  private readonly store: DocStore;
  private readonly idleMs: number;
  private readonly log: (msg: string) => void;
  private readonly boardHooks: BoardHooks;
  readonly limits: Limits;
  readonly metrics: Metrics;

  constructor(opts: RegistryOptions) {
    this.store = opts.store;
    this.idleMs = opts.idleMs;
    this.log = opts.log ?? (() => {});
    this.boardHooks = opts.hooks ?? {};
    this.limits = opts.limits;
    this.metrics = opts.metrics ?? createMetrics();
    this.saving = opts.saving;
    this.fanout = opts.fanout;
    this.leases = opts.leases ?? new InProcessLeases();
    this.autoVersionMs = opts.autoVersionMs;
    this.leaveVersionMs = opts.leaveVersionMs;
    this.unwatchSaving = opts.saving?.onStatus((status) => void this.eachRoom((room) => room.setSaving(status)));
  }

  private readonly saving?: SavingSource;
  private readonly fanout?: Fanout;
  readonly leases: BoardLeases;
  private readonly autoVersionMs?: number;
  private readonly leaveVersionMs?: number;

  /**
   * Run `fn` if this instance holds (or can take) the board's lease; errors are logged here. Resolves to
   * whether it ran (false: another instance is the board's worker, or the database is unreachable).
   */
  async onceForBoard(boardId: string, what: string, fn: () => unknown): Promise<boolean> {
    try {
      return (await this.leases.withBoardLease(boardId, fn)).ran;
    } catch (err) {
      this.log(`${what} failed on ${boardId}: ${String(err)}`);
      return true;
    }
  }

  /**
   * Call `fn` each time this instance becomes the board's worker — also when it takes over from an
   * instance that died — so work the previous worker left undone is checked again. Returns the undo.
   */
  onLeaseAcquired(boardId: string, fn: () => void): () => void {
    return this.leases.onAcquired((id) => {
      if (id === boardId) fn();
    });
  }
  private readonly unwatchSaving?: () => void;

  private async eachRoom(fn: (room: Room) => void): Promise<void> {
    for (const r of await Promise.allSettled(this.rooms.values())) if (r.status === 'fulfilled') fn(r.value);
  }

  get(ref: RoomRef): Promise<Room> {
    this.cancelIdle(ref.name);
    let p = this.rooms.get(ref.name);
    if (!p) {
      p = this.loadRoom(ref).then(async (room) => {
        if (this.saving) room.setSaving(this.saving.status);
        // Served here: if another instance is the board's worker, be ready to take over when it dies.
        this.leases.want(ref.boardId);
        try {
          await attachWorkflows(room, {
            registry: this,
            docs: this.store,
            hooks: this.boardHooks,
            log: this.log,
            autoVersionMs: this.autoVersionMs,
            leaveVersionMs: this.leaveVersionMs,
          });
        } catch (err) {
          // The room still serves its document; only its server-side work is missing.
          this.metrics.workflowErrors.inc({ workflow: 'attach' });
          this.log(`could not start the workflows of ${ref.name}: ${String(err)}`);
        }
        this.metrics.rooms.set(this.rooms.size);
        return room;
      });
      // A failed load must not leave an empty document behind that could overwrite stored data.
      p.catch(() => this.rooms.delete(ref.name));
      this.rooms.set(ref.name, p);
    }
    return p;
  }

  /**
   * Load a room's document and, in cluster mode, join its stream: note the stream position first, then
   * load from the store, then join from that position, so nothing published in between is missed.
   */
  private loadRoom(ref: RoomRef): Promise<Room> {
    return this.early.load(ref.name, (beforeApply) => this.loadRoomFrom(ref, beforeApply));
  }

  private async loadRoomFrom(ref: RoomRef, beforeApply: (updates: Uint8Array[]) => Promise<boolean>): Promise<Room> {
    const fanout = this.fanout;
    const since = fanout ? await fanout.position(ref.name) : undefined;
    const exclusive = (fn: () => Promise<void>) => this.leases.withBoardLease(ref.boardId, fn).then(() => {});
    const opts = { log: this.log, limits: this.limits, metrics: this.metrics, exclusive, snapshots: this.snapshots, beforeApply };
    const room = await Room.load(ref, this.store, opts);
    if (!fanout) return room;
    room.publish = (kind, data) =>
      void fanout.publish(ref.name, kind, data).catch((err: unknown) => this.log(`publish to ${ref.name} failed: ${String(err)}`));
    // Lost messages (Redis restarted or unreachable): what they carried is in the store.
    const onGap = () =>
      void this.store.load(ref.name).then(
        (updates) => room.mergeStored(updates),
        (err: unknown) => this.log(`reload of ${ref.name} after a gap failed: ${String(err)}`),
      );
    await fanout.join(ref.name, (kind, data) => room.applyRemote(kind, data), { since, onGap });
    // A client that brings content this instance lacks may come from an instance that died after storing
    // part of it (with its own stamps) but before relaying it: merge the stored log once the wave settles.
    // (One process has no other instance whose writes it could have missed.)
    if (fanout instanceof LocalFanout) return room;
    let merge: NodeJS.Timeout | undefined;
    room.onClientState = () => {
      merge ??= setTimeout(() => {
        merge = undefined;
        if (!room.destroyed) onGap();
      }, CATCH_UP_MERGE_MS);
      merge.unref();
    };
    return room;
  }

  /** Load a room, run `fn` on it, and let it unload again if nobody is connected. */
  async use<T>(ref: RoomRef, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.get(ref);
    try {
      return await fn(room);
    } finally {
      this.released(room);
    }
  }

  /**
   * Read a document without loading it into the registry: the loaded room's document when this instance
   * has it, else a throwaway document built from the stored log (scrubbed as a load would) and dropped
   * at once. `fn` must only read, and must not keep the document.
   */
  async read<T>(ref: RoomRef, fn: (doc: Y.Doc) => T): Promise<T> {
    const loaded = this.rooms.get(ref.name);
    const room = loaded ? await loaded.catch(() => null) : null;
    if (room && !room.destroyed) return fn(room.doc);
    const doc = new Y.Doc();
    try {
      for (const u of await this.store.load(ref.name)) {
        try {
          Y.applyUpdate(doc, u, 'store');
        } catch {
          // An unreadable stored update is skipped here as in a load.
        }
      }
      scrub(doc, DOC_ROOTS[ref.kind], { maxStringChars: this.limits.MAX_STRING_CHARS, maxValueDepth: this.limits.MAX_VALUE_DEPTH });
      return fn(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * A board's first-paint list (gzipped JSON, first-paint.ts). An unloaded board whose store holds
   * exactly the snapshot this process wrote or loaded when it last had the room answers with the list
   * kept at that unload, without loading it (the board page asks while its scripts load, and the server
   * would compete with them for the cores); anything else loads the room, as the socket that follows would.
   */
  async shapesList(ref: RoomRef): Promise<Uint8Array> {
    if (!this.rooms.has(ref.name)) {
      const kept = this.snapshots.list(ref.name, await this.store.load(ref.name));
      if (kept) return kept;
    }
    return this.use(ref, (room) => roomFirstPaintList(room));
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Keep a room loaded while something outside its connections needs it; undo with `unhold`. */
  async hold(ref: RoomRef): Promise<Room> {
    const room = await this.get(ref);
    room.holders++;
    return room;
  }

  unhold(room: Room): void {
    room.holders = Math.max(0, room.holders - 1);
    this.released(room);
  }

  /** Call when a connection left; starts the idle clock when the room is empty. */
  released(room: Room): void {
    if (room.connections.size > 0 || room.holders > 0) return;
    this.cancelIdle(room.name);
    const timer = setTimeout(() => void this.unload(room), this.idleMs);
    timer.unref();
    this.idleTimers.set(room.name, timer);
  }

  private cancelIdle(name: string): void {
    const t = this.idleTimers.get(name);
    if (t) clearTimeout(t);
    this.idleTimers.delete(name);
  }

  private async unload(room: Room): Promise<void> {
    this.idleTimers.delete(room.name);
    if (room.connections.size > 0 || room.holders > 0) return;
    try {
      await room.compactExclusive();
    } catch (err) {
      this.log(`final store of ${room.name} failed, keeping it in memory: ${String(err)}`);
      this.released(room);
      return;
    }
    // Someone joined while the snapshot was written: keep serving the same room.
    if (room.connections.size > 0 || room.holders > 0) return;
    const stored = room.storedDigest;
    if (stored && room.ref.kind === 'board') room.safely('first-paint list', () => this.snapshots.keepList(room.name, stored, roomFirstPaintList(room, 0)));
    this.rooms.delete(room.name);
    this.metrics.rooms.set(this.rooms.size);
    this.leaveStream(room);
    room.destroy();
    await this.releaseLeaseIfUnused(room.ref.boardId);
  }

  /** The board's lease goes once none of its rooms is loaded here (another instance may take it). */
  private async releaseLeaseIfUnused(boardId: string): Promise<void> {
    for (const r of await Promise.allSettled(this.rooms.values())) if (r.status === 'fulfilled' && r.value.ref.boardId === boardId) return;
    await this.leases.release(boardId).catch((err: unknown) => this.log(`releasing the lease of ${boardId} failed: ${String(err)}`));
  }

  private leaveStream(room: Room): void {
    room.publish = undefined;
    void this.fanout?.leave(room.name).catch((err: unknown) => this.log(`leaving ${room.name} failed: ${String(err)}`));
  }

  private removalTimer?: NodeJS.Timeout;

  /**
   * Cluster mode: a person removed through another instance is a row in the shared store; every
   * `everyMs` this instance checks the people it serves and closes the sockets of anyone removed.
   */
  watchRemovals(isRemoved: (boardId: string, userId: string) => Promise<boolean>, everyMs: number): void {
    this.removalTimer = setInterval(() => void this.closeRemoved(isRemoved), everyMs);
    this.removalTimer.unref();
  }

  private async closeRemoved(isRemoved: (boardId: string, userId: string) => Promise<boolean>): Promise<void> {
    const people = new Map<string, { boardId: string; userId: string }>();
    await this.eachRoom((room) => {
      for (const conn of room.connections) people.set(`${room.ref.boardId}\n${conn.user.id}`, { boardId: room.ref.boardId, userId: conn.user.id });
    });
    for (const { boardId, userId } of people.values()) {
      const removed = await isRemoved(boardId, userId).catch(() => false);
      if (removed) await this.closeUser(boardId, userId, CloseCode.Removed, 'removed from the board');
    }
  }

  /** Close every connection and store every room; used at shutdown. */
  async closeAll(): Promise<void> {
    this.unwatchSaving?.();
    clearInterval(this.removalTimer);
    for (const t of this.idleTimers.values()) clearTimeout(t);
    this.idleTimers.clear();
    const rooms = await Promise.allSettled(this.rooms.values());
    this.rooms.clear();
    for (const r of rooms) {
      if (r.status !== 'fulfilled') continue;
      r.value.closeAll(CloseCode.ServerShutdown, 'server shutting down');
      try {
        await r.value.compactExclusive();
      } catch (err) {
        this.log(`final store of ${r.value.name} failed: ${String(err)}`);
      }
      this.leaveStream(r.value);
      r.value.destroy();
    }
  }

  /**
   * Close every connection of `userId` in the loaded rooms of `boardId` (board, facilitation, private
   * documents) with `code`; returns how many were closed. Used when a facilitator removes a person.
   */
  async closeUser(boardId: string, userId: string, code: number, reason: string): Promise<number> {
    const rooms = await Promise.allSettled(this.rooms.values());
    let closed = 0;
    for (const r of rooms) {
      if (r.status !== 'fulfilled' || r.value.ref.boardId !== boardId) continue;
      for (const conn of [...r.value.connections]) {
        if (conn.user.id !== userId) continue;
        r.value.leave(conn);
        conn.socket.close(code, reason);
        this.released(r.value);
        closed++;
      }
    }
    return closed;
  }
}
