import * as decoding from 'lib0/decoding';
import { PresenceFields, type PresenceUser } from '../../shared/presence';

export interface AwarenessGuard {
  user: PresenceUser;
  /** Owner (user id) of a client id seen in this room before, if any. */
  ownerOf: (clientId: number) => string | undefined;
  /** Client ids this connection already speaks for. */
  owned: ReadonlySet<number>;
  maxEntries: number;
  maxStateBytes: number;
  /** Room-specific rewriting of a parsed state (e.g. no cursors during a secret vote). */
  filter?: (state: PresenceFields) => PresenceFields;
  /**
   * The clock the server holds for a client id. The server may bump a clock itself (to take back a
   * cursor it relayed before a secret vote opened), so an entry is relayed with a clock above it.
   */
  clockOf?: (clientId: number) => number;
}

/** One frame naming more client ids than this is not a client's presence: the socket is refused. */
const MAX_ENTRIES_PER_FRAME = 64;

export class PresenceRefused extends Error {}

/**
 * Rewrites an awareness update from one connection so that it can only speak for itself, within bounds:
 * - an entry for a client id that another user owns is dropped (no hijacking someone's cursor), and so is
 *   a new client id past `maxEntries` for this connection;
 * - every state is parsed through the presence schema (unknown keys and invalid fields dropped, a state
 *   over `maxStateBytes` reduced to the user alone) and gets `user` from the connection's token;
 * - `filter` may remove more (the room decides, e.g. cursors during a secret vote).
 * Clocks are kept as sent (raised above the server's, if it bumped one) so y-protocols' ordering still
 * works. Throws on a malformed update, and
 * PresenceRefused when one frame names more than MAX_ENTRIES_PER_FRAME client ids.
 */
export function guardAwarenessUpdate(update: Uint8Array, guard: AwarenessGuard): { entries: GuardedEntry[]; dropped: number } {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_ENTRIES_PER_FRAME) throw new PresenceRefused(`${count} presence entries in one frame`);
  const entries: GuardedEntry[] = [];
  let speaking: Set<number> | undefined;
  let dropped = 0;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    const owner = guard.ownerOf(clientId);
    if (owner !== undefined && owner !== guard.user.id) {
      dropped++;
      continue;
    }
    if (!guard.owned.has(clientId) && !speaking?.has(clientId)) {
      if (guard.owned.size + (speaking?.size ?? 0) >= guard.maxEntries) {
        dropped++;
        continue;
      }
      (speaking ??= new Set()).add(clientId);
    }
    const held = guard.clockOf?.(clientId) ?? -1;
    entries.push({ clientId, clock: Math.max(clock, held + 1), ...rewrite(raw, guard) });
  }
  return { entries, dropped };
}

/** One entry as the server will hold and relay it: the state, and that state as JSON (encoded once). */
export interface GuardedEntry {
  clientId: number;
  clock: number;
  state: (PresenceFields & { user: PresenceUser }) | null;
  json: string;
}

const GONE = { state: null, json: 'null' };

function rewrite(raw: string, guard: AwarenessGuard): Pick<GuardedEntry, 'state' | 'json'> {
  if (raw === 'null') return GONE;
  let fields: PresenceFields = {};
  if (raw.length <= guard.maxStateBytes) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw);
    } catch {
      /* not JSON: keep the user alone */
    }
    if (parsed === null) return GONE;
    const r = PresenceFields.safeParse(parsed);
    if (r.success) fields = r.data;
  }
  if (guard.filter) fields = guard.filter(fields);
  const state = { ...fields, user: guard.user };
  return { state, json: JSON.stringify(state) };
}
