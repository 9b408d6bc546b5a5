import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, MessageType, READ_ONLY_NOTICE } from '../../shared/protocol';
import type { RoomRef } from '../../shared/roles';
import type { DocStore } from '../store/types';
import type { SaveStatus } from '../store/resilient';
import type { RemoteKind } from '../cluster/fanout';
import type { Metrics, RefusedReason } from '../metrics';
import { admit, DOC_ROOTS, scrub } from './admission';
import { positionLog } from '../../shared/model/positions';
import { noteLeft, notePresent } from '../../shared/model/people';
import { enforcePolicy, type PolicyResult } from './policy';
import { BadFrameError, type Connection } from './connection';
import { permissionDenied, syncStep1Frame, syncStep2Frame, updateFrame } from './frames';
import { REMOTE, RoomPresence } from './room-presence';
import { RoomStorage } from './room-storage';
import type { Limits } from './registry';
import type { CleanSnapshots } from './clean-snapshots';

export { BadFrameError, Connection } from './connection';
export { AWARENESS_TICK_MS, REMOTE } from './room-presence';

/** Largest update a connection may keep waiting for its dependencies. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
/** Query-awareness answered at most this often per connection (a stock client sends one per connect). */
const QUERY_INTERVAL_MS = 1000;

export interface RoomOptions {
  log: (msg: string) => void;
  limits: Limits;
  metrics: Metrics;
  /**
   * Runs server-owned work of this board once across the cluster (the board lease): `fn` runs here if
   * this instance holds or can take the lease, and is skipped otherwise. Without it, work runs here.
   */
  exclusive?: (fn: () => Promise<void>) => Promise<void>;
  /** Where a room notes the snapshots it loaded cleanly or wrote (see clean-snapshots.ts). */
  snapshots?: CleanSnapshots;
  /**
   * Runs between reading the store and applying what it returned (the registry answers fresh clients).
   * Resolves to true when the rows are a snapshot known to load unchanged, so the scrub is skipped.
   */
  beforeApply?: (updates: Uint8Array[]) => Promise<boolean>;
}

/**
 * A loaded document: its Y.Doc, awareness, connections and the log that persists it.
 *
 * The path of an incoming update: decode → admit (structure and limits, see admission.ts) → apply and
 * enforce policy in one transaction (policy.ts) → append to the store → relay (room-storage.ts). Updates
 * are relayed only once their append has resolved, encoded once for all recipients and never echoed to
 * their sender (unless the server amended them, when the sender needs the amendment too). Presence is
 * handled by room-presence.ts.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Set by the board's workflows from the facilitation document. */
  lockedViews: ReadonlySet<string> = new Set();
  secretVoteOpen = false;
  /** Something outside the connections keeps this room loaded (e.g. the board holding its facilitation room). */
  holders = 0;
  /** Spreads what this instance accepted to the other instances (cluster mode); set by the registry. */
  publish?: (kind: RemoteKind, data: Uint8Array) => void;
  /** Called with a facilitator's new title (board documents). */
  onTitle?: (title: string) => void;
  /**
   * Called when a client's sync step 2 brought content this room did not have: offline edits, or a client
   * of an instance that died. That instance may have stored some of it (with its own server stamps)
   * without relaying it, so in cluster mode the registry merges the stored log again.
   */
  onClientState?: () => void;
  destroyed = false;
  /**
   * The one stored snapshot this room was loaded from, with its state vector, while nothing was dropped
   * from it at load. A client that has nothing yet (an empty state vector) gets these bytes as they are,
   * plus what changed since, instead of the whole document encoded again (about 100 ms for 2,000 notes
   * with a long history; issue 13, cold open).
   */
  private loadedFrom: { snapshot: Uint8Array; stateVector: Uint8Array } | null = null;
  /** The document changed after its load (by a client, the server or another instance). */
  private changedSinceLoad = false;
  private readonly presence: RoomPresence;
  private readonly storage: RoomStorage;
  private readonly log: (msg: string) => void;
  private readonly limits: Limits;
  private readonly metrics: Metrics;

  private constructor(
    readonly ref: RoomRef,
    store: DocStore,
    updates: Uint8Array[],
    opts: RoomOptions,
    knownClean: boolean,
  ) {
    this.log = opts.log;
    this.limits = opts.limits;
    this.metrics = opts.metrics;
    this.storage = new RoomStorage(ref.name, this.doc, store, updates, {
      log: opts.log,
      limits: opts.limits,
      metrics: opts.metrics,
      exclusive: opts.exclusive ?? ((fn) => fn()),
      snapshots: opts.snapshots,
    });
    if (this.loadStored(updates, knownClean) && updates.length === 1) {
      this.loadedFrom = { snapshot: updates[0]!, stateVector: Y.encodeStateVector(this.doc) };
      this.storage.storedClean(this.loadedFrom.snapshot, this.loadedFrom.stateVector);
    }
    this.awareness.setLocalState(null);
    this.presence = new RoomPresence(this, opts.limits, opts.metrics);
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => this.onDocUpdate(update, origin, tr));
  }

  static async load(ref: RoomRef, store: DocStore, opts: RoomOptions): Promise<Room> {
    const updates = await store.load(ref.name);
    const knownClean = (await opts.beforeApply?.(updates)) ?? false;
    const room = new Room(ref, store, updates, opts, knownClean);
    // A long log makes every later load slow: fold it into one snapshot (not awaited: the load may be
    // part of a job that holds the board's lease, which the compaction takes too).
    if (updates.length > opts.limits.COMPACT_AFTER_UPDATES) void room.storage.compactSoon();
    return room;
  }

  /**
   * Apply the stored log one update at a time (never one `mergeUpdates` over a huge log), skipping an
   * update Yjs cannot read, then scrub what today's admission would refuse (stored by an older server) —
   * unless the rows are a snapshot this process wrote or loaded unchanged (`knownClean`: nothing to find,
   * and 30-50 ms saved on a board of 2,000 notes). True when the document holds exactly what was stored.
   */
  private loadStored(updates: Uint8Array[], knownClean: boolean): boolean {
    let skipped = 0;
    // Typed as an array before any update names it: the policy, inside the applying transaction, finds it so.
    if (this.ref.kind === 'board') positionLog(this.doc);
    this.doc.transact(() => {
      for (const u of updates) {
        try {
          Y.applyUpdate(this.doc, u, 'store');
        } catch {
          skipped++;
        }
      }
    }, 'store');
    const scrubbed = knownClean && !skipped ? 0 : scrub(this.doc, DOC_ROOTS[this.ref.kind], this.admissionLimits);
    if (skipped || scrubbed) {
      this.metrics.badRecords.inc(skipped + scrubbed);
      this.log(`loaded ${this.name}: skipped ${skipped} unreadable stored updates, removed ${scrubbed} items over today's limits`);
    }
    return !skipped && !scrubbed;
  }

  private get admissionLimits() {
    return { maxStringChars: this.limits.MAX_STRING_CHARS, maxValueDepth: this.limits.MAX_VALUE_DEPTH };
  }

  get name(): string {
    return this.ref.name;
  }

  /**
   * The store's saving status. While paused the room stays live: updates are relayed without waiting
   * for their append (the store keeps retrying them in order), and every client of a board room sees the
   * server's presence entry `{ server: { saving: 'paused' } }` (cleared when saving is ok again).
   */
  setSaving(status: SaveStatus): void {
    const paused = status === 'paused';
    if (!this.storage.setPaused(paused)) return;
    if (this.ref.kind === 'board') this.awareness.setLocalState(paused ? { server: { saving: 'paused' } } : null);
  }

  /**
   * Apply what another instance published: it already admitted, policed and stored it, so it is applied
   * as it is, relayed to this instance's connections, and neither stored nor published again. Remote
   * presence entries are tied to their user, so no local connection can speak for them.
   */
  applyRemote(kind: RemoteKind, data: Uint8Array): void {
    if (kind === 'update') return void this.safely('remote update', () => Y.applyUpdate(this.doc, data, REMOTE));
    if (this.ref.kind !== 'board') return;
    this.safely('remote presence', () => this.presence.applyRemote(data));
  }

  /** Merge the stored log again (messages from other instances were lost); Yjs ignores what it has. */
  mergeStored(updates: Uint8Array[]): void {
    for (const u of updates) this.applyRemote('update', u);
  }

  /** Apply a change made by the server itself (seeding, workflows); persisted and relayed like any other. */
  transact(fn: (doc: Y.Doc) => void): void {
    this.doc.transact(() => fn(this.doc), 'server');
  }

  /**
   * Run a piece of server-side work on this room so that a failure stays in the room: logged and counted,
   * never thrown into an observer, timer or the process.
   */
  safely<T>(what: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.metrics.workflowErrors.inc({ workflow: what });
      this.log(`${what} failed in ${this.name}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /**
   * `answeredFrom`: the state vector of the stored snapshot this connection got while the room was
   * loading (EarlyAnswers.fresh); it also gets what changed since, and its sync step 1 was answered.
   */
  join(conn: Connection, answeredFrom?: Uint8Array): void {
    this.connections.add(conn);
    if (answeredFrom && (this.changedSinceLoad || !this.loadedFrom)) this.send(conn, updateFrame(Y.encodeStateAsUpdate(this.doc, answeredFrom)));
    this.send(conn, syncStep1Frame(this.doc));
    if (this.awareness.getStates().size > 0) this.send(conn, this.presence.statesFrame());
    if (this.ref.kind === 'board') this.safely('people', () => this.transact((doc) => notePresent(doc, conn.user, Date.now())));
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    conn.closed = true;
    const stillHere = [...this.connections].some((c) => c.user.id === conn.user.id);
    if (this.ref.kind === 'board' && !stillHere) this.safely('people', () => this.transact((doc) => noteLeft(doc, conn.user, Date.now())));
    const owned = [...conn.clientIds].filter((id) => this.awareness.getStates().has(id));
    if (owned.length) awarenessProtocol.removeAwarenessStates(this.awareness, owned, conn);
  }

  /**
   * Handle one binary frame from a connection. Throws BadFrameError for anything that does not decode;
   * the caller closes that socket. A frame that breaks a limit closes the socket here, with a named code.
   */
  receive(conn: Connection, data: Uint8Array): void {
    if (conn.closed) return;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.Sync:
          return this.receiveSync(conn, decoder);
        case MessageType.Awareness: {
          const update = decoding.readVarUint8Array(decoder);
          // Presence is only part of the board document; the others have none.
          if (this.ref.kind !== 'board') return;
          return this.presence.receive(conn, update);
        }
        case MessageType.QueryAwareness: {
          const now = Date.now();
          if (now - conn.lastQueryAt < QUERY_INTERVAL_MS) return void this.metrics.refused.inc({ reason: 'query-rate' });
          conn.lastQueryAt = now;
          this.send(conn, this.presence.statesFrame());
          return;
        }
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
        const from = this.loadedFrom;
        if (from && Y.decodeStateVector(payload).size === 0) {
          // Yjs content only grows: the snapshot plus everything past its state vector (with the whole
          // delete set) is the document. That part goes first, as an update the client holds as pending
          // until the snapshot arrives: once sync step 2 is applied (when clients call themselves synced)
          // the whole document is there. Nothing changed since the load: the snapshot alone is.
          if (this.changedSinceLoad) this.send(conn, updateFrame(Y.encodeStateAsUpdate(this.doc, from.stateVector)));
          this.send(conn, syncStep2Frame(from.snapshot));
          return;
        }
        this.send(conn, syncStep2Frame(Y.encodeStateAsUpdate(this.doc, payload)));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
        return this.receiveUpdate(conn, payload, true);
      case syncProtocol.messageYjsUpdate:
        return this.receiveUpdate(conn, payload, false);
      default:
        throw new BadFrameError(`unknown sync message ${syncType}`);
    }
  }

  private receiveUpdate(conn: Connection, payload: Uint8Array, syncStep2: boolean): void {
    // y-protocols would swallow a broken update; decode it first so garbage closes the socket instead.
    let decoded = Y.decodeUpdate(payload);
    if (!conn.access.write) {
      conn.droppedUpdates++;
      this.metrics.refused.inc({ reason: 'read-only' });
      // Every client answers sync step 1 with its state; only tell a read-only one when it tried to add something.
      if (decoded.structs.length > 0 && !conn.toldReadOnly) {
        conn.toldReadOnly = true;
        this.send(conn, permissionDenied(READ_ONLY_NOTICE));
      }
      return;
    }
    if (!conn.takeToken(this.limits.MAX_UPDATES_PER_SEC)) return this.refuse(conn, CloseCode.RateLimited, 'rate', 'too many updates per second');
    let update = payload;
    if (conn.pending) {
      update = Y.mergeUpdates([conn.pending, payload]);
      decoded = Y.decodeUpdate(update);
    }
    const verdict = admit(this.doc, DOC_ROOTS[this.ref.kind], decoded, this.admissionLimits);
    if (verdict.ok === 'pending') {
      if (update.byteLength > MAX_PENDING_BYTES) return this.refuse(conn, CloseCode.Refused, 'missing-deps', 'update depends on unknown changes');
      conn.pending = update;
      return;
    }
    if (verdict.ok === false) {
      const code = CloseCode.Refused;
      return this.refuse(conn, code, verdict.reason, verdict.detail);
    }
    for (const id of verdict.newClients) conn.newClients.add(id);
    if (conn.newClients.size > this.limits.MAX_NEW_CLIENT_IDS) return this.refuse(conn, CloseCode.Refused, 'client-ids', 'too many new client ids');
    if (this.storage.storedBytes + update.byteLength > this.limits.MAX_DOC_BYTES && decoded.structs.length > 0) {
      return this.refuse(conn, CloseCode.QuotaExceeded, 'quota', 'document is over its size quota');
    }
    conn.pending = null;
    let policy: PolicyResult | undefined;
    this.doc.transact((tr) => {
      Y.applyUpdate(this.doc, update, conn);
      // applyUpdate marks the transaction remote; what the policy writes next is the server's own, and
      // Yjs would otherwise take its items for another client's and change the server's client id.
      tr.local = true;
      policy = this.safely('policy', () =>
        enforcePolicy(this.doc, tr, { kind: this.ref.kind, user: conn.user, now: Date.now(), lockedViews: this.lockedViews }),
      );
      if (policy?.amended) tr.meta.set('echo', true);
    }, conn);
    this.metrics.updatesIn.inc();
    if (policy?.refused.length) {
      this.metrics.refused.inc({ reason: 'policy' }, policy.refused.length);
      this.log(`put back ${policy.refused.length} change(s) by ${conn.user.id} in ${this.name}: ${[...new Set(policy.refused)].join(', ')}`);
    }
    if (policy?.title !== undefined) this.safely('title', () => this.onTitle?.(policy!.title!));
    if (syncStep2 && decoded.structs.length > 0) this.safely('client state', () => this.onClientState?.());
  }

  /** Close one connection for breaking a limit: counted, logged with the room, never affecting others. */
  refuse(conn: Connection, code: number, reason: RefusedReason, detail: string): void {
    this.metrics.refused.inc({ reason });
    this.log(`refused an update from ${conn.user.id} in ${this.name} (${reason}): ${detail.slice(0, 200)}`);
    this.leave(conn);
    conn.socket.close(code, reason);
  }

  private onDocUpdate(update: Uint8Array, origin: unknown, tr: Y.Transaction): void {
    this.storage.changed();
    if (origin === 'store') return;
    this.changedSinceLoad = true;
    const message = updateFrame(update);
    if (origin === REMOTE) return this.storage.relayOnly(update, () => this.broadcast(message, null));
    const echo = tr.meta.get('echo') === true;
    this.storage.append(
      update,
      // Other instances get it only once it is stored: what any instance relayed survives a crash.
      () => this.publish?.('update', update),
      () => this.broadcast(message, echo ? null : origin),
    );
  }

  /** How many changes were applied to the document since it was loaded (any origin). */
  get changeCount(): number {
    return this.storage.changeCount;
  }

  /** The digest of the store's only row while the document holds exactly what it encodes, else null. */
  get storedDigest(): string | null {
    return this.storage.cleanDigest;
  }

  /** Compact under the board's lease (once across the cluster): a compaction never races another's. */
  compactExclusive(): Promise<void> {
    return this.storage.compactExclusive();
  }

  /** Replace the stored log by one snapshot of the current state (encoded from the loaded document). */
  compact(): Promise<void> {
    return this.storage.compact();
  }

  /** Resolves once every update applied so far is in the store (or has failed to get there) and relayed. */
  flush(): Promise<void> {
    return this.storage.flush();
  }

  /** Re-send presence filtered by what is relayed now (e.g. a secret vote opened); see RoomPresence.refresh. */
  refreshPresence(): void {
    this.presence.refresh();
  }

  private send(conn: Connection, message: Uint8Array): void {
    conn.socket.send(message);
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const conn of this.connections) {
      if (conn !== except && conn.access.read) {
        conn.socket.send(message);
        this.metrics.updatesOut.inc();
      }
    }
  }

  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections]) {
      this.leave(conn);
      conn.socket.close(code, reason);
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.presence.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
