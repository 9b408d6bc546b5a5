import { describe, expect, it } from 'vitest';
import { boardFixture } from '../helpers/board-fixture';
import { peopleMap, readPeople } from '../../shared/model/people';
import { eventually } from '../helpers/poll';
import { join } from '../helpers/server';

/**
 * The people map of a board document: names and roles from each verified session token, and when each
 * person last left, written by the server only.
 */
const fx = boardFixture('People board');

describe('people: who is on a fx.board, as the server saw them', () => {
  it('records each person with the name and role of their token, and when they last left', async () => {
    const ada = await join(fx.server, fx.board, 'participant', 'Ada');
    const vic = await join(fx.server, fx.board, 'viewer', 'Vic');
    const a = await fx.open(ada);
    const v = await fx.open(vic);
    await eventually(() => {
      const people = readPeople(v.doc);
      expect(people.get(ada.userId)).toMatchObject({ name: 'Ada', role: 'participant', lastSeenAt: null });
      expect(people.get(vic.userId)).toMatchObject({ name: 'Vic', role: 'viewer', lastSeenAt: null });
    });
    const before = Date.now();
    a.destroy();
    await eventually(() => {
      const seen = readPeople(v.doc).get(ada.userId)?.lastSeenAt;
      expect(seen).toBeGreaterThanOrEqual(before);
    });
    // Coming back does not overwrite the last visit: the returning client reads when it was last here.
    const left = readPeople(v.doc).get(ada.userId)!.lastSeenAt;
    const again = await fx.open(ada);
    expect(readPeople(again.doc).get(ada.userId)?.lastSeenAt).toBe(left);
  });

  it('puts back a client that writes someone into the map or renames a person', async () => {
    const ada = await join(fx.server, fx.board, 'participant', 'Ada');
    const bob = await join(fx.server, fx.board, 'participant', 'Bob');
    const a = await fx.open(ada);
    const b = await fx.open(bob);
    await eventually(() => expect(readPeople(a.doc).get(bob.userId)?.name).toBe('Bob'));
    b.doc.transact(() => {
      peopleMap(b.doc).set(ada.userId, { name: 'Mallory', role: 'facilitator', joinedAt: 0, lastSeenAt: null });
      peopleMap(b.doc).set('intruder-0001', { name: 'Ghost', role: 'facilitator', joinedAt: 0, lastSeenAt: null });
    });
    await eventually(() => {
      for (const doc of [a.doc, b.doc]) {
        expect(readPeople(doc).get(ada.userId)?.name).toBe('Ada');
        expect(readPeople(doc).has('intruder-0001')).toBe(false);
      }
    });
  });
});
