import { describe, expect, it } from 'vitest';
import { Shape } from '../../shared/model/schema';
import { offsetFrom } from '../../client/sync/clock';
import { dotClick, dotsLeftText, isCandidate, ranking } from '../../client/facilitation/voting';
import { focusTarget } from '../../client/facilitation/follow';
import { LayeredMap, merge } from '../../client/model/scene-store';
import { readExtras } from '../../client/model/presence-extras';

describe('server clock offset', () => {
  it('takes the sample with the shortest round trip, read half-way through it', () => {
    const r = offsetFrom([
      { sent: 1000, received: 1400, server: 6000 },
      { sent: 2000, received: 2040, server: 7100 },
      { sent: 3000, received: 3300, server: 8000 },
    ]);
    expect(r).toEqual({ offset: 7100 - 2020, error: 20 });
  });

  it('ignores broken samples and gives up without any', () => {
    expect(offsetFrom([])).toBeNull();
    expect(offsetFrom([{ sent: 10, received: 5, server: 1 }])).toBeNull();
    expect(offsetFrom([{ sent: 0, received: 10, server: Number.NaN }])).toBeNull();
  });
});

describe('dot voting rules', () => {
  const single = { budget: 2, allowMultiple: false };
  const multi = { budget: 3, allowMultiple: true };

  it('one dot per note: a click places it, a second click takes it back, no dot past the budget', () => {
    expect(dotClick(single, {}, 't1', 'click')).toEqual({ delta: 1 });
    expect(dotClick(single, { t1: 1 }, 't1', 'click')).toEqual({ delta: -1 });
    expect(dotClick(single, { t1: 1, t2: 1 }, 't3', 'click')).toHaveProperty('refused');
    expect(dotClick(single, { t1: 1 }, 't1', 'add')).toHaveProperty('refused');
  });

  it('several dots: clicks add while dots are left, then take back; right-click always takes back', () => {
    expect(dotClick(multi, { t1: 2 }, 't1', 'click')).toEqual({ delta: 1 });
    expect(dotClick(multi, { t1: 3 }, 't1', 'click')).toEqual({ delta: -1 });
    expect(dotClick(multi, { t1: 3 }, 't2', 'click')).toHaveProperty('refused');
    expect(dotClick(multi, { t1: 3 }, 't1', 'add')).toHaveProperty('refused');
    expect(dotClick(multi, { t1: 1 }, 't1', 'remove')).toEqual({ delta: -1 });
    expect(dotClick(multi, {}, 't1', 'remove')).toHaveProperty('refused');
  });

  it('says how many dots are left', () => {
    expect(dotsLeftText({ budget: 3 }, { a: 1 })).toBe('2 of 3 dots left');
    expect(dotsLeftText({ budget: 1 }, {})).toBe('1 of 1 dot left');
  });

  it('candidates are the threats of the scope', () => {
    const threat = Shape.parse({ kind: 'threat', id: 't', view: 'v1' });
    const note = Shape.parse({ kind: 'note', id: 'n', view: 'v1' });
    expect(isCandidate({ scope: { kind: 'view', view: 'v1' } }, threat)).toBe(true);
    expect(isCandidate({ scope: { kind: 'view', view: 'v2' } }, threat)).toBe(false);
    expect(isCandidate({ scope: { kind: 'all' } }, threat)).toBe(true);
    expect(isCandidate({ scope: { kind: 'all' } }, note)).toBe(false);
  });

  it('ranks most dots first, ties share a rank, zero-dot threats are left out', () => {
    expect(ranking({ a: 2, b: 5, c: 2, d: 0, e: 1 })).toEqual([
      { rank: 1, id: 'b', dots: 5 },
      { rank: 2, id: 'a', dots: 2 },
      { rank: 2, id: 'c', dots: 2 },
      { rank: 4, id: 'e', dots: 1 },
    ]);
  });
});

describe('summon targets', () => {
  const camera = { x: 10, y: 20, zoom: 1.5 };
  it('a summon names the view and the camera', () => {
    expect(focusTarget({ view: 'v1', camera }, 'g')).toEqual({ view: 'v1', camera });
  });
  it("a summon without a view sends each person to their group's view, fitted", () => {
    expect(focusTarget({ view: '', camera }, 'g')).toEqual({ view: 'g', camera: null });
    expect(focusTarget({ view: '', camera }, null)).toBeNull();
  });
});

describe('the scene: board shapes and own hidden notes', () => {
  const a = Shape.parse({ kind: 'note', id: 'a', z: 'a1' });
  const b = Shape.parse({ kind: 'note', id: 'b', z: 'a2' });
  const board = { list: [a, b], byId: new Map([a, b].map((s) => [s.id, s] as const)), errors: [] };

  it('is the board itself when nothing is hidden', () => {
    const s = merge(board, []);
    expect(s.list).toBe(board.list);
    expect(s.hidden.size).toBe(0);
  });

  it('puts hidden notes on top, once, and looks them up through a layered map', () => {
    const h = Shape.parse({ kind: 'threat', id: 'h', z: 'a0', title: 'secret' });
    const revealed = { ...a };
    const s = merge(board, [h, revealed]);
    expect(s.list.map((x) => x.id)).toEqual(['a', 'b', 'h']);
    expect([...s.hidden]).toEqual(['h']);
    expect(s.byId.get('h')).toBe(h);
    expect(s.byId.get('a')).toBe(a);
    expect(s.byId.size).toBe(3);
    expect([...s.byId.keys()].sort()).toEqual(['a', 'b', 'h']);
  });

  it('layered maps answer like one map', () => {
    const m = new LayeredMap(new Map([['x', 1]]), new Map([['y', 2]]));
    expect(m.has('x') && m.has('y') && !m.has('z')).toBe(true);
    const seen: string[] = [];
    m.forEach((v, k) => seen.push(`${k}${v}`));
    expect(seen.sort()).toEqual(['x1', 'y2']);
  });
});

describe('presence extras from other browsers', () => {
  it('reads hand, camera and group pick, and treats a bad value as absent', () => {
    expect(readExtras({ hand: 5, camera: { view: 'v', x: 1, y: 2, zoom: 1 }, groupPick: 'g' })).toEqual({
      hand: 5,
      camera: { view: 'v', x: 1, y: 2, zoom: 1 },
      groupPick: 'g',
    });
    expect(readExtras({ hand: 'up', camera: { view: 'v', x: 1, y: 2, zoom: -1 } })).toEqual({ hand: null, camera: null, groupPick: null });
    expect(readExtras(null)).toEqual({ hand: null, camera: null, groupPick: null });
  });
});
