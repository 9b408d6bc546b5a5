import { describe, expect, it } from 'vitest';
import { Mitigation, Shape, ThreatShape, type Exploitability, type Severity } from '../../shared/model/schema';
import {
  EXPLOITABILITY_SCALE,
  matrixCell,
  RISK_LEVELS,
  riskAfter,
  riskBefore,
  riskLevel,
  riskMatrixCounts,
  SEVERITY_SCALE,
} from '../../shared/risk/matrix';
import { reviewFindings } from '../../shared/risk/review';

const threat = (fields: Record<string, unknown>) => ThreatShape.parse({ kind: 'threat', ...fields });

describe('risk matrix', () => {
  // The documented table (shared/risk/matrix.ts), written out cell by cell.
  const expected: Record<Exclude<Severity, ''>, [string, string, string]> = {
    negligible: ['low', 'low', 'medium'],
    minor: ['low', 'medium', 'medium'],
    serious: ['medium', 'medium', 'high'],
    critical: ['medium', 'high', 'critical'],
    catastrophic: ['high', 'critical', 'critical'],
  };

  it('gives the documented level in each of the 15 cells', () => {
    for (const sev of SEVERITY_SCALE) {
      EXPLOITABILITY_SCALE.forEach((exp, i) => {
        expect(riskLevel(sev, exp), `${sev} × ${exp}`).toBe(expected[sev][i]);
      });
    }
  });

  it('never lowers the level when either input rises', () => {
    const rank = (l: string) => RISK_LEVELS.indexOf(l as never);
    for (let s = 0; s < SEVERITY_SCALE.length; s++) {
      for (let e = 0; e < EXPLOITABILITY_SCALE.length; e++) {
        const here = rank(riskLevel(SEVERITY_SCALE[s]!, EXPLOITABILITY_SCALE[e]!));
        if (s + 1 < SEVERITY_SCALE.length) expect(rank(riskLevel(SEVERITY_SCALE[s + 1]!, EXPLOITABILITY_SCALE[e]!))).toBeGreaterThanOrEqual(here);
        if (e + 1 < EXPLOITABILITY_SCALE.length) expect(rank(riskLevel(SEVERITY_SCALE[s]!, EXPLOITABILITY_SCALE[e + 1]!))).toBeGreaterThanOrEqual(here);
      }
    }
  });

  it('is unassessed when either input is', () => {
    const cases: [Severity, Exploitability][] = [
      ['', ''],
      ['catastrophic', ''],
      ['', 'high'],
    ];
    for (const [s, e] of cases) expect(riskLevel(s, e)).toBe('');
    expect(riskBefore(threat({ id: 't' }))).toBe('');
    expect(riskAfter(threat({ id: 't' }))).toBe('');
  });

  it('computes residual risk, each residual input falling back to its value before', () => {
    const t = threat({ id: 't', severity: 'catastrophic', exploitability: 'high' });
    expect(riskBefore(t)).toBe('critical');
    expect(riskAfter(t)).toBe('critical');
    expect(riskAfter({ ...t, residualExploitability: 'low' })).toBe('high');
    expect(riskAfter({ ...t, residualSeverity: 'minor' })).toBe('medium');
    expect(riskAfter({ ...t, residualSeverity: 'negligible', residualExploitability: 'low' })).toBe('low');
  });

  it('counts threats per cell before and after, leaving out not-applicable ones', () => {
    const threats = [
      threat({ id: 'a', severity: 'serious', exploitability: 'high', residualExploitability: 'low' }),
      threat({ id: 'b', severity: 'serious', exploitability: 'high' }),
      threat({ id: 'c', severity: 'minor' }),
      threat({ id: 'd', severity: 'catastrophic', exploitability: 'high', status: 'not-applicable' }),
    ];
    const before = riskMatrixCounts(threats, 'before');
    expect(before.cells).toHaveLength(15);
    expect(before.cells[0]).toMatchObject({ severity: 'catastrophic', exploitability: 'low' });
    expect(matrixCell(before, 'serious', 'high')).toMatchObject({ count: 2, level: 'high', threatIds: ['a', 'b'] });
    expect(matrixCell(before, 'catastrophic', 'high').count).toBe(0);
    expect(before.unassessed).toEqual(['c']);
    expect(before.cells.reduce((n, c) => n + c.count, 0)).toBe(2);
    const after = riskMatrixCounts(threats, 'after');
    expect(matrixCell(after, 'serious', 'high').threatIds).toEqual(['b']);
    expect(matrixCell(after, 'serious', 'low')).toMatchObject({ count: 1, level: 'medium', threatIds: ['a'] });
  });
});

describe('review checklist', () => {
  const shapes = [
    Shape.parse({ id: 'zone', kind: 'boundary', pos: { x: -10, y: -10 }, size: { w: 150, h: 100 } }),
    Shape.parse({ id: 'sensor', kind: 'process', label: 'Sensor', pos: { x: 0, y: 0 }, size: { w: 100, h: 50 } }),
    Shape.parse({ id: 'phone', kind: 'entity', label: 'Phone', pos: { x: 400, y: 0 }, size: { w: 100, h: 50 } }),
    Shape.parse({ id: 'ble', kind: 'flow', label: 'BLE', from: 'sensor', to: 'phone' }),
    Shape.parse({ id: 'inside', kind: 'flow', label: 'Internal', fromPt: { x: 0, y: 0 }, toPt: { x: 10, y: 10 } }),
    threat({ id: 't1', num: 1, title: 'No strategy', stride: 'T', elements: ['ble'], owner: 'Ann', mitigations: [{ id: 'm1' }] }),
    threat({ id: 't2', num: 2, title: 'Accepted silently', stride: 'S', elements: ['phone'], strategy: 'accept', status: 'accepted', owner: 'Bo' }),
    threat({ id: 't3', num: 3, title: 'Open, nothing done', stride: 'R', elements: ['sensor'], strategy: 'mitigate', owner: 'Cy', mitigations: [{ id: 'gone' }] }),
    threat({ id: 't4', num: 4, title: 'Not applicable', status: 'not-applicable' }),
    threat({ id: 't5', num: 5, title: 'Transferred with reason', strategy: 'transfer', status: 'transferred', rationale: 'Hospital IT runs the network', owner: 'Di' }),
  ];
  const mitigations = [
    Mitigation.parse({ id: 'm1', num: 1, title: 'Signed updates', owner: 'Eve', verification: 'TC-1' }),
    Mitigation.parse({ id: 'm2', num: 2, title: 'Rate limit' }),
  ];
  const findings = reviewFindings({ shapes, mitigations });
  const of = (kind: string) => findings.filter((f) => f.kind === kind).map((f) => f.itemId);

  it('finds threats with no strategy, except not-applicable ones', () => {
    expect(of('no-strategy')).toEqual(['t1']);
  });

  it('finds accepted or transferred threats with no rationale', () => {
    expect(of('no-rationale')).toEqual(['t2']);
    expect(findings.find((f) => f.kind === 'no-rationale')!.message).toMatch(/T-2 "Accepted silently" is accepted without a written rationale/);
  });

  it('finds open threats with no existing mitigation linked', () => {
    expect(of('no-mitigation')).toEqual(['t3']);
  });

  it('finds STRIDE gaps on elements and on boundary-crossing flows only', () => {
    expect(of('stride-gap').sort()).toEqual(['ble', 'phone', 'sensor']);
    const ble = findings.find((f) => f.itemId === 'ble')!;
    expect(ble).toMatchObject({ itemKind: 'element', view: 'main' });
    expect(ble.message).toMatch(/crosses a trust boundary/);
    expect(ble.message).toMatch(/I \(Information disclosure\), D \(Denial of service\)/);
    expect(findings.find((f) => f.itemId === 'phone')!.message).toMatch(/no threat for R \(Repudiation\)/);
  });

  it('finds mitigations with no verification and unowned items', () => {
    expect(of('unverified-mitigation')).toEqual(['m2']);
    expect(of('unowned-mitigation')).toEqual(['m2']);
    expect(of('unowned-threat')).toEqual([]);
    const more = reviewFindings({ shapes: [threat({ id: 'x', strategy: 'eliminate' })], mitigations: [] });
    expect(more.map((f) => [f.kind, f.itemKind])).toEqual([
      ['no-mitigation', 'threat'],
      ['unowned-threat', 'threat'],
    ]);
  });

  it('reports nothing for a board with nothing to review', () => {
    expect(reviewFindings({ shapes: [], mitigations: [] })).toEqual([]);
  });
});
