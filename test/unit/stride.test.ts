import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, boardMaps, readShapes } from '../../shared/model/board-doc';
import { Shape } from '../../shared/model/schema';
import { numberThreats, threatLabel } from '../../shared/threats/numbering';
import { applicableStride, strideCoverage } from '../../shared/threats/stride';

const s = (raw: Record<string, unknown>) => Shape.parse(raw);

describe('STRIDE per element', () => {
  it('applies the categories of the DFD kind', () => {
    expect(applicableStride(s({ id: 'e', kind: 'entity' }) as never)).toEqual(['S', 'R']);
    expect(applicableStride(s({ id: 'p', kind: 'process' }) as never)).toEqual(['S', 'T', 'R', 'I', 'D', 'E']);
    expect(applicableStride(s({ id: 'd', kind: 'store' }) as never)).toEqual(['T', 'I', 'D']);
    expect(applicableStride(s({ id: 'l', kind: 'store', isLog: true }) as never)).toEqual(['T', 'R', 'I', 'D']);
    expect(applicableStride(s({ id: 'f', kind: 'flow' }) as never)).toEqual(['T', 'I', 'D']);
  });
});

describe('coverage', () => {
  const shapes = [
    s({ id: 'zone', kind: 'boundary', pos: { x: -10, y: -10 }, size: { w: 150, h: 100 } }),
    s({ id: 'sensor', kind: 'process', label: 'Sensor', pos: { x: 0, y: 0 }, size: { w: 100, h: 50 } }),
    s({ id: 'phone', kind: 'process', label: 'Phone', pos: { x: 400, y: 0 }, size: { w: 100, h: 50 } }),
    s({ id: 'ble', kind: 'flow', label: 'BLE', from: 'sensor', to: 'phone' }),
    s({ id: 'legacy', kind: 'entity', label: 'Legacy', outOfScope: true }),
    s({ id: 't1', kind: 'threat', stride: 'T', elements: ['ble'] }),
    s({ id: 't2', kind: 'threat', stride: 'I', elements: ['ble'], status: 'not-applicable' }),
    s({ id: 't3', kind: 'threat', stride: 'S', elements: ['sensor'], status: 'mitigated' }),
  ];
  const rows = strideCoverage(shapes);

  it('lists in-scope elements with boundary-crossing flows first', () => {
    expect(rows.map((r) => r.element.id)).toEqual(['ble', 'phone', 'sensor']);
    expect(rows[0]!.crosses).toEqual(['zone']);
  });

  it('marks covered letters and gaps; not-applicable threats do not cover', () => {
    const ble = rows[0]!;
    expect(ble.covered).toEqual(['T']);
    expect(ble.gaps).toEqual(['I', 'D']);
    expect(ble.open).toEqual({ T: 1 });
    const sensor = rows.find((r) => r.element.id === 'sensor')!;
    expect(sensor.covered).toEqual(['S']);
    expect(sensor.open).toEqual({});
  });
});

describe('threat numbering', () => {
  const threat = (doc: Y.Doc, id: string, createdAt: number) => addShape(doc, { kind: 'threat', id, createdAt, title: id });
  const nums = (doc: Y.Doc) =>
    Object.fromEntries(readShapes(doc).records.flatMap((r) => (r.kind === 'threat' ? [[r.id, r.num]] : [])));

  it('gives unique numbers to threats created offline in two documents once merged', () => {
    const server = new Y.Doc();
    threat(server, 'existing', 1);
    numberThreats(server);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(server));
    threat(a, 'a1', 10);
    threat(a, 'a2', 11);
    threat(b, 'b1', 10);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(b));
    expect(numberThreats(server)).toBe(3);
    const n = nums(server);
    expect(n.existing).toBe(1);
    expect(new Set(Object.values(n)).size).toBe(4);
    expect(Object.values(n).sort()).toEqual([1, 2, 3, 4]);
    expect(threatLabel(n.a1!)).toMatch(/^T-\d$/);
    expect(numberThreats(server)).toBe(0);
  });

  it('repairs a duplicate deterministically: the earlier threat keeps its number', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    threat(a, 'early', 5);
    threat(b, 'late', 9);
    numberThreats(a);
    numberThreats(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    numberThreats(a);
    numberThreats(b);
    expect(nums(a)).toEqual({ early: 1, late: 2 });
    expect(nums(b)).toEqual(nums(a));
    expect(boardMaps(a).shapes.size).toBe(2);
  });
});
