import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, readShape, readShapes } from '../../shared/model/board-doc';
import { readList } from '../../client/sync/first-paint';

/**
 * The list of shapes a board page paints first is input like the document: seeded junk in every field of
 * real shapes, and bodies of every wrong form. readList never throws, keeps exactly the entries the
 * shared schemas accept (and as they read them), and drops the rest.
 */
function validShapes(): Record<string, unknown>[] {
  const doc = new Y.Doc();
  addShape(doc, { kind: 'note', id: 'note0000', pos: { x: 1, y: 2 }, text: 'A note', z: 'a0' });
  addShape(doc, { kind: 'process', id: 'proc0000', pos: { x: 100, y: 0 }, label: 'Pump firmware', z: 'a1' });
  addShape(doc, { kind: 'store', id: 'store000', pos: { x: 300, y: 0 }, label: 'Dose log', z: 'a2' });
  addShape(doc, { kind: 'flow', id: 'flow0000', from: 'proc0000', to: 'store000', label: 'dose', z: 'a3' });
  addShape(doc, { kind: 'threat', id: 'thr00000', pos: { x: 0, y: 300 }, stride: 'T', title: 'Tampered dose', z: 'a4' });
  addShape(doc, { kind: 'boundary', id: 'bound000', pos: { x: -50, y: -50 }, size: { w: 600, h: 500 }, label: 'Pump', z: 'a0' });
  const out = readShapes(doc).records as unknown as Record<string, unknown>[];
  expect(out).toHaveLength(6);
  return out;
}

function junk(gen: prng.PRNG, depth = 0): unknown {
  switch (prng.uint32(gen, 0, depth > 3 ? 7 : 10)) {
    case 0: return null;
    case 1: return prng.int31(gen, -(2 ** 31), 2 ** 31 - 1);
    case 2: return prng.oneOf(gen, [Number.MAX_VALUE, -0, 1e308, 0.5, -1]);
    case 3: return prng.word(gen, 0, 40);
    case 4: return 'x'.repeat(prng.uint32(gen, 0, 200_000));
    case 5: return prng.bool(gen);
    case 6: return prng.oneOf(gen, ['__proto__', 'constructor', 'toString', 'note', 'flow', '']);
    case 7: return [];
    case 8: return Array.from({ length: prng.uint32(gen, 0, 4) }, () => junk(gen, depth + 1));
    default: return Object.fromEntries(Array.from({ length: prng.uint32(gen, 0, 4) }, () => [prng.oneOf(gen, ['x', 'y', 'w', 'h', '__proto__', 'id', 'kind']), junk(gen, depth + 1)]));
  }
}

describe('the first-paint list as hostile input', () => {
  it('refuses bodies that are no list of shapes', () => {
    for (const body of [null, undefined, 0, 'shapes', [], {}, { shapes: null }, { shapes: 'x' }, { shapes: {} }, { shapes: { length: 3 } }, { shapes: new Array(50_001).fill(null) }]) {
      expect(readList(body)).toBeNull();
    }
    expect(readList({ shapes: [] })).toEqual([]);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: junk in real shapes' fields is dropped, never thrown, and what is kept is what the schemas read`, () => {
      const gen = prng.create(seed);
      const valid = validShapes();
      const entries: unknown[] = [];
      const untouched = new Set<string>();
      for (let i = 0; i < 400; i++) {
        const base: Record<string, unknown> = { ...prng.oneOf(gen, valid), id: `s${seed}-${String(i).padStart(5, '0')}` };
        const r = prng.uint32(gen, 0, 9);
        if (r === 0) entries.push(junk(gen));
        else if (r <= 3) {
          untouched.add(base.id as string);
          entries.push(base);
        } else {
          const keys = [...Object.keys(base), 'kind', 'id', 'pos', 'size', 'z', 'view', '__proto__'];
          for (let k = prng.uint32(gen, 1, 3); k > 0; k--) base[prng.oneOf(gen, keys)] = junk(gen);
          entries.push(JSON.parse(JSON.stringify(base)));
        }
      }
      const kept = readList({ shapes: entries })!;
      expect(kept).not.toBeNull();
      for (const s of kept) expect(readShape(s, s.id)).toEqual({ ok: true, value: s });
      const ids = new Set(kept.map((s) => s.id));
      for (const id of untouched) expect(ids.has(id), `valid shape ${id} kept`).toBe(true);
      expect(ids.size).toBeLessThan(entries.length);
    });
  }
});
