import * as Y from 'yjs';
import { peopleMap } from '../../shared/model/people';
import type { Room } from '../sync/room';

/**
 * "What changed since I was last here" compares the board with the version at the time the person left
 * (`people[id].lastSeenAt`, written by the room when their last connection closes). So a version is kept
 * then — if the board changed since the newest one: a workshop of 100 people leaving makes one version.
 */

/** Whether a transaction changed nothing but the people map (who is on the board is no content). */
export function onlyPeople(doc: Y.Doc, tr: Y.Transaction): boolean {
  const people = peopleMap(doc);
  for (const type of tr.changed.keys()) if ((type as unknown) !== people) return false;
  return true;
}

const lastSeen = (v: unknown): number | null => {
  if (v === null || typeof v !== 'object' || v instanceof Y.AbstractType) return null;
  const at = (v as { lastSeenAt?: unknown }).lastSeenAt;
  return typeof at === 'number' && Number.isFinite(at) ? at : null;
};

/**
 * Calls `onLeave(lastSeenAt)` when this server records that someone left the board (their `lastSeenAt`
 * changed in one of the room's own transactions; another instance's leavers are that instance's work).
 * Returns the function that stops watching.
 */
export function watchLeaves(room: Room, onLeave: (at: number) => void): () => void {
  const people = peopleMap(room.doc);
  const observer = (event: Y.YMapEvent<unknown>, tr: Y.Transaction) =>
    room.safely('versions', () => {
      if (tr.origin !== 'server') return;
      let at: number | null = null;
      for (const [key, change] of event.changes.keys) {
        const now = lastSeen(people.get(key));
        if (now !== null && now !== lastSeen(change.oldValue)) at = Math.max(at ?? 0, now);
      }
      if (at !== null) onLeave(at);
    });
  people.observe(observer);
  return () => people.unobserve(observer);
}
