import { describe, expect, it } from 'vitest';
import type { Rect } from '../../shared/model/geometry';
import { flowLabels } from '../../shared/model/labels';
import { placeBeside, placeThreatNote } from '../../shared/model/placement';
import { NOTE_SIZE, Shape } from '../../shared/model/schema';

const box = (id: string, x: number, y: number, w = 140, h = 80) => Shape.parse({ id, kind: 'process', pos: { x, y }, size: { w, h }, label: id });
const note = (id: string, x: number, y: number) => Shape.parse({ id, kind: 'threat', pos: { x, y }, size: NOTE_SIZE, stride: 'T', elements: [] });
const flow = (id: string, from: string, to: string, label: string) => Shape.parse({ id, kind: 'flow', from, to, label });
const boundary = (id: string, x: number, y: number, w: number, h: number) => Shape.parse({ id, kind: 'boundary', pos: { x, y }, size: { w, h } });

const overlap = (a: Rect, b: Rect) => Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);
const noteRect = (p: { x: number; y: number }): Rect => ({ ...p, ...NOTE_SIZE });
const rect = (s: Shape): Rect => ('pos' in s ? { ...s.pos, ...s.size } : { x: 0, y: 0, w: 0, h: 0 });
const gap = (a: Rect, b: Rect) => Math.hypot(Math.max(0, b.x - a.x - a.w, a.x - b.x - b.w), Math.max(0, b.y - a.y - a.h, a.y - b.y - b.h));

/** Add `n` threats to `element` one after another, as one person clicking "Add" n times would. */
function addThreats(shapes: Shape[], element: string, n: number): Shape[] {
  const out = [...shapes];
  for (let i = 0; i < n; i++) {
    const id = `threat-${i}`;
    const at = placeThreatNote(id, element, out);
    expect(at).not.toBeNull();
    out.push(Shape.parse({ id, kind: 'threat', pos: at, size: NOTE_SIZE, stride: 'T', elements: [element] }));
  }
  return out;
}

describe('placing a new threat note', () => {
  it('puts five notes for one element beside it, overlapping no shape, label or other note', () => {
    const shapes: Shape[] = [box('pump', 400, 300), box('phone', 800, 300), box('cloud', 400, 40), flow('f1', 'pump', 'phone', 'Bolus command'), note('old', 560, 420)];
    const after = addThreats(shapes, 'pump', 5);
    const added = after.slice(shapes.length);
    const pill = flowLabels(after).get('f1')!.rect;
    for (const [i, t] of added.entries()) {
      const r = rect(t);
      for (const other of after) if (other.id !== t.id && other.kind !== 'flow') expect(overlap(r, rect(other)), `${t.id} overlaps ${other.id}`).toBe(false);
      expect(overlap(r, pill), `${t.id} covers the flow's label`).toBe(false);
      // Near: within two note widths of the element.
      expect(gap(r, rect(shapes[0]!)), `threat ${i} is far from its element`).toBeLessThanOrEqual(2 * NOTE_SIZE.w);
    }
  });

  it('is deterministic: the same board and id give the same place', () => {
    const shapes = [box('pump', 0, 0), box('phone', 400, 0), flow('f1', 'pump', 'phone', 'Dose')];
    expect(placeThreatNote('abc', 'pump', shapes)).toEqual(placeThreatNote('abc', 'pump', shapes));
  });

  it('lets the id choose among equally near places, so two people adding at once do not stack', () => {
    const shapes = [box('pump', 0, 0)];
    const places = new Set(Array.from({ length: 40 }, (_, i) => JSON.stringify(placeThreatNote(`id-${i}`, 'pump', shapes))));
    expect(places.size).toBeGreaterThan(1);
  });

  it('never sits on a trust boundary line: inside or outside it', () => {
    const zone = boundary('zone', -40, -40, 220, 160);
    const shapes = [zone, box('pump', 0, 0)];
    for (let i = 0; i < 10; i++) {
      const r = noteRect(placeThreatNote(`t${i}`, 'pump', shapes)!);
      const z = rect(zone);
      const inside = r.x >= z.x && r.y >= z.y && r.x + r.w <= z.x + z.w && r.y + r.h <= z.y + z.h;
      expect(inside || !overlap(r, z)).toBe(true);
    }
  });

  it('goes beside a flow\'s label for a threat on a flow', () => {
    const shapes = [box('a', 0, 0), box('b', 600, 0), flow('f', 'a', 'b', 'Telemetry')];
    const r = noteRect(placeThreatNote('t', 'f', shapes)!);
    const pill = flowLabels(shapes).get('f')!.rect;
    expect(overlap(r, pill)).toBe(false);
    expect(gap(r, pill)).toBeLessThanOrEqual(40);
  });

  it('falls back to the right of everything when all around is taken', () => {
    const wall: Rect = { x: -2000, y: -2000, w: 4000, h: 4000 };
    const at = placeBeside({ id: 'x', anchor: { x: 0, y: 0, w: 100, h: 50 }, obstacles: [wall] });
    expect(at.x).toBeGreaterThanOrEqual(2000);
  });
});

describe('flow labels', () => {
  it('move along the line off an element that sits on the middle', () => {
    const shapes = [box('a', 0, 0), box('b', 800, 0), box('middle', 400, 10, 60, 60), flow('f', 'a', 'b', 'Firmware image')];
    const label = flowLabels(shapes).get('f')!;
    expect(overlap(label.rect, rect(shapes[2]!))).toBe(false);
    expect(label.at.y).toBeCloseTo(40);
  });

  it('do not cover each other when two flows share a middle', () => {
    const shapes = [box('a', 0, 0), box('b', 600, 0), flow('f1', 'a', 'b', 'Request'), flow('f2', 'b', 'a', 'Response')];
    const labels = flowLabels(shapes);
    expect(overlap(labels.get('f1')!.rect, labels.get('f2')!.rect)).toBe(false);
  });
});
