import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType, READ_ONLY_NOTICE } from '../../shared/protocol';
import type { Access, RoomRef } from '../../shared/roles';
import type { PresenceUser } from '../../shared/presence';
import type { DocStore } from '../store/types';
import type { SyncSocket } from './socket';
import { guardAwarenessUpdate } from './presence-guard';

/** One socket's membership of a room: who it is and what it may do. */
export class Connection {
  /** Awareness client ids this connection has spoken for; removed when it closes. */
  readonly clientIds = new Set<number>();
  droppedUpdates = 0;
  toldReadOnly = false;
  constructor(
    readonly socket: SyncSocket,
    readonly user: PresenceUser,
    readonly access: Access,
  ) {}
}

export class BadFrameError extends Error {}

/** Awareness changes are relayed in batches, one frame per recipient per tick (see onAwarenessUpdate). */
export const AWARENESS_TICK_MS = 40;

/**
 * A loaded document: its Y.Doc, awareness, connections and the log that persists it.
 * Updates are relayed at once, encoded once for all recipients and never echoed to their sender.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Owner (user id) of every awareness client id seen here, so one user cannot speak for another's id. */
  private readonly clientOwners = new Map<number, string>();
  private readonly pendingAwareness = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  /** Number of rows of this document in the store's log, for compaction. */
  private logCount: number;
  /** Appends run one after another, in the order updates were applied. */
  private writes: Promise<void> = Promise.resolve();
  storeFailed = false;

  private constructor(
    readonly ref: RoomRef,
    private readonly store: DocStore,
    updates: Uint8Array[],
    private readonly log: (msg: string) => void,
  ) {
    this.logCount = updates.length;
    if (updates.length) Y.applyUpdate(this.doc, Y.mergeUpdates(updates), 'store');
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwarenessUpdate(change, origin),
    );
  }

  static async load(ref: RoomRef, store: DocStore, log: (msg: string) => void): Promise<Room> {
    const updates = await store.load(ref.name);
    const room = new Room(ref, store, updates, log);
    // A long log makes every later load slow: fold it into one snapshot now.
    if (updates.length > 200) await room.compact();
    return room;
  }

  get name(): string {
    return this.ref.name;
  }

  /** Apply a change made by the server itself (seeding, workflows); persisted and relayed like any other. */
  transact(fn: (doc: Y.Doc) => void): void {
    this.doc.transact(() => fn(this.doc), 'server');
  }

  join(conn: Connection): void {
    this.connections.add(conn);
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.Sync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    conn.socket.send(encoding.toUint8Array(step1));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      conn.socket.send(this.awarenessMessage([...states.keys()]));
    }
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    const owned = [...conn.clientIds].filter((id) => this.awareness.getStates().has(id));
    if (owned.length) awarenessProtocol.removeAwarenessStates(this.awareness, owned, conn);
  }

  /**
   * Handle one binary frame from a connection. Throws BadFrameError for anything that does not decode;
   * the caller closes that socket. A forbidden write is dropped, counted and reported once.
   */
  receive(conn: Connection, data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.Sync:
          return this.receiveSync(conn, decoder);
        case MessageType.Awareness: {
          const update = decoding.readVarUint8Array(decoder);
          const guarded = guardAwarenessUpdate(update, conn.user, (id) => this.clientOwners.get(id));
          for (const id of guarded.clientIds) {
            this.clientOwners.set(id, conn.user.id);
            conn.clientIds.add(id);
          }
          awarenessProtocol.applyAwarenessUpdate(this.awareness, guarded.update, conn);
          return;
        }
        case MessageType.QueryAwareness:
          conn.socket.send(this.awarenessMessage([...this.awareness.getStates().keys()]));
          return;
        default:
          throw new BadFrameError(`unknown message type ${type}`);
      }
    } catch (err) {
      if (err instanceof BadFrameError) throw err;
      throw new BadFrameError(err instanceof Error ? err.message : String(err));
    }
  }

  private receiveSync(conn: Connection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.Sync);
        encoding.writeVarUint(reply, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(reply, Y.encodeStateAsUpdate(this.doc, payload));
        conn.socket.send(encoding.toUint8Array(reply));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        // y-protocols would swallow a broken update; decode it first so garbage closes the socket instead.
        const decoded = Y.decodeUpdate(payload);
        if (!conn.access.write) {
          conn.droppedUpdates++;
          // Every client answers sync step 1 with its state; only tell a read-only one when it tried to add something.
          if (decoded.structs.length > 0 && !conn.toldReadOnly) {
            conn.toldReadOnly = true;
            conn.socket.send(permissionDenied(READ_ONLY_NOTICE));
          }
          return;
        }
        Y.applyUpdate(this.doc, payload, conn);
        return;
      }
      default:
        throw new BadFrameError(`unknown sync message ${syncType}`);
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.Sync);
    syncProtocol.writeUpdate(enc, update);
    this.broadcast(encoding.toUint8Array(enc), origin);
    if (origin === 'store') return;
    this.writes = this.writes.then(
      () =>
        this.store.append(this.name, update).then(
          () => void this.logCount++,
          (err: unknown) => {
            // Keep the document in memory: the final snapshot at unload still carries this update.
            this.storeFailed = true;
            this.log(`store append failed for ${this.name}: ${String(err)}`);
          },
        ),
    );
  }

  /**
   * Awareness (cursors, selections) is the hot path: with 100 people moving their pointers, relaying
   * each update at once would mean thousands of frames a second. Changes are gathered for one short
   * tick and sent as one frame, holding only the newest state of each client; a client's own entries
   * are left out of the frame it receives.
   */
  private onAwarenessUpdate(change: { added: number[]; updated: number[]; removed: number[] }, _origin: unknown): void {
    for (const id of change.added) this.pendingAwareness.add(id);
    for (const id of change.updated) this.pendingAwareness.add(id);
    for (const id of change.removed) this.pendingAwareness.add(id);
    if (this.pendingAwareness.size > 0 && !this.awarenessTimer) {
      this.awarenessTimer = setTimeout(() => this.flushAwareness(), AWARENESS_TICK_MS);
    }
  }

  private flushAwareness(): void {
    this.awarenessTimer = null;
    const ids = [...this.pendingAwareness];
    this.pendingAwareness.clear();
    if (ids.length === 0 || this.connections.size === 0) return;
    let shared: Uint8Array | undefined;
    for (const conn of this.connections) {
      if (!conn.access.read) continue;
      if (!ids.some((id) => conn.clientIds.has(id))) {
        conn.socket.send((shared ??= this.awarenessMessage(ids)));
        continue;
      }
      const others = ids.filter((id) => !conn.clientIds.has(id));
      if (others.length) conn.socket.send(this.awarenessMessage(others));
    }
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.Awareness);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(enc);
  }

  private broadcast(message: Uint8Array, origin: unknown): void {
    for (const conn of this.connections) {
      if (conn !== origin && conn.access.read) conn.socket.send(message);
    }
  }

  /** Resolves once every update applied so far is in the store (or has failed to get there). */
  flush(): Promise<void> {
    return this.writes;
  }

  /** Replace the stored log by one snapshot of the current state. */
  async compact(): Promise<void> {
    await this.flush();
    const count = this.logCount;
    // Nothing to fold (and nothing lost by a failed append): leave the store alone.
    if (count <= 1 && !this.storeFailed) return;
    await this.store.compact(this.name, Y.encodeStateAsUpdate(this.doc), count);
    this.logCount = this.logCount - count + 1;
    this.storeFailed = false;
  }

  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections]) {
      this.leave(conn);
      conn.socket.close(code, reason);
    }
  }

  destroy(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function permissionDenied(reason: string): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Auth);
  encoding.writeVarUint(enc, 0); // y-protocols/auth: permission denied
  encoding.writeVarString(enc, reason);
  return encoding.toUint8Array(enc);
}

