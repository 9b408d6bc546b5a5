import * as Y from 'yjs';
import { z } from 'zod';
import { Role, UserId } from '../roles';

/**
 * The people of a board: everyone who has ever opened it, by user id, in the board document's `people`
 * map. Only the server writes it (the policy puts back any client change), from the verified session
 * token of each connection, so a name shown beside "created by" or in an @mention list is the one the
 * person joined with, not one a client claims.
 *
 * `lastSeenAt` is when the person's last connection to the board closed: what "since you were last here"
 * counts from. It is not touched while they are connected, so a returning person's client reads the time
 * of their previous visit.
 */
export const PEOPLE_ROOT = 'people';

export const Person = z.object({
  name: z.string().max(60).catch(''),
  role: Role.catch('viewer'),
  joinedAt: z.number().finite().catch(0),
  lastSeenAt: z.number().finite().nullable().catch(null),
});
export type Person = z.infer<typeof Person> & { id: string };

/** At most this many people are read from a document (a board of 100 people returning over months). */
export const MAX_PEOPLE = 2000;

export function peopleMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PEOPLE_ROOT);
}

/** One entry of the people map, or null when it is absent or malformed (never thrown on). */
function readPerson(id: string, raw: unknown): Person | null {
  if (!UserId.safeParse(id).success || raw === null || typeof raw !== 'object' || raw instanceof Y.AbstractType) return null;
  const r = Person.safeParse(raw);
  return r.success ? { id, ...r.data } : null;
}

/** Every well-formed entry of the people map; malformed ones are skipped, never thrown on. */
export function readPeople(doc: Y.Doc): Map<string, Person> {
  const out = new Map<string, Person>();
  for (const [id, raw] of peopleMap(doc)) {
    if (out.size >= MAX_PEOPLE) break;
    const p = readPerson(id, raw);
    if (p) out.set(id, p);
  }
  return out;
}

/** A name for a user id: the one they joined with, else a neutral placeholder (never the raw id). */
export function personName(people: ReadonlyMap<string, Person>, id: string | undefined | null): string {
  if (!id) return 'Someone';
  const p = people.get(id);
  return p?.name || 'Someone';
}

/**
 * Server side: record that a person is on the board (first visit, or a new name or role). Returns whether
 * the document changed. Call inside a server transaction.
 */
export function notePresent(doc: Y.Doc, who: { id: string; name: string; role: Role }, now: number): boolean {
  const map = peopleMap(doc);
  const old = readPerson(who.id, map.get(who.id));
  if (old && old.name === who.name && old.role === who.role) return false;
  map.set(who.id, { name: who.name, role: who.role, joinedAt: old?.joinedAt || now, lastSeenAt: old?.lastSeenAt ?? null });
  return true;
}

/** Server side: the person's last connection closed at `now`. */
export function noteLeft(doc: Y.Doc, who: { id: string; name: string; role: Role }, now: number): void {
  const map = peopleMap(doc);
  const old = readPerson(who.id, map.get(who.id));
  map.set(who.id, { name: who.name, role: who.role, joinedAt: old?.joinedAt || now, lastSeenAt: now });
}
