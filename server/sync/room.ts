import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, MessageType, READ_ONLY_NOTICE } from '../../shared/protocol';
import type { Access, RoomRef } from '../../shared/roles';
import type { PresenceFields, PresenceUser } from '../../shared/presence';
import type { DocStore } from '../store/types';
import type { SaveStatus } from '../store/resilient';
import type { RemoteKind } from '../cluster/fanout';
import type { Metrics, RefusedReason } from '../metrics';
import type { SyncSocket } from './socket';
import { admit, DOC_ROOTS, scrub } from './admission';
import { enforcePolicy, type PolicyResult } from './policy';
import { guardAwarenessUpdate, PresenceRefused } from './presence-guard';
import type { Limits } from './registry';

/** One socket's membership of a room: who it is, what it may do, and what it has used of its limits. */
export class Connection {
  /** Awareness client ids this connection has spoken for; removed when it closes. */
  readonly clientIds = new Set<number>();
  /** Yjs client ids this connection brought into the document. */
  readonly newClients = new Set<number>();
  droppedUpdates = 0;
  toldReadOnly = false;
  /** An update waiting for structs it builds on (merged with what this connection sends next). */
  pending: Uint8Array | null = null;
  /** Token bucket for updates per second. */
  tokens = -1;
  refilledAt = 0;
  lastQueryAt = 0;
  closed = false;
  constructor(
    readonly socket: SyncSocket,
    readonly user: PresenceUser,
    readonly access: Access,
  ) {}
}

export class BadFrameError extends Error {}

/** Origin of what another instance accepted and published (admitted, policed and stored there). */
export const REMOTE = 'remote';

/** Awareness changes are relayed in batches, one frame per recipient per tick (see onAwarenessUpdate). */
export const AWARENESS_TICK_MS = 40;
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
}

/**
 * A loaded document: its Y.Doc, awareness, connections and the log that persists it.
 *
 * The path of an incoming update: decode → admit (structure and limits, see admission.ts) → apply and
 * enforce policy in one transaction (policy.ts) → append to the store → relay. Updates are relayed only
 * once their append has resolved, encoded once for all recipients and never echoed to their sender
 * (unless the server amended them, when the sender needs the amendment too).
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
  /** Owner (user id) of every awareness client id seen here, so one user cannot speak for another's id. */
  private readonly clientOwners = new Map<number, string>();
  private readonly pendingAwareness = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  /** Number of rows of this document in the store's log, for compaction. */
  private logCount: number;
  /** Approximate stored size: the log's bytes. */
  private storedBytes: number;
  /** Appends and relays run one after another, in the order updates were applied. */
  private writes: Promise<void> = Promise.resolve();
  private compacting: Promise<void> | null = null;
  storeFailed = false;
  /** The store is retrying failed writes: relay without waiting for appends (see setSaving). */
  private savingPaused = false;
  /** Resolves when saving pauses, releasing relays that wait for their append. */
  private paused: Promise<void> = new Promise(() => {});
  private pause: () => void = () => {};
  /** Spreads what this instance accepted to the other instances (cluster mode); set by the registry. */
  publish?: (kind: RemoteKind, data: Uint8Array) => void;
  /** Awareness client ids changed by this instance's own connections since the last tick (to publish). */
  private readonly pendingPublish = new Set<number>();
  /** Called with a facilitator's new title (board documents). */
  onTitle?: (title: string) => void;
  private readonly log: (msg: string) => void;
  private readonly limits: Limits;
  private readonly metrics: Metrics;
  private readonly exclusive: (fn: () => Promise<void>) => Promise<void>;

  private constructor(
    readonly ref: RoomRef,
    private readonly store: DocStore,
    updates: Uint8Array[],
    opts: RoomOptions,
  ) {
    this.log = opts.log;
    this.limits = opts.limits;
    this.metrics = opts.metrics;
    this.exclusive = opts.exclusive ?? ((fn) => fn());
    this.logCount = updates.length;
    this.storedBytes = updates.reduce((n, u) => n + u.byteLength, 0);
    this.loadStored(updates);
    this.awareness.setLocalState(null);
    // The server's own presence entry (saving status) is never someone else's to speak for.
    this.clientOwners.set(this.awareness.clientID, '');
    this.resetPaused();
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => this.onDocUpdate(update, origin, tr));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => {
      if (origin instanceof Connection) for (const id of [...change.added, ...change.updated, ...change.removed]) this.pendingPublish.add(id);
      this.onAwarenessUpdate(change);
    });
  }

  static async load(ref: RoomRef, store: DocStore, opts: RoomOptions): Promise<Room> {
    const updates = await store.load(ref.name);
    const room = new Room(ref, store, updates, opts);
    // A long log makes every later load slow: fold it into one snapshot (not awaited: the load may be
    // part of a job that holds the board's lease, which the compaction takes too).
    if (updates.length > opts.limits.COMPACT_AFTER_UPDATES) void room.compactSoon();
    return room;
  }

  /**
   * Apply the stored log one update at a time (never one `mergeUpdates` over a huge log), skipping an
   * update Yjs cannot read, then scrub what today's admission would refuse (stored by an older server).
   */
  private loadStored(updates: Uint8Array[]): void {
    let skipped = 0;
    this.doc.transact(() => {
      for (const u of updates) {
        try {
          Y.applyUpdate(this.doc, u, 'store');
        } catch {
          skipped++;
        }
      }
    }, 'store');
    const scrubbed = scrub(this.doc, DOC_ROOTS[this.ref.kind], this.admissionLimits);
    if (skipped || scrubbed) {
      this.metrics.badRecords.inc(skipped + scrubbed);
      this.log(`loaded ${this.name}: skipped ${skipped} unreadable stored updates, removed ${scrubbed} items over today's limits`);
    }
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
    if (paused === this.savingPaused) return;
    this.savingPaused = paused;
    if (paused) this.pause();
    else this.resetPaused();
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
    this.safely('remote presence', () => {
      const decoder = decoding.createDecoder(data);
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        const id = decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        const state = JSON.parse(decoding.readVarString(decoder)) as { user?: { id?: unknown } } | null;
        if (typeof state?.user?.id === 'string' && !this.clientOwners.has(id)) this.clientOwners.set(id, state.user.id);
      }
      awarenessProtocol.applyAwarenessUpdate(this.awareness, data, REMOTE);
    });
  }

  /** Merge the stored log again (messages from other instances were lost); Yjs ignores what it has. */
  mergeStored(updates: Uint8Array[]): void {
    for (const u of updates) this.applyRemote('update', u);
  }

  private resetPaused(): void {
    this.paused = new Promise((resolve) => (this.pause = resolve));
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

  join(conn: Connection): void {
    this.connections.add(conn);
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.Sync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    this.send(conn, encoding.toUint8Array(step1));
    const states = this.awareness.getStates();
    if (states.size > 0) this.send(conn, this.awarenessMessage([...states.keys()]));
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    conn.closed = true;
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
        case MessageType.Awareness:
          return this.receiveAwareness(conn, decoding.readVarUint8Array(decoder));
        case MessageType.QueryAwareness: {
          const now = Date.now();
          if (now - conn.lastQueryAt < QUERY_INTERVAL_MS) return void this.metrics.refused.inc({ reason: 'query-rate' });
          conn.lastQueryAt = now;
          this.send(conn, this.awarenessMessage([...this.awareness.getStates().keys()]));
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

  private receiveAwareness(conn: Connection, update: Uint8Array): void {
    // Presence is only part of the board document; the others have none.
    if (this.ref.kind !== 'board') return;
    let guarded;
    try {
      guarded = guardAwarenessUpdate(update, {
        user: conn.user,
        ownerOf: (id) => this.clientOwners.get(id),
        owned: conn.clientIds,
        maxEntries: this.limits.MAX_PRESENCE_ENTRIES,
        maxStateBytes: this.limits.MAX_PRESENCE_BYTES,
        filter: (s) => this.filterPresence(s),
        clockOf: (id) => this.awareness.meta.get(id)?.clock ?? -1,
      });
    } catch (err) {
      if (err instanceof PresenceRefused) return this.refuse(conn, CloseCode.Refused, 'presence', err.message);
      throw err;
    }
    if (guarded.dropped) this.metrics.refused.inc({ reason: 'presence' }, guarded.dropped);
    for (const id of guarded.clientIds) {
      this.clientOwners.set(id, conn.user.id);
      conn.clientIds.add(id);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, guarded.update, conn);
  }

  /** While a secret vote is open nobody's pointer or selection is relayed; hidden notes never are. */
  private filterPresence(s: PresenceFields): PresenceFields {
    if (this.secretVoteOpen) return { ...s, cursor: null, selection: [] };
    if (!s.selection?.length) return s;
    const shapes = this.doc.getMap('shapes');
    return { ...s, selection: s.selection.filter((id) => shapes.has(id)) };
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
        this.send(conn, encoding.toUint8Array(reply));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        return this.receiveUpdate(conn, payload);
      default:
        throw new BadFrameError(`unknown sync message ${syncType}`);
    }
  }

  private receiveUpdate(conn: Connection, payload: Uint8Array): void {
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
    if (!this.takeToken(conn)) return this.refuse(conn, CloseCode.RateLimited, 'rate', 'too many updates per second');
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
    if (this.storedBytes + update.byteLength > this.limits.MAX_DOC_BYTES && decoded.structs.length > 0) {
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
  }

  /** Token bucket: MAX_UPDATES_PER_SEC sustained, bursts of five seconds' worth. */
  private takeToken(conn: Connection): boolean {
    const rate = this.limits.MAX_UPDATES_PER_SEC;
    const now = Date.now();
    if (conn.tokens < 0) conn.tokens = rate * 5;
    else conn.tokens = Math.min(rate * 5, conn.tokens + ((now - conn.refilledAt) / 1000) * rate);
    conn.refilledAt = now;
    if (conn.tokens < 1) return false;
    conn.tokens -= 1;
    return true;
  }

  /** Close one connection for breaking a limit: counted, logged with the room, never affecting others. */
  refuse(conn: Connection, code: number, reason: RefusedReason, detail: string): void {
    this.metrics.refused.inc({ reason });
    this.log(`refused an update from ${conn.user.id} in ${this.name} (${reason}): ${detail.slice(0, 200)}`);
    this.leave(conn);
    conn.socket.close(code, reason);
  }

  private onDocUpdate(update: Uint8Array, origin: unknown, tr: Y.Transaction): void {
    if (origin === 'store') return;
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.Sync);
    syncProtocol.writeUpdate(enc, update);
    const message = encoding.toUint8Array(enc);
    const echo = tr.meta.get('echo') === true;
    this.storedBytes += update.byteLength;
    if (origin === REMOTE) {
      this.writes = this.writes.then(() => this.broadcast(message, null));
      return;
    }
    // Durable before visible: nobody receives an update before the store has it (or has failed to take it,
    // when the room stays live and keeps the update in memory for the final snapshot). While saving is
    // paused the relay goes ahead and the append keeps being retried.
    const stored = this.appendTimed(update).then(
      () => {
        this.logCount++;
        // Other instances get it only once it is stored: what any instance relayed survives a crash.
        this.publish?.('update', update);
        if (this.logCount > this.limits.COMPACT_AFTER_UPDATES) void this.compactSoon();
      },
      (err: unknown) => {
        this.storeFailed = true;
        this.log(`store append failed for ${this.name}: ${String(err)}`);
      },
    );
    this.writes = this.writes.then(() => Promise.race([stored, this.paused])).then(() => this.broadcast(message, echo ? null : origin));
  }

  private appendTimed(update: Uint8Array): Promise<void> {
    const end = this.metrics.storeLatency.startTimer({ op: 'append' });
    const p = this.store.append(this.name, update);
    p.then(
      () => end(),
      () => end(),
    );
    return p;
  }

  /** Compact under the board's lease (once across the cluster): a compaction never races another's. */
  compactExclusive(): Promise<void> {
    return this.exclusive(() => this.compact());
  }

  private compactSoon(): Promise<void> {
    this.compacting ??= this.compactExclusive()
      .catch((err: unknown) => this.log(`compaction of ${this.name} failed: ${String(err)}`))
      .finally(() => (this.compacting = null));
    return this.compacting;
  }

  /**
   * Awareness (cursors, selections) is the hot path: with 100 people moving their pointers, relaying
   * each update at once would mean thousands of frames a second. Changes are gathered for one short
   * tick and sent as one frame, holding only the newest state of each client; a client's own entries
   * are left out of the frame it receives.
   */
  private onAwarenessUpdate(change: AwarenessChange): void {
    for (const id of change.added) this.pendingAwareness.add(id);
    for (const id of change.updated) this.pendingAwareness.add(id);
    for (const id of change.removed) this.pendingAwareness.add(id);
    if (this.pendingAwareness.size > 0 && !this.awarenessTimer) {
      this.awarenessTimer = setTimeout(() => this.safely('presence', () => this.flushAwareness()), AWARENESS_TICK_MS);
    }
  }

  private flushAwareness(): void {
    this.awarenessTimer = null;
    const ids = [...this.pendingAwareness];
    this.pendingAwareness.clear();
    // Each entry is encoded once per tick (its JSON included); a recipient whose own entries are in the
    // batch gets a frame built from the others' bytes, never a re-encoding.
    const entries = new Map<number, Uint8Array>(ids.map((id) => [id, this.encodeEntry(id)]));
    const mine = [...this.pendingPublish].filter((id) => entries.has(id));
    this.pendingPublish.clear();
    if (this.publish && mine.length) this.publish('awareness', awarenessUpdate(mine.map((id) => entries.get(id)!)));
    if (ids.length === 0 || this.connections.size === 0) return;
    let shared: Uint8Array | undefined;
    for (const conn of this.connections) {
      if (!conn.access.read) continue;
      if (!ids.some((id) => conn.clientIds.has(id))) {
        this.send(conn, (shared ??= awarenessFrame([...entries.values()])));
        continue;
      }
      const others = ids.filter((id) => !conn.clientIds.has(id)).map((id) => entries.get(id)!);
      if (others.length) this.send(conn, awarenessFrame(others));
    }
  }

  /** One awareness entry as y-protocols encodes it: client id, clock, state as JSON ('null' when gone). */
  private encodeEntry(id: number): Uint8Array {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, id);
    encoding.writeVarUint(enc, this.awareness.meta.get(id)?.clock ?? 0);
    encoding.writeVarString(enc, JSON.stringify(this.awareness.states.get(id) ?? null));
    return encoding.toUint8Array(enc);
  }

  /**
   * Apply what is relayed now (e.g. a secret vote opened) to the presence already held, and send it: each
   * state is filtered again under a higher clock, so every recipient replaces what it showed.
   */
  refreshPresence(): void {
    const ids: number[] = [];
    for (const [id, state] of this.awareness.getStates()) {
      if (!state?.user) continue;
      const { user, ...fields } = state as Record<string, unknown>;
      this.awareness.states.set(id, { ...this.filterPresence(fields as PresenceFields), user });
      const meta = this.awareness.meta.get(id);
      this.awareness.meta.set(id, { clock: (meta?.clock ?? 0) + 1, lastUpdated: Date.now() });
      ids.push(id);
    }
    if (ids.length) this.onAwarenessUpdate({ added: [], updated: ids, removed: [] });
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.Awareness);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(enc);
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

  /** Resolves once every update applied so far is in the store (or has failed to get there) and relayed. */
  flush(): Promise<void> {
    return this.writes;
  }

  /** Replace the stored log by one snapshot of the current state (encoded from the loaded document). */
  async compact(): Promise<void> {
    await this.flush();
    const count = this.logCount;
    // Nothing to fold (and nothing lost by a failed append): leave the store alone.
    if (count <= 1 && !this.storeFailed) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const end = this.metrics.storeLatency.startTimer({ op: 'compact' });
    await this.store.compact(this.name, snapshot, count).finally(() => end());
    this.logCount = this.logCount - count + 1;
    this.storedBytes = snapshot.byteLength;
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

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** An awareness update from pre-encoded entries: the same bytes `encodeAwarenessUpdate` would write. */
function awarenessUpdate(entries: Uint8Array[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const e of entries) encoding.writeUint8Array(update, e);
  return encoding.toUint8Array(update);
}

/** An awareness message (frame) from pre-encoded entries. */
function awarenessFrame(entries: Uint8Array[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Awareness);
  encoding.writeVarUint8Array(enc, awarenessUpdate(entries));
  return encoding.toUint8Array(enc);
}

function permissionDenied(reason: string): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Auth);
  encoding.writeVarUint(enc, 0); // y-protocols/auth: permission denied
  encoding.writeVarString(enc, reason);
  return encoding.toUint8Array(enc);
}
