import { describe, expect, it } from 'vitest';
import { boundaryCrossings, borderPoint, flowPoints, hitTest, pointInPolygon, polylineCrossesPolygon, rectPolygon, segmentsIntersect } from '../../shared/model/geometry';
import { Shape, type FlowShape } from '../../shared/model/schema';

const box = (id: string, kind: 'entity' | 'process' | 'store', x: number, y: number, view = 'main') =>
  Shape.parse({ id, kind, pos: { x, y }, size: { w: 100, h: 50 }, label: id, view });
const flow = (id: string, from: string | null, to: string | null, extra: Partial<FlowShape> = {}) =>
  Shape.parse({ id, kind: 'flow', from, to, ...extra }) as FlowShape;
const boundary = (id: string, x: number, y: number, w: number, h: number, view = 'main') =>
  Shape.parse({ id, kind: 'boundary', pos: { x, y }, size: { w, h }, view });

describe('segments and polygons', () => {
  it('detect crossing, touching and disjoint segments', () => {
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 })).toBe(true);
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 5 })).toBe(true);
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 1 }, { x: 10, y: 1 })).toBe(false);
  });

  it('tell inside from outside of a polygon', () => {
    const square = rectPolygon({ x: 0, y: 0, w: 10, h: 10 });
    expect(pointInPolygon({ x: 5, y: 5 }, square)).toBe(true);
    expect(pointInPolygon({ x: 15, y: 5 }, square)).toBe(false);
    const l = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 4 }, { x: 4, y: 4 }, { x: 4, y: 10 }, { x: 0, y: 10 }];
    expect(pointInPolygon({ x: 7, y: 7 }, l)).toBe(false);
    expect(pointInPolygon({ x: 2, y: 7 }, l)).toBe(true);
  });

  it('say a polyline crosses when it changes side or passes through', () => {
    const square = rectPolygon({ x: 0, y: 0, w: 10, h: 10 });
    expect(polylineCrossesPolygon([{ x: 5, y: 5 }, { x: 20, y: 5 }], square)).toBe(true);
    expect(polylineCrossesPolygon([{ x: -5, y: 5 }, { x: 20, y: 5 }], square)).toBe(true);
    expect(polylineCrossesPolygon([{ x: 2, y: 2 }, { x: 8, y: 8 }], square)).toBe(false);
    expect(polylineCrossesPolygon([{ x: -5, y: -5 }, { x: -5, y: 20 }], square)).toBe(false);
  });
});

describe('flows on the diagram', () => {
  it('end on the border of their elements and follow them', () => {
    const a = box('a', 'entity', 0, 0);
    const b = box('b', 'process', 300, 0);
    const f = flow('f', 'a', 'b');
    const index = new Map<string, Shape>([[a.id, a], [b.id, b], [f.id, f]]);
    expect(flowPoints(f, index)).toEqual([{ x: 100, y: 25 }, { x: 300, y: 25 }]);
    const moved = box('b', 'process', 300, 200);
    index.set('b', moved);
    const [start, end] = flowPoints(f, index);
    // The end now sits on the top edge of the moved element, the start on the border of the other.
    expect(end!.y).toBe(200);
    expect(end!.x).toBeGreaterThan(300);
    expect(end!.x).toBeLessThan(400);
    expect(start!.x === 100 || start!.y === 50).toBe(true);
    expect(borderPoint({ x: 0, y: 0, w: 100, h: 50 }, { x: 50, y: 25 })).toEqual({ x: 50, y: 25 });
  });

  it('use the free point of a detached end', () => {
    const a = box('a', 'entity', 0, 0);
    const f = flow('f', 'a', null, { toPt: { x: 500, y: 25 } });
    expect(flowPoints(f, new Map([[a.id, a]]))).toEqual([{ x: 100, y: 25 }, { x: 500, y: 25 }]);
  });

  it('are flagged when they cross a trust boundary of their own view only', () => {
    const shapes = [
      boundary('home', -20, -20, 200, 100),
      box('sensor', 'process', 0, 0),
      box('phone', 'process', 400, 0),
      box('store', 'store', 40, 10),
      flow('ble', 'sensor', 'phone'),
      flow('local', 'sensor', 'store'),
      boundary('elsewhere', 300, -50, 300, 200, 'other'),
    ];
    const crossings = boundaryCrossings(shapes);
    expect(crossings.get('ble')).toEqual(['home']);
    expect(crossings.has('local')).toBe(false);
  });
});

describe('hit testing', () => {
  it('finds the topmost shape, flows near their line, boundaries only at their outline', () => {
    const shapes = [boundary('zone', 0, 0, 400, 400), box('a', 'entity', 50, 50), box('b', 'process', 250, 50), flow('f', 'a', 'b')];
    expect(hitTest(shapes, { x: 60, y: 60 })?.id).toBe('a');
    expect(hitTest(shapes, { x: 200, y: 77 })?.id).toBe('f');
    expect(hitTest(shapes, { x: 200, y: 300 })).toBeUndefined();
    expect(hitTest(shapes, { x: 2, y: 200 })?.id).toBe('zone');
  });
});
