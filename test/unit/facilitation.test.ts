import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem,
  assignToGroup,
  addGroup,
  countBallot,
  handIsUp,
  initFacilitation,
  moveAgendaItem,
  readFacilitation,
  summon,
  releaseFollow,
  timer,
  timerRemaining,
  type Tally,
} from '../../shared/facilitation/doc';

describe('timer', () => {
  it('is an anchor: every client computes the same remaining time from it', () => {
    const doc = new Y.Doc();
    timer.start(doc, 5 * 60_000, 1_000);
    const t = readFacilitation(doc).timer;
    expect(timerRemaining(t, 61_000)).toBe(4 * 60_000);
    timer.pause(doc, 61_000);
    expect(timerRemaining(readFacilitation(doc).timer, 999_999)).toBe(4 * 60_000);
    timer.add(doc, 60_000, 70_000);
    timer.resume(doc, 100_000);
    expect(timerRemaining(readFacilitation(doc).timer, 100_000)).toBe(5 * 60_000);
    expect(timerRemaining(readFacilitation(doc).timer, 500_000)).toBe(0);
    timer.stop(doc);
    expect(readFacilitation(doc).timer.status).toBe('idle');
  });
});

describe('agenda', () => {
  it('can be extended and reordered', () => {
    const doc = new Y.Doc();
    initFacilitation(doc);
    const id = addAgendaItem(doc, 'Warm-up');
    moveAgendaItem(doc, id, -1);
    moveAgendaItem(doc, id, -1);
    const titles = readFacilitation(doc).agenda.map((a) => a.title);
    expect(titles).toHaveLength(5);
    expect(titles[2]).toBe('Warm-up');
  });
});

describe('summon, hands, groups', () => {
  it('summon bumps a sequence so clients apply it once; follow can be released', () => {
    const doc = new Y.Doc();
    summon(doc, 'fay', 'main', { x: 1, y: 2, zoom: 1 }, true);
    summon(doc, 'fay', 'other', { x: 1, y: 2, zoom: 1 }, true);
    expect(readFacilitation(doc).focus).toMatchObject({ seq: 2, view: 'other', follow: true });
    releaseFollow(doc);
    expect(readFacilitation(doc).focus?.follow).toBe(false);
  });

  it('a hand raised after it was lowered is up again', () => {
    expect(handIsUp(10, undefined)).toBe(true);
    expect(handIsUp(10, 20)).toBe(false);
    expect(handIsUp(30, 20)).toBe(true);
    expect(handIsUp(null, undefined)).toBe(false);
  });

  it('a person is in at most one group', () => {
    const doc = new Y.Doc();
    const a = addGroup(doc, 'A', 'main');
    const b = addGroup(doc, 'B', 'main');
    assignToGroup(doc, 'u1', a);
    assignToGroup(doc, 'u1', b);
    const groups = readFacilitation(doc).groups;
    expect(groups.find((g) => g.id === a)?.members).toEqual([]);
    expect(groups.find((g) => g.id === b)?.members).toEqual(['u1']);
  });
});

describe('ballot counting', () => {
  it('enforces candidates, one dot per note and the budget, counting what it ignores', () => {
    const into: Tally = { tallies: {}, ignored: 0 };
    countBallot({ a: 2, b: 1, c: 1, x: 1 }, { budget: 2, allowMultiple: false }, new Set(['a', 'b', 'c']), into);
    expect(into).toEqual({ tallies: { a: 1, b: 1 }, ignored: 3 });
    countBallot({ a: 3 }, { budget: 2, allowMultiple: true }, new Set(['a']), into);
    expect(into).toEqual({ tallies: { a: 3, b: 1 }, ignored: 4 });
  });
});
