import { describe, expect, it } from 'vitest';
import { EntityShape, FlowShape, ProcessShape, StoreShape } from '../../shared/model/schema';
import { THREAT_LIBRARY } from '../../shared/threats/library';
import { suggestThreats, type Suggestion } from '../../shared/threats/suggest';

const cross = { crossesBoundary: true };
const inside = { crossesBoundary: false };

const badBle = FlowShape.parse({ id: 'f1', kind: 'flow', protocol: 'BLE', label: 'readings and commands' });
const goodBle = FlowShape.parse({ id: 'f2', kind: 'flow', protocol: 'BLE', encrypted: true, authenticated: true });

const total = (xs: Suggestion[]) => xs.reduce((n, x) => n + x.score, 0);

describe('suggestThreats for flows', () => {
  it('puts BLE tampering and information-disclosure entries on top for an unprotected BLE flow crossing a boundary', () => {
    const out = suggestThreats(badBle, cross);
    expect(out.length).toBeGreaterThan(0);
    const top = out.slice(0, 4);
    const topT = top.find((s) => s.entry.stride === 'T' && s.entry.tags.includes('BLE'));
    const topI = top.find((s) => s.entry.stride === 'I' && s.entry.tags.includes('BLE'));
    expect(topT).toBeDefined();
    expect(topI).toBeDefined();
    expect(topT?.reason).toMatch(/BLE/);
    expect(topT?.reason).toMatch(/unauthenticated/);
    expect(topT?.reason).toMatch(/trust boundary/);
    expect(topI?.reason).toMatch(/BLE/);
    expect(topI?.reason).toMatch(/unencrypted/);
    expect(out.map((s) => s.entry.id)).toEqual(expect.arrayContaining(['ble-command-tamper', 'ble-sniffing']));
  });

  it('suggests fewer or lower-scored entries for an encrypted, authenticated flow that stays inside', () => {
    const bad = suggestThreats(badBle, cross);
    const good = suggestThreats(goodBle, inside);
    expect(good.length).toBeLessThanOrEqual(bad.length);
    expect(Math.max(...good.map((s) => s.score))).toBeLessThan(Math.max(...bad.map((s) => s.score)));
    expect(total(good)).toBeLessThan(total(bad));
    for (const s of good) expect(s.reason).not.toMatch(/unauthenticated|unencrypted|trust boundary/);
    // Still about BLE, though.
    expect(good.every((s) => s.entry.tags.includes('BLE'))).toBe(true);
  });

  it('ranks a BLE entry above an unrelated one on the same flow', () => {
    const out = suggestThreats(badBle, cross, { limit: 50 });
    const ble = out.find((s) => s.entry.id === 'ble-command-tamper');
    const other = out.find((s) => s.entry.id === 'alarm-limits-widened');
    expect(ble && other && ble.score > other.score).toBe(true);
  });

  it('does not offer entries about another transport', () => {
    const out = suggestThreats(badBle, cross, { limit: 100 });
    expect(out.some((s) => s.entry.tags.includes('DICOM') || s.entry.tags.includes('HL7/FHIR'))).toBe(false);
    const dicom = suggestThreats(FlowShape.parse({ id: 'f', kind: 'flow', protocol: 'DICOM' }), cross, { limit: 100 });
    expect(dicom[0]?.entry.tags).toContain('DICOM');
    expect(dicom.some((s) => s.entry.tags.includes('BLE'))).toBe(false);
  });

  it('treats HTTPS crossing the internet as a cloud API flow', () => {
    const f = FlowShape.parse({ id: 'f', kind: 'flow', protocol: 'HTTPS', crossesInternet: true, encrypted: true, authenticated: true });
    const out = suggestThreats(f, cross);
    expect(out[0]?.entry.tags).toContain('cloud API');
    expect(out[0]?.reason).toMatch(/HTTPS/);
  });

  it('falls back to generic STRIDE-per-element prompts when nothing matches', () => {
    const f = FlowShape.parse({ id: 'f', kind: 'flow', encrypted: true, authenticated: true });
    const out = suggestThreats(f, inside);
    expect(out.map((s) => s.entry.stride)).toEqual(['T', 'I', 'D']);
    expect(out.every((s) => s.score === 0 && /STRIDE per element/.test(s.reason))).toBe(true);
  });
});

describe('suggestThreats for stores, processes and entities', () => {
  it('gives a log store repudiation and logging entries', () => {
    const log = StoreShape.parse({ id: 's', kind: 'store', isLog: true, label: 'Device event log' });
    const out = suggestThreats(log, inside);
    expect(out[0]?.entry.stride).toBe('R');
    expect(out.map((s) => s.entry.id)).toContain('audit-log-tampering');
    expect(out.filter((s) => s.entry.stride === 'R').length).toBeGreaterThanOrEqual(2);
    expect(out.every((s) => s.entry.tags.includes('logging'))).toBe(true);
  });

  it('never gives repudiation entries to a store that is not a log', () => {
    for (const holdsPatientData of [true, false]) {
      const s = StoreShape.parse({ id: 's', kind: 'store', holdsPatientData, label: 'audit records' });
      expect(suggestThreats(s, cross, { limit: 100 }).some((x) => x.entry.stride === 'R')).toBe(false);
    }
  });

  it('gives a store with patient data information-disclosure entries first', () => {
    const s = StoreShape.parse({ id: 's', kind: 'store', holdsPatientData: true });
    const out = suggestThreats(s, inside);
    expect(out[0]?.entry.stride).toBe('I');
    expect(out[0]?.reason).toMatch(/patient data/);
  });

  it('gives a phone process mobile app entries', () => {
    const p = ProcessShape.parse({ id: 'p', kind: 'process', runsOn: 'phone', label: 'Companion app' });
    const out = suggestThreats(p, inside);
    expect(out.length).toBeGreaterThanOrEqual(3);
    for (const s of out.slice(0, 3)) expect(s.entry.tags).toContain('mobile app');
    expect(out[0]?.reason).toMatch(/phone|app/);
    expect(out.map((s) => s.entry.id)).toEqual(expect.arrayContaining(['mobile-app-tampered']));
  });

  it('uses words in the label', () => {
    const p = ProcessShape.parse({ id: 'p', kind: 'process', label: 'Firmware update service' });
    const out = suggestThreats(p, inside);
    expect(out[0]?.entry.tags).toContain('firmware update');
    expect(out[0]?.reason).toMatch(/label mentions/);
  });

  it('suggests only S and R for an entity', () => {
    const e = EntityShape.parse({ id: 'e', kind: 'entity', label: 'Hospital EHR' });
    const out = suggestThreats(e, cross, { limit: 100 });
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((s) => s.entry.stride === 'S' || s.entry.stride === 'R')).toBe(true);
    expect(out[0]?.entry.id).toBe('hl7-forged-sender');
    const blank = suggestThreats(EntityShape.parse({ id: 'e2', kind: 'entity' }), inside);
    expect(blank.map((s) => s.entry.stride)).toEqual(['S', 'R']);
  });

  it('boosts elements that cross a trust boundary', () => {
    const p = ProcessShape.parse({ id: 'p', kind: 'process', runsOn: 'cloud' });
    const a = suggestThreats(p, inside);
    const b = suggestThreats(p, cross);
    expect(b[0]!.score).toBeGreaterThan(a[0]!.score);
    expect(b[0]?.reason).toMatch(/trust boundary/);
  });
});

describe('suggestThreats options and invariants', () => {
  it('removes excluded entries and refills the list', () => {
    const base = suggestThreats(badBle, cross);
    const drop = base.slice(0, 2).map((s) => s.entry.id);
    const out = suggestThreats(badBle, cross, { exclude: new Set(drop) });
    for (const id of drop) expect(out.map((s) => s.entry.id)).not.toContain(id);
    expect(out.length).toBe(base.length);
    expect(suggestThreats(badBle, cross, { exclude: drop }).map((s) => s.entry.id)).toEqual(out.map((s) => s.entry.id));
  });

  it('respects the limit (default 8)', () => {
    expect(suggestThreats(badBle, cross)).toHaveLength(8);
    expect(suggestThreats(badBle, cross, { limit: 3 })).toHaveLength(3);
    expect(suggestThreats(badBle, cross, { limit: 0 })).toEqual([]);
  });

  it('is deterministic and sorted by score, then id', () => {
    const a = suggestThreats(badBle, cross, { limit: 100 });
    const b = suggestThreats(badBle, cross, { limit: 100 });
    expect(b).toEqual(a);
    for (let i = 1; i < a.length; i++) {
      const prev = a[i - 1]!;
      const cur = a[i]!;
      expect(prev.score > cur.score || (prev.score === cur.score && prev.entry.id < cur.entry.id)).toBe(true);
    }
    expect(a.every((s) => s.score > 0 && s.reason.length > 0)).toBe(true);
  });

  it('never suggests an entry whose appliesTo lacks the element kind', () => {
    const elements = [
      EntityShape.parse({ id: 'e', kind: 'entity', label: 'Clinician portal user with BLE phone' }),
      EntityShape.parse({ id: 'e', kind: 'entity' }),
      ...(['', 'device', 'phone', 'cloud', 'hospital', 'other'] as const).map((runsOn) =>
        ProcessShape.parse({ id: 'p', kind: 'process', runsOn, label: 'update log alarm backup' }),
      ),
      ...[true, false].flatMap((isLog) =>
        [true, false].map((holdsPatientData) => StoreShape.parse({ id: 's', kind: 'store', isLog, holdsPatientData, label: 'BLE USB firmware' })),
      ),
      ...(['', 'BLE', 'Wi-Fi', 'HTTPS', 'HL7', 'FHIR', 'DICOM', 'USB', 'other'] as const).flatMap((protocol) =>
        [true, false].map((flag) =>
          FlowShape.parse({ id: 'f', kind: 'flow', protocol, encrypted: flag, authenticated: !flag, crossesInternet: flag, label: 'alarm phone' }),
        ),
      ),
    ];
    for (const el of elements) {
      for (const ctx of [cross, inside]) {
        const out = suggestThreats(el, ctx, { limit: THREAT_LIBRARY.length });
        expect(out.length, `${el.kind}`).toBeGreaterThan(0);
        for (const s of out) expect(s.entry.appliesTo, `${s.entry.id} on ${el.kind}`).toContain(el.kind);
        expect(new Set(out.map((s) => s.entry.id)).size).toBe(out.length);
      }
    }
  });
});

describe('HTTPS flows', () => {
  it('get HL7/FHIR or DICOM entries only when their words say they carry that', () => {
    const upload = FlowShape.parse({ id: 'up', kind: 'flow', label: 'Reading upload', protocol: 'HTTPS', crossesInternet: true });
    const tags = suggestThreats(upload, { crossesBoundary: true }, { limit: 50 }).flatMap((s) => s.entry.tags);
    expect(tags).not.toContain('DICOM');
    expect(tags).not.toContain('HL7/FHIR');
    const fhir = FlowShape.parse({ id: 'f', kind: 'flow', label: 'FHIR results to EHR', protocol: 'HTTPS' });
    expect(suggestThreats(fhir, { crossesBoundary: true }, { limit: 50 }).some((s) => s.entry.tags.includes('HL7/FHIR'))).toBe(true);
  });
});
