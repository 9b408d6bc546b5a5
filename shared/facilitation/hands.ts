import { z } from 'zod';
import type * as Y from 'yjs';
import { PresenceUser } from '../presence';
import { handIsUp } from './doc';

/**
 * Raised hands that survive a reload. A hand is raised in presence (awareness, `hand`: the server-clock
 * time it went up, null once lowered); presence vanishes when a tab reloads, so the server copies each
 * raised hand into the facilitation document's `hands` map (user id → { name, raisedAt }) and removes it
 * when the person lowers it or the facilitator does (handsLowered). Participants cannot write that
 * document; only the server writes this map.
 */
export const HandRecord = z.object({ name: z.string().max(60), raisedAt: z.number().finite().nonnegative() });
export type HandRecord = z.infer<typeof HandRecord>;

export interface RaisedHand extends HandRecord {
  id: string;
}

function handsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('hands');
}

function loweredMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('handsLowered');
}

/** The stored hands, validated (a bad record is skipped). */
export function readHands(doc: Y.Doc): Map<string, HandRecord> {
  const out = new Map<string, HandRecord>();
  handsMap(doc).forEach((v, k) => {
    const r = HandRecord.safeParse(v instanceof Object && 'toJSON' in v ? (v as { toJSON(): unknown }).toJSON() : v);
    if (r.success) out.set(k, r.data);
  });
  return out;
}

/** Hands that are up (not lowered by the facilitator since), first raised first. */
export function raisedHands(hands: ReadonlyMap<string, HandRecord>, handsLowered: Readonly<Record<string, number>>): RaisedHand[] {
  return [...hands]
    .filter(([id, h]) => handIsUp(h.raisedAt, handsLowered[id]))
    .map(([id, h]) => ({ id, ...h }))
    .sort((a, b) => a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : 1));
}

/** What presence says about one person's hand: up since `hand`, or explicitly down (null). */
export interface ObservedHand {
  name: string;
  hand: number | null;
}

const HandField = z.number().finite().nonnegative().nullable();

/**
 * Each person's hand from the awareness states of the board: up when any of their tabs has it up (the
 * latest time), down when a tab says null. People whose tabs say nothing (a tab that just reloaded) are
 * left out, so a reload does not lower a hand. Viewers cannot raise hands.
 */
export function observedHands(states: Iterable<unknown>): Map<string, ObservedHand> {
  const out = new Map<string, ObservedHand>();
  for (const state of states) {
    if (!state || typeof state !== 'object' || !('hand' in state)) continue;
    const user = PresenceUser.safeParse((state as { user?: unknown }).user);
    const hand = HandField.safeParse((state as { hand?: unknown }).hand);
    if (!user.success || !hand.success || user.data.role === 'viewer') continue;
    const prev = out.get(user.data.id);
    const up = Math.max(prev?.hand ?? -1, hand.data ?? -1);
    out.set(user.data.id, { name: user.data.name, hand: up >= 0 ? up : null });
  }
  return out;
}

/**
 * Bring the stored hands in line with presence (server side). `now` caps a raise time from the future,
 * which the facilitator could otherwise never lower. Hands the facilitator lowered are removed.
 */
export function applyObservedHands(doc: Y.Doc, observed: ReadonlyMap<string, ObservedHand>, now: number, origin?: unknown): void {
  const hands = handsMap(doc);
  const lowered = loweredMap(doc);
  const stored = readHands(doc);
  doc.transact(() => {
    for (const [id, o] of observed) {
      const raisedAt = o.hand === null ? null : Math.min(o.hand, now);
      const loweredAt = lowered.get(id);
      const up = raisedAt !== null && handIsUp(raisedAt, typeof loweredAt === 'number' ? loweredAt : undefined);
      const have = stored.get(id);
      if (up && (have?.raisedAt !== raisedAt || have.name !== o.name)) hands.set(id, { name: o.name, raisedAt });
      else if (!up && hands.has(id)) hands.delete(id);
    }
    for (const [id, h] of stored) {
      const loweredAt = lowered.get(id);
      if (!observed.has(id) && !handIsUp(h.raisedAt, typeof loweredAt === 'number' ? loweredAt : undefined)) hands.delete(id);
    }
  }, origin);
}
