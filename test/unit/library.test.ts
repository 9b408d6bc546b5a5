import { describe, expect, it } from 'vitest';
import { STRIDE, type Stride } from '../../shared/model/schema';
import { LIBRARY_TAGS, LibraryDataSchema, THREAT_LIBRARY, libraryEntry, type ElementKind } from '../../shared/threats/library';
import { LIBRARY_DATA } from '../../shared/threats/library-data';
import { searchLibrary, searchLibraryHits } from '../../shared/threats/library-search';

/** STRIDE per element, restated here so the test does not check the library against itself. */
const ALLOWED: Record<ElementKind, Stride[]> = {
  entity: ['S', 'R'],
  process: ['S', 'T', 'R', 'I', 'D', 'E'],
  store: ['T', 'I', 'D', 'R'], // R only for log entries (checked below)
  flow: ['T', 'I', 'D'],
};

describe('threat library contents', () => {
  it('has at least 48 entries with unique, stable-looking ids', () => {
    expect(THREAT_LIBRARY.length).toBeGreaterThanOrEqual(48);
    const ids = THREAT_LIBRARY.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThanOrEqual(64); // fits ThreatShape.libraryId
    }
  });

  it('covers every STRIDE letter at least 5 times', () => {
    for (const s of STRIDE) {
      expect(THREAT_LIBRARY.filter((x) => x.stride === s).length, `letter ${s}`).toBeGreaterThanOrEqual(5);
    }
  });

  it('uses only known tags, and every tag at least twice', () => {
    const known = new Set<string>(LIBRARY_TAGS);
    for (const x of THREAT_LIBRARY) for (const t of x.tags) expect(known.has(t), `${x.id}: ${t}`).toBe(true);
    for (const t of LIBRARY_TAGS) {
      expect(THREAT_LIBRARY.filter((x) => x.tags.includes(t)).length, `tag ${t}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps appliesTo consistent with STRIDE per element', () => {
    for (const x of THREAT_LIBRARY) {
      expect(x.appliesTo.length, x.id).toBeGreaterThan(0);
      expect(new Set(x.appliesTo).size, x.id).toBe(x.appliesTo.length);
      for (const kind of x.appliesTo) {
        expect(ALLOWED[kind], `${x.id}: ${x.stride} on ${kind}`).toContain(x.stride);
        if (kind === 'store' && x.stride === 'R') expect(x.tags, `${x.id}: R on a store must be about logs`).toContain('logging');
      }
    }
    // Flows are never spoofed in this model; spoofing sits on the entity or process at the end of the flow.
    expect(THREAT_LIBRARY.some((x) => x.stride === 'S' && x.appliesTo.includes('flow'))).toBe(false);
  });

  it('gives every entry a title, a description and 2–4 mitigations', () => {
    for (const x of THREAT_LIBRARY) {
      expect(x.title.trim().length, x.id).toBeGreaterThan(5);
      expect(x.title.length, x.id).toBeLessThanOrEqual(300);
      expect(x.description.trim().length, x.id).toBeGreaterThan(40);
      expect(x.mitigations.length, x.id).toBeGreaterThanOrEqual(2);
      expect(x.mitigations.length, x.id).toBeLessThanOrEqual(4);
      for (const m of x.mitigations) expect(m.trim().length, x.id).toBeGreaterThan(10);
    }
  });

  it('uses well-formed references', () => {
    for (const x of THREAT_LIBRARY) {
      for (const n of x.capec ?? []) expect(Number.isInteger(n) && n > 0, `${x.id}: CAPEC ${n}`).toBe(true);
      for (const t of x.emb3d ?? []) expect(t, x.id).toMatch(/^TID-\d{3}$/);
    }
  });

  it('covers the key medical-device surfaces', () => {
    for (const id of [
      'ble-rogue-phone-pairing',
      'ble-command-replay',
      'ble-jamming',
      'ble-battery-drain',
      'fw-unsigned-image',
      'fw-downgrade',
      'update-during-therapy',
      'build-pipeline-compromise',
      'update-server-spoofed',
      'cloud-broken-object-auth',
      'portal-credential-stuffing',
      'dicom-embedded-malware',
      'hl7-forged-sender',
      'debug-port-access',
      'usb-malicious-media',
      'flat-network-lateral-movement',
      'workstation-ransomware',
      'no-therapy-audit-trail',
      'audit-log-tampering',
      'logs-contain-phi',
      'log-flooding',
      'alarm-suppression',
      'backup-restore-tampered',
      'fault-injection',
      'side-channel-key-recovery',
      'manufacture-modification',
      'portal-to-service-mode',
      'app-sandbox-escape',
      'missing-authz-programming',
      'clinician-disputes-change',
      'shared-accounts',
    ]) {
      expect(libraryEntry(id), id).toBeDefined();
    }
  });
});

describe('libraryEntry', () => {
  it('finds by id and returns undefined for unknown ids', () => {
    expect(libraryEntry('fw-downgrade')?.stride).toBe('T');
    expect(libraryEntry('no-such-entry')).toBeUndefined();
    expect(libraryEntry('')).toBeUndefined();
  });
});

describe('searchLibrary', () => {
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

  it('returns everything for an empty or blank query', () => {
    expect(searchLibrary('')).toHaveLength(THREAT_LIBRARY.length);
    expect(searchLibrary('   ')).toHaveLength(THREAT_LIBRARY.length);
  });

  it('finds by a word in the title or description, case-insensitively', () => {
    expect(ids(searchLibrary('jammed'))).toContain('ble-jamming');
    expect(ids(searchLibrary('ROLLED'))).toContain('fw-downgrade');
    expect(ids(searchLibrary('ransomware'))).toContain('workstation-ransomware');
  });

  it('finds by a word in a mitigation', () => {
    expect(ids(searchLibrary('anti-rollback'))).toContain('fw-downgrade');
  });

  it('finds by tag text', () => {
    const hits = searchLibrary('HL7/FHIR');
    expect(hits.length).toBeGreaterThanOrEqual(2);
    for (const x of THREAT_LIBRARY.filter((y) => y.tags.includes('HL7/FHIR'))) expect(ids(hits)).toContain(x.id);
  });

  it('finds by CAPEC and EMB3D reference', () => {
    const hits = searchLibrary('CAPEC-186');
    expect(ids(hits)).toEqual(expect.arrayContaining(['fw-unsigned-image', 'fw-downgrade']));
    for (const x of hits) expect(x.capec).toContain(186);
    expect(ids(searchLibrary('capec-186'))).toEqual(ids(hits));
    expect(ids(searchLibrary('TID-216'))).toContain('fw-downgrade');
  });

  it('finds by STRIDE category name', () => {
    const hits = searchLibrary('repudiation');
    expect(hits.length).toBeGreaterThanOrEqual(5);
    expect(hits.every((x) => x.stride === 'R' || /repudiation/i.test(x.description + x.title))).toBe(true);
  });

  it('requires every word to match (AND)', () => {
    const both = searchLibrary('BLE replayed');
    expect(ids(both)).toContain('ble-command-replay');
    const ble = new Set(ids(searchLibrary('BLE')));
    const replay = new Set(ids(searchLibrary('replayed')));
    for (const id of ids(both)) {
      expect(ble.has(id)).toBe(true);
      expect(replay.has(id)).toBe(true);
    }
    expect(both.length).toBeLessThan(ble.size);
    expect(searchLibrary('BLE zzzunknownword')).toEqual([]);
  });

  it('filters by STRIDE letter, element kind and tag', () => {
    const e = searchLibrary('', { stride: 'E' });
    expect(e.length).toBeGreaterThanOrEqual(5);
    expect(e.every((x) => x.stride === 'E')).toBe(true);

    const flows = searchLibrary('', { kind: 'flow' });
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.every((x) => x.appliesTo.includes('flow'))).toBe(true);

    const dicom = searchLibrary('', { tag: 'DICOM' });
    expect(dicom.every((x) => x.tags.includes('DICOM'))).toBe(true);

    const combined = searchLibrary('firmware', { stride: 'T', kind: 'process', tag: 'firmware update' });
    expect(ids(combined)).toContain('fw-unsigned-image');
    expect(combined.every((x) => x.stride === 'T' && x.appliesTo.includes('process') && x.tags.includes('firmware update'))).toBe(true);

    expect(searchLibrary('', { stride: 'S', kind: 'flow' })).toEqual([]);
  });

  it('matches "BLE" as a word, never inside one ("vulnerable"), and only BLE entries come back', () => {
    const hits = searchLibrary('BLE');
    const mentionsBle = (x: (typeof THREAT_LIBRARY)[number]) =>
      x.tags.includes('BLE') || /\bBLE\b/i.test([x.title, x.description, ...x.mitigations].join(' '));
    expect(hits.length).toBeGreaterThan(0);
    for (const x of hits) expect(mentionsBle(x), x.title).toBe(true);
    for (const x of THREAT_LIBRARY.filter(mentionsBle)) expect(ids(hits)).toContain(x.id);
    expect(hits.length).toBeLessThan(THREAT_LIBRARY.length / 3);
    expect(searchLibrary('vulnerable').length).toBeGreaterThan(0);
  });

  it('matches longer words as prefixes of words', () => {
    expect(ids(searchLibrary('rollb'))).toContain('fw-downgrade');
    expect(searchLibrary('ollback')).toEqual([]);
  });

  it('ranks tag and title matches first and says where each entry matched', () => {
    const hits = searchLibraryHits('firmware');
    const firstDescriptionOnly = hits.findIndex((h) => !h.matchedIn.includes('tag') && !h.matchedIn.includes('title'));
    const lastStrong = hits.map((h) => h.matchedIn.includes('tag') || h.matchedIn.includes('title')).lastIndexOf(true);
    expect(firstDescriptionOnly).toBeGreaterThan(lastStrong);
    for (const h of hits) expect(h.matchedIn.length).toBeGreaterThan(0);
    expect(searchLibraryHits('BLE')[0]!.matchedIn[0]).toBe('tag');
  });
});

describe('threat library data check', () => {
  const good = LIBRARY_DATA[0]!;

  it('accepts the shipped entries as they are', () => {
    expect(LibraryDataSchema.safeParse(LIBRARY_DATA).success).toBe(true);
    expect(THREAT_LIBRARY).toEqual(LIBRARY_DATA);
  });

  it('refuses a duplicate id, an unknown tag or kind, a letter outside STRIDE and too few mitigations', () => {
    const bad = (entry: object) => LibraryDataSchema.safeParse([good, entry]);
    expect(bad(good).error?.issues[0]?.message).toBe(`duplicate library id "${good.id}"`);
    expect(bad({ ...good, id: 'x-tag', tags: ['bluetooth'] }).success).toBe(false);
    expect(bad({ ...good, id: 'x-kind', appliesTo: ['boundary'] }).success).toBe(false);
    expect(bad({ ...good, id: 'x-stride', stride: 'X' }).success).toBe(false);
    expect(bad({ ...good, id: 'x-mit', mitigations: ['Only one mitigation here'] }).success).toBe(false);
    expect(bad({ ...good, id: 'x-extra', severity: 'high' }).success).toBe(false);
    expect(bad({ ...good, id: 'x-ok' }).success).toBe(true);
  });
});
