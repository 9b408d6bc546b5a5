import * as decoding from 'lib0/decoding';
import { equalityDeep } from 'lib0/function';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/protocol';
import type { PresenceFields } from '../../shared/presence';
import type { Metrics } from '../metrics';
import { Connection } from './connection';
import { AwarenessBatch, awarenessEntry, awarenessStatesFrame, awarenessUpdate } from './frames';
import { guardAwarenessUpdate, PresenceRefused, type GuardedEntry } from './presence-guard';
import type { Limits } from './registry';
import type { Room } from './room';

/** Awareness changes are relayed in batches, one frame per recipient per tick (see onUpdate). */
export const AWARENESS_TICK_MS = 40;
/** The longest tick, for rooms of 100 people and more. */
export const AWARENESS_TICK_MAX_MS = 80;

/**
 * The tick for a room of `connections` sockets: 40 ms up to 50 people, growing with the room to 80 ms at
 * 100. Every tick sends one frame to everyone, so with a fixed tick a room's frames per second would grow
 * with its size; this holds them near 1,250 a second from 50 to 100 people. A cursor waits at most one
 * tick (a pointer at 10 Hz moves every 100 ms anyway); edits never wait for it.
 */
export function presenceTickMs(connections: number): number {
  return Math.min(AWARENESS_TICK_MAX_MS, Math.max(AWARENESS_TICK_MS, Math.round(connections * 0.8)));
}

/** Recipients of one tick's presence frame served per turn of the event loop (see flush). */
const SEND_SLICE = 50;

/** Origin of what another instance accepted and published (admitted, policed and stored there). */
export const REMOTE = 'remote';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * Presence (awareness) of one board room: who owns which client id, the guard every incoming entry goes
 * through, the per-tick batching of what is relayed, and what is published to and received from other
 * instances. Only board documents carry presence.
 */
export class RoomPresence {
  /** Owner (user id) of every awareness client id seen here, so one user cannot speak for another's id. */
  private readonly clientOwners = new Map<number, string>();
  private readonly pending = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  /** Awareness client ids changed by this instance's own connections since the last tick (to publish). */
  private readonly pendingPublish = new Set<number>();
  /** The JSON of each state as the guard wrote it, so a tick relays it without encoding it again. */
  private readonly json = new Map<number, { clock: number; json: string }>();

  constructor(
    private readonly room: Room,
    private readonly limits: Limits,
    private readonly metrics: Metrics,
  ) {
    const { awareness } = room;
    // The server's own presence entry (saving status) is never someone else's to speak for.
    this.clientOwners.set(awareness.clientID, '');
    awareness.on('update', (change: AwarenessChange, origin: unknown) => {
      if (origin instanceof Connection) {
        for (const id of [...change.added, ...change.updated, ...change.removed]) this.pendingPublish.add(id);
      }
      for (const id of change.removed) this.json.delete(id);
      this.onUpdate(change);
    });
  }

  /** Every state held, as one frame (for a joiner or a query). */
  statesFrame(): Uint8Array {
    return awarenessStatesFrame(this.room.awareness, [...this.room.awareness.getStates().keys()]);
  }

  /** An awareness update from a connection: rewritten so it speaks only as its token's user, within bounds. */
  receive(conn: Connection, update: Uint8Array): void {
    let guarded;
    try {
      guarded = guardAwarenessUpdate(update, {
        user: conn.user,
        ownerOf: (id) => this.clientOwners.get(id),
        owned: conn.clientIds,
        maxEntries: this.limits.MAX_PRESENCE_ENTRIES,
        maxStateBytes: this.limits.MAX_PRESENCE_BYTES,
        filter: (s) => this.filter(s),
        clockOf: (id) => this.room.awareness.meta.get(id)?.clock ?? -1,
      });
    } catch (err) {
      if (err instanceof PresenceRefused) return this.room.refuse(conn, CloseCode.Refused, 'presence', err.message);
      throw err;
    }
    if (guarded.dropped) this.metrics.refused.inc({ reason: 'presence' }, guarded.dropped);
    for (const { clientId } of guarded.entries) {
      this.clientOwners.set(clientId, conn.user.id);
      conn.clientIds.add(clientId);
    }
    this.apply(guarded.entries, conn);
  }

  /**
   * What y-protocols' applyAwarenessUpdate does (same clock rules, same events), from entries the guard has
   * already parsed and encoded: it would parse every state's JSON again, and the tick encode it again.
   */
  private apply(entries: GuardedEntry[], origin: Connection): void {
    const { awareness } = this.room;
    const now = Date.now();
    const added: number[] = [];
    const updated: number[] = [];
    const changed: number[] = [];
    const removed: number[] = [];
    for (const { clientId, clock, state, json } of entries) {
      const meta = awareness.meta.get(clientId);
      const held = meta?.clock ?? 0;
      if (!(held < clock || (held === clock && state === null && awareness.states.has(clientId)))) continue;
      const prev = awareness.states.get(clientId);
      if (state === null) awareness.states.delete(clientId);
      else awareness.states.set(clientId, state);
      awareness.meta.set(clientId, { clock, lastUpdated: now });
      this.json.set(clientId, { clock, json });
      if (meta === undefined && state !== null) added.push(clientId);
      else if (meta !== undefined && state === null) removed.push(clientId);
      else if (state !== null) {
        if (!equalityDeep(state, prev)) changed.push(clientId);
        updated.push(clientId);
      }
    }
    if (added.length || changed.length || removed.length) awareness.emit('change', [{ added, updated: changed, removed }, origin]);
    if (added.length || updated.length || removed.length) awareness.emit('update', [{ added, updated, removed }, origin]);
  }

  /** Presence another instance published (guarded there): its client ids are tied to their user here. */
  applyRemote(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      const state = JSON.parse(decoding.readVarString(decoder)) as { user?: { id?: unknown } } | null;
      if (typeof state?.user?.id === 'string' && !this.clientOwners.has(id)) this.clientOwners.set(id, state.user.id);
    }
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, data, REMOTE);
  }

  /** While a secret vote is open nobody's pointer or selection is relayed; hidden notes never are. */
  filter(s: PresenceFields): PresenceFields {
    if (this.room.secretVoteOpen) return { ...s, cursor: null, selection: [] };
    if (!s.selection?.length) return s;
    const shapes = this.room.doc.getMap('shapes');
    return { ...s, selection: s.selection.filter((id) => shapes.has(id)) };
  }

  /**
   * Apply what is relayed now (e.g. a secret vote opened) to the presence already held, and send it: each
   * state is filtered again under a higher clock, so every recipient replaces what it showed.
   */
  refresh(): void {
    const { awareness } = this.room;
    const ids: number[] = [];
    for (const [id, state] of awareness.getStates()) {
      if (!state?.user) continue;
      const { user, ...fields } = state as Record<string, unknown>;
      awareness.states.set(id, { ...this.filter(fields as PresenceFields), user });
      const meta = awareness.meta.get(id);
      awareness.meta.set(id, { clock: (meta?.clock ?? 0) + 1, lastUpdated: Date.now() });
      ids.push(id);
    }
    if (ids.length) this.onUpdate({ added: [], updated: ids, removed: [] });
  }

  /**
   * Awareness (cursors, selections) is the hot path: with 100 people moving their pointers, relaying
   * each update at once would mean thousands of frames a second. Changes are gathered for one short
   * tick and sent as one frame, holding only the newest state of each client; a client's own entries
   * are left out of the frame it receives.
   */
  private onUpdate(change: AwarenessChange): void {
    for (const id of change.added) this.pending.add(id);
    for (const id of change.updated) this.pending.add(id);
    for (const id of change.removed) this.pending.add(id);
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => this.room.safely('presence', () => this.flush()), presenceTickMs(this.room.connections.size));
    }
  }

  private flush(): void {
    this.timer = null;
    const { awareness, connections } = this.room;
    const ids = [...this.pending];
    this.pending.clear();
    // Each entry is encoded once per tick (its JSON included); a recipient whose own entries are in the
    // batch gets a frame built from the others' bytes, never a re-encoding.
    const entries = new Map<number, Uint8Array>(
      ids.map((id) => {
        const clock = awareness.meta.get(id)?.clock ?? 0;
        const held = this.json.get(id);
        return [id, awarenessEntry(id, clock, held?.clock === clock ? held.json : JSON.stringify(awareness.states.get(id) ?? null))];
      }),
    );
    const mine = [...this.pendingPublish].filter((id) => entries.has(id));
    this.pendingPublish.clear();
    if (this.room.publish && mine.length) this.room.publish('awareness', awarenessUpdate(mine.map((id) => entries.get(id)!)));
    if (ids.length === 0 || connections.size === 0) return;
    const batch = new AwarenessBatch(entries);
    const recipients = [...connections];
    // A few hundred sockets at once would hold the event loop for tens of milliseconds, and an edit that
    // arrives meanwhile would wait: the tick goes out in slices, with other work let through between them.
    // (A slow slice can land after the next tick's frame; clocks make the receiver ignore the older one.)
    const send = (from: number) => {
      const to = Math.min(recipients.length, from + SEND_SLICE);
      for (let i = from; i < to; i++) {
        const conn = recipients[i]!;
        if (conn.closed || !conn.access.read) continue;
        const frame = batch.without(conn.clientIds);
        if (frame) conn.socket.send(frame);
      }
      if (to < recipients.length) setImmediate(() => this.room.safely('presence', () => send(to)));
    };
    send(0);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
