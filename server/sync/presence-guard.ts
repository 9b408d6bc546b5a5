import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PresenceUser } from '../../shared/presence';

/**
 * Rewrites an awareness update from one connection so that it can only speak for itself:
 * - an entry for a client id that another user already owns is dropped (no hijacking someone's cursor);
 * - every non-null state gets `user` replaced by the identity in the connection's token (no impersonation).
 * Clocks are kept as sent so y-protocols' ordering still works. Throws on a malformed update.
 */
export function guardAwarenessUpdate(
  update: Uint8Array,
  user: PresenceUser,
  ownerOf: (clientId: number) => string | undefined,
): { update: Uint8Array; clientIds: number[] } {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  const entries: [number, number, string][] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    const owner = ownerOf(clientId);
    if (owner !== undefined && owner !== user.id) continue;
    const state: unknown = JSON.parse(raw);
    let out = 'null';
    if (state !== null) {
      const obj = typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
      out = JSON.stringify({ ...obj, user });
    }
    entries.push([clientId, clock, out]);
  }
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return { update: encoding.toUint8Array(encoder), clientIds: entries.map((e) => e[0]) };
}
