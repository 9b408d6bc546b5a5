import { describe, expect, it } from 'vitest';
import { clipboardPayload, copyRecords, parseClipboard, pasteRecords } from '../../shared/model/clipboard';
import { Shape, type ShapeInput } from '../../shared/model/schema';

const mk = (input: ShapeInput): Shape => Shape.parse(input);

function board() {
  const a = mk({ kind: 'entity', id: 'a', z: 'a1', pos: { x: 0, y: 0 }, size: { w: 100, h: 50 }, label: 'Clinician' });
  const b = mk({ kind: 'process', id: 'b', z: 'a2', pos: { x: 300, y: 0 }, size: { w: 100, h: 50 }, label: 'Cloud API' });
  const c = mk({ kind: 'store', id: 'c', z: 'a3', pos: { x: 300, y: 200 }, size: { w: 100, h: 50 }, label: 'DB' });
  const ab = mk({ kind: 'flow', id: 'ab', z: 'a4', from: 'a', to: 'b', bends: [{ x: 200, y: -40 }], label: 'Settings' });
  const bc = mk({ kind: 'flow', id: 'bc', z: 'a5', from: 'b', to: 'c', label: 'Readings' });
  const t = mk({ kind: 'threat', id: 't', z: 'a6', pos: { x: 500, y: 0 }, stride: 'S', title: 'Rogue app', elements: ['b', 'c'], num: 4 });
  const all = [a, b, c, ab, bc, t];
  return new Map(all.map((s) => [s.id, s] as const));
}

let counter = 0;
const ids = () => `n${++counter}`;

describe('copyRecords', () => {
  it('adds flows whose two ends are both copied, and nothing else', () => {
    const copied = copyRecords(['a', 'b'], board());
    expect(copied.map((s) => s.id)).toEqual(['a', 'b', 'ab']);
  });

  it('turns the end of a copied flow whose element stays behind into a free end where it was drawn', () => {
    const [flow] = copyRecords(['bc'], board());
    expect(flow).toMatchObject({ kind: 'flow', from: null, to: null });
    if (flow?.kind !== 'flow') throw new Error('not a flow');
    // b is at (300,0) 100×50, c at (300,200): the line leaves b's bottom edge and enters c's top edge.
    expect(flow.fromPt).toEqual({ x: 350, y: 50 });
    expect(flow.toPt).toEqual({ x: 350, y: 200 });
  });
});

describe('pasteRecords', () => {
  it('gives fresh ids, re-points flow ends and threat elements to the copies, moves everything by the offset', () => {
    const index = board();
    const copied = copyRecords(['a', 'b', 't'], index);
    const pasted = pasteRecords(copied, {
      view: 'main',
      offset: { x: 20, y: 20 },
      zKeys: ['b1', 'b2', 'b3', 'b4'],
      newId: ids,
      createdBy: 'u1',
      now: 5,
      target: index,
    });
    const byOld = new Map(copied.map((c, i) => [c.id, pasted[i]!]));
    const a2 = byOld.get('a')!;
    const b2 = byOld.get('b')!;
    const flow = byOld.get('ab')!;
    const threat = byOld.get('t')!;
    expect(new Set(pasted.map((p) => p.id)).size).toBe(4);
    for (const p of pasted) expect(index.has(p.id)).toBe(false);
    expect(a2).toMatchObject({ pos: { x: 20, y: 20 }, z: 'b1', createdBy: 'u1' });
    expect(flow).toMatchObject({ from: a2.id, to: b2.id, bends: [{ x: 220, y: -20 }] });
    // The threat follows the copied process and keeps its link to the store that was not copied.
    expect(threat).toMatchObject({ kind: 'threat', elements: [b2.id, 'c'], num: 0 });
  });

  it('drops threat links to elements that do not exist in the target view', () => {
    const index = board();
    const copied = copyRecords(['t'], index);
    const [threat] = pasteRecords(copied, { view: 'other', offset: { x: 0, y: 0 }, zKeys: ['b1'], newId: ids, createdBy: '', now: 0, target: index });
    expect(threat).toMatchObject({ view: 'other', elements: [] });
  });
});

describe('parseClipboard', () => {
  it('round-trips a payload and drops invalid records', () => {
    const copied = copyRecords(['a', 'ab', 'b'], board());
    const text = JSON.stringify({ ...clipboardPayload(copied), shapes: [...copied, { kind: 'note', id: '' }] });
    expect(parseClipboard(text)?.map((s) => s.id)).toEqual(['a', 'b', 'ab']);
  });

  it('ignores text that is not ours', () => {
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"type":"something"}')).toBeNull();
    expect(parseClipboard(null)).toBeNull();
  });
});
