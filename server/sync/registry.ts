import type { RoomRef } from '../../shared/roles';
import { CloseCode } from '../../shared/protocol';
import type { DocStore } from '../store/types';
import type { Config } from '../config';
import { createMetrics, type Metrics } from '../metrics';
import { Room } from './room';
import { attachWorkflows, type BoardHooks } from './workflows';

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
}

/**
 * Rooms by document name. A room is loaded once (concurrent joins share one load), and unloaded after
 * it has had no connections for `idleMs`, after a final snapshot. If that snapshot cannot be stored the
 * room stays in memory rather than lose data, and is tried again at the next idle period.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
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
  }

  get(ref: RoomRef): Promise<Room> {
    this.cancelIdle(ref.name);
    let p = this.rooms.get(ref.name);
    if (!p) {
      p = Room.load(ref, this.store, { log: this.log, limits: this.limits, metrics: this.metrics }).then(async (room) => {
        try {
          await attachWorkflows(room, { registry: this, docs: this.store, hooks: this.boardHooks, log: this.log });
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

  /** Load a room, run `fn` on it, and let it unload again if nobody is connected. */
  async use<T>(ref: RoomRef, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.get(ref);
    try {
      return await fn(room);
    } finally {
      this.released(room);
    }
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
      await room.compact();
    } catch (err) {
      this.log(`final store of ${room.name} failed, keeping it in memory: ${String(err)}`);
      this.released(room);
      return;
    }
    // Someone joined while the snapshot was written: keep serving the same room.
    if (room.connections.size > 0 || room.holders > 0) return;
    this.rooms.delete(room.name);
    this.metrics.rooms.set(this.rooms.size);
    room.destroy();
  }

  /** Close every connection and store every room; used at shutdown. */
  async closeAll(): Promise<void> {
    for (const t of this.idleTimers.values()) clearTimeout(t);
    this.idleTimers.clear();
    const rooms = await Promise.allSettled(this.rooms.values());
    this.rooms.clear();
    for (const r of rooms) {
      if (r.status !== 'fulfilled') continue;
      r.value.closeAll(CloseCode.ServerShutdown, 'server shutting down');
      try {
        await r.value.compact();
      } catch (err) {
        this.log(`final store of ${r.value.name} failed: ${String(err)}`);
      }
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
