import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { BoardDataSchema, type BoardData } from '../../shared/formats/board-data';
import { boardToThreatDragon, isThreatDragonModel, readTrailer, threatDragonToData } from '../../shared/formats/threat-dragon';
import { riskBefore } from '../../shared/risk/matrix';

const DIR = join(__dirname, '../../../shared/interop/threat-dragon');
const SAMPLES = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.includes('schema'));
const raw = (file: string): Record<string, any> => JSON.parse(readFileSync(join(DIR, file), 'utf8'));

const ajv = new Ajv({ allErrors: true, strict: false });
const validateTd = ajv.compile(JSON.parse(readFileSync(join(DIR, 'threat-dragon-v2.schema.json'), 'utf8')));
function expectValidTd(model: unknown) {
  const ok = validateTd(model);
  expect(ok ? [] : validateTd.errors!.slice(0, 10).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

/** What a Threat Dragon file holds, counted from the raw JSON of either version. */
function census(model: Record<string, any>) {
  const elements: { kind: string; name: string }[] = [];
  const threats: string[] = [];
  for (const d of model.detail.diagrams) {
    for (const c of d.cells ?? d.diagramJson.cells) {
      const type = String(c.shape ?? c.type).toLowerCase();
      const kind = type.includes('actor')
        ? 'actor'
        : type.includes('process')
          ? 'process'
          : type.includes('store')
            ? 'store'
            : type.includes('flow')
              ? 'flow'
              : type.includes('boundary')
                ? 'boundary'
                : 'text';
      const name = c.data?.name || c.attrs?.text?.text || c.attrs?.label?.text || c.labels?.[0]?.attrs?.labelText?.text || c.labels?.[0]?.attrs?.text?.text || '';
      elements.push({ kind, name });
      for (const t of c.data?.threats ?? c.threats ?? []) threats.push(t.title);
    }
  }
  const count = (k: string) => elements.filter((e) => e.kind === k).length;
  return {
    diagrams: model.detail.diagrams.length,
    counts: { actor: count('actor'), process: count('process'), store: count('store'), flow: count('flow'), boundary: count('boundary'), text: count('text') },
    names: elements.filter((e) => e.kind !== 'text' && e.kind !== 'boundary').map((e) => e.name).sort(),
    threats: threats.sort(),
  };
}

function boardCensus(data: BoardData) {
  const count = (k: string) => data.shapes.filter((s) => s.kind === k).length;
  return {
    diagrams: data.views.length,
    counts: { actor: count('entity'), process: count('process'), store: count('store'), flow: count('flow'), boundary: count('boundary'), text: count('note') + count('text') },
    names: data.shapes.flatMap((s) => (s.kind === 'entity' || s.kind === 'process' || s.kind === 'store' || s.kind === 'flow' ? [s.label] : [])).sort(),
    threats: data.shapes.flatMap((s) => (s.kind === 'threat' ? [s.title] : [])).sort(),
  };
}

describe('Threat Dragon samples', () => {
  it('has the samples to test with', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of SAMPLES) {
    it(`imports ${file} with every element and threat`, () => {
      const model = raw(file);
      expect(isThreatDragonModel(model)).toBe(true);
      const r = threatDragonToData(model, { now: 1_000 });
      if (!r.ok) throw new Error(r.errors.join('\n'));
      // The only warning: Threat Dragon's severities became severity of harm × exploitability.
      expect(r.warnings).toEqual(r.value.shapes.some((s) => s.kind === 'threat' && s.severity) ? [expect.stringMatching(/had a Threat Dragon severity/)] : []);
      expect(BoardDataSchema.safeParse(r.value).success).toBe(true);
      expect(boardCensus(r.value)).toEqual(census(model));
      expect(r.value.meta.title).toBe(`${model.summary.title} (imported)`);
    });

    it(`round-trips ${file}: Threat Dragon → board → Threat Dragon v2 (schema-valid) → board`, () => {
      const model = raw(file);
      const first = threatDragonToData(model, { now: 1_000 });
      if (!first.ok) throw new Error(first.errors.join('\n'));
      const out = boardToThreatDragon(first.value);
      expect(out.warnings).toEqual([]);
      expectValidTd(out.model);
      expect(census(out.model as Record<string, any>)).toEqual({ ...census(model) });
      const second = threatDragonToData(out.model, { now: 1_000 });
      if (!second.ok) throw new Error(second.errors.join('\n'));
      expect(boardCensus(second.value)).toEqual(boardCensus(first.value));
    });
  }
});

describe('Threat Dragon import mapping', () => {
  const v2 = raw('v2-threat-model.json');
  const r = threatDragonToData(v2, { now: 1_000 });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const data = r.value;
  const byLabel = (label: string) => data.shapes.find((s) => 'label' in s && s.label === label)!;

  it('maps element kinds and their fields', () => {
    expect(byLabel('Browser').kind).toBe('entity');
    expect(byLabel('Background\nWorker Process').kind).toBe('process');
    const db = byLabel('Database');
    expect(db.kind).toBe('store');
    const web = byLabel('Web Request');
    expect(web).toMatchObject({ kind: 'flow', encrypted: true, crossesInternet: true, protocol: 'HTTPS' });
    const readCfg = byLabel('Read web app config');
    expect(readCfg).toMatchObject({ outOfScope: true, outOfScopeReason: 'This data flow represents a read from the file system' });
  });

  it('attaches flows to their cells, and keeps free ends as points', () => {
    const flows = data.shapes.filter((s) => s.kind === 'flow');
    const free = flows.filter((f) => f.kind === 'flow' && (f.from === null || f.to === null));
    expect(free).toHaveLength(1);
    expect(free[0]).toMatchObject({ label: 'Web Request', from: null, fromPt: { x: 180, y: 70 }, to: byLabel('Web\nApplication').id });
    expect(flows.filter((f) => f.kind === 'flow' && f.from && f.to)).toHaveLength(9);
    const put = byLabel('Put Message');
    expect(put.kind === 'flow' && [put.from, put.to]).toEqual(['0d9909ea-1398-4898-be81-cf1c808324dc', byLabel('Message Queue').id]);
  });

  it('turns boundary curves into the bounding box of their points', () => {
    const cell = v2.detail.diagrams[0].cells.find((c: any) => c.id === '6767506f-3d7f-4a5f-bbe2-ea03689d30fc');
    const b = data.shapes.find((s) => s.id === cell.id)!;
    // source (350,10), vertices (333,117) (432,180), target (810,150)
    expect(b).toMatchObject({ kind: 'boundary', pos: { x: 333, y: 10 }, size: { w: 477, h: 170 } });
  });

  it('maps threats: STRIDE letter, status, strategy, element, mitigation records shared by equal text', () => {
    const threats = data.shapes.filter((s) => s.kind === 'threat');
    expect(threats).toHaveLength(14);
    const t = threats.find((x) => x.kind === 'threat' && x.title === 'Accessing DB credentials')!;
    // Mitigation text written, status open: the response is to mitigate. Severity High: a high risk.
    expect(t).toMatchObject({ stride: 'I', status: 'open', strategy: 'mitigate', elements: [byLabel('Worker Config').id], num: 0 });
    expect(t).toMatchObject({ severity: 'critical', exploitability: 'medium', owner: 'Mike Goodwin' });
    expect(t.kind === 'threat' && riskBefore(t)).toBe('high');
    expect(t.kind === 'threat' && readTrailer(t.description).fields).toEqual({ severity: 'High' });
    expect(t.kind === 'threat' && t.mitigations).toEqual([{ id: expect.any(String), status: 'planned' }]);
    const spoof = threats.find((x) => x.kind === 'threat' && x.title === 'Fake messages could be placed on the queue')!;
    expect(spoof).toMatchObject({ stride: 'S', status: 'mitigated', strategy: 'mitigate' });
    const https = threats.filter((x) => x.kind === 'threat' && x.title === 'Data flow should use HTTP/S');
    expect(https).toHaveLength(4);
    const ids = new Set(https.flatMap((x) => (x.kind === 'threat' ? x.mitigations.map((m) => m.id) : [])));
    expect(ids.size).toBe(1);
    const m = data.mitigations.find((x) => ids.has(x.id))!;
    expect(m).toMatchObject({ category: 'confidentiality', title: expect.stringMatching(/^The requests should require HTTP\/S/) });
    // The server numbers them in creation order, which is the notes' reading order.
    const created = threats.map((x) => x.createdAt);
    expect(new Set(created).size).toBe(created.length);
  });

  it('keeps the model owner and reviewer, and text blocks as sticky notes', () => {
    expect(data.views[0]!.description).toContain('Model owner in Threat Dragon: Mike Goodwin.');
    expect(data.views[0]!.description).toContain('Reviewer: Jane Smith.');
    const withText = threatDragonToData({
      summary: { title: 'Notes' },
      detail: { diagrams: [{ cells: [{ id: 'n1', shape: 'td-text-block', position: { x: 5, y: 6 }, size: { width: 150, height: 60 }, data: { type: 'tm.Text', name: 'Ask the vendor about BLE pairing' } }] }] },
    });
    if (!withText.ok) throw new Error(withText.errors.join('\n'));
    expect(withText.value.shapes).toEqual([expect.objectContaining({ kind: 'note', text: 'Ask the vendor about BLE pairing', pos: { x: 5, y: 6 } })]);
  });

  it('places threat notes in a grid beside the drawing, never over it', () => {
    const boxes = data.shapes.filter((s) => s.kind !== 'threat' && s.kind !== 'flow' && 'pos' in s);
    const right = Math.max(...boxes.map((s) => ('pos' in s ? s.pos.x + s.size.w : 0)));
    const notes = data.shapes.filter((s) => s.kind === 'threat');
    for (const n of notes) if ('pos' in n) expect(n.pos.x).toBeGreaterThan(right);
    const spots = new Set(notes.map((n) => ('pos' in n ? `${n.pos.x},${n.pos.y}` : '')));
    expect(spots.size).toBe(notes.length);
  });

  it('reads v1 (JointJS) models: names from attrs and labels, fields on the cell', () => {
    const v1 = threatDragonToData(raw('v1-demo-threat-model.json'));
    if (!v1.ok) throw new Error(v1.errors.join('\n'));
    expect(v1.version).toBe(1);
    const labels = v1.value.shapes.flatMap((s) => ('label' in s ? [s.label] : []));
    expect(labels).toEqual(expect.arrayContaining(['Browser', 'Web Request', 'Worker Config']));
    const db = v1.value.shapes.find((s) => 'label' in s && s.label === 'Database')!;
    expect(db).toMatchObject({ kind: 'store', isLog: true });
  });

  it('maps LINDDUN and CIA types to a STRIDE letter and keeps the original type', () => {
    const model = {
      summary: { title: 'Privacy' },
      detail: {
        diagrams: [
          { id: 0, title: 'One', cells: [cell('p1', 'process', [threat('Link', 'Linkability', 'LINDDUN'), threat('Avail', 'Availability', 'CIA'), threat('Odd', 'Whatever', 'PLOT4ai')])] },
          { id: 1, title: 'Two', cells: [cell('p2', 'process', [threat('Spoof', 'Spoofing', 'STRIDE', 'NotApplicable')])] },
        ],
      },
    };
    const r2 = threatDragonToData(model);
    if (!r2.ok) throw new Error(r2.errors.join('\n'));
    expect(r2.value.views.map((v) => v.title)).toEqual(['One', 'Two']);
    const threats = r2.value.shapes.filter((s) => s.kind === 'threat');
    expect(threats.map((t) => t.kind === 'threat' && [t.title, t.stride, t.status, t.view])).toEqual([
      ['Link', 'I', 'open', r2.value.views[0]!.id],
      ['Avail', 'D', 'open', r2.value.views[0]!.id],
      ['Odd', 'T', 'open', r2.value.views[0]!.id],
      ['Spoof', 'S', 'not-applicable', r2.value.views[1]!.id],
    ]);
    const link = threats[0]!;
    expect(link.kind === 'threat' && link.description).toMatch(/\[Threat Dragon\] type: Linkability; modelType: LINDDUN$/);
    // ... and the export gives the original type back.
    const out = boardToThreatDragon(r2.value);
    expectValidTd(out.model);
    const tdThreats = (out.model as any).detail.diagrams[0].cells[0].data.threats;
    expect(tdThreats.map((t: any) => [t.type, t.modelType])).toEqual([
      ['Linkability', 'LINDDUN'],
      ['Availability', 'CIA'],
      ['Whatever', 'PLOT4ai'],
    ]);
    expect(tdThreats[0].description).toBe('about Link');
  });

  it('refuses files of the wrong shape with a list of what is wrong', () => {
    const bad = threatDragonToData({ detail: { diagrams: [{ cells: 'nope' }] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/detail\.diagrams\.0\.cells/);
    const typed = threatDragonToData({ detail: { diagrams: [{ cells: [{ shape: 'process', position: { x: 'a', y: 1 } }] }] } });
    expect(typed.ok).toBe(false);
    expect(threatDragonToData({ detail: { diagrams: [] } })).toMatchObject({ ok: false, errors: [expect.stringMatching(/no diagram/)] });
    expect(isThreatDragonModel({ format: 'threatboard-backup' })).toBe(false);
    // More records than a board holds: refused before any is built.
    const crowd = { detail: { diagrams: [{ cells: [{ shape: 'process', data: { threats: Array.from({ length: 20_001 }, () => ({})) } }] }] } };
    expect(threatDragonToData(crowd)).toEqual({ ok: false, errors: ['the model has 20002 elements and threats; a board holds at most 20000 shapes'] });
  });

  it('skips unknown cells with a warning and clamps what the board cannot hold', () => {
    const r3 = threatDragonToData({
      detail: {
        diagrams: [
          {
            cells: [
              { id: 'x', shape: 'mystery-shape' },
              { id: 'tiny', shape: 'actor', position: { x: 0, y: 0 }, size: { width: 1, height: 99_999 }, data: { type: 'tm.Actor', name: 'N'.repeat(500) } },
              { id: 'bad id with spaces', shape: 'process', data: { type: 'tm.Process', name: 'P' } },
            ],
          },
        ],
      },
    });
    if (!r3.ok) throw new Error(r3.errors.join('\n'));
    expect(r3.warnings).toEqual([expect.stringMatching(/unknown shape "mystery-shape" skipped/)]);
    const actor = r3.value.shapes.find((s) => s.kind === 'entity')!;
    expect(actor).toMatchObject({ id: 'tiny', size: { w: 8, h: 20_000 } });
    expect(actor.kind === 'entity' && actor.label.length).toBe(200);
    expect(r3.value.shapes.find((s) => s.kind === 'process')!.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(r3.value.meta.title).toBe('Threat Dragon model (imported)');
  });
});

describe('Threat Dragon export', () => {
  const data = BoardDataSchema.parse({
    meta: { title: 'Pump' },
    views: [{ id: 'main', title: 'Global', description: 'Everything' }, { id: 'upd', title: 'Update', order: 'a1' }],
    shapes: [
      { kind: 'boundary', id: 'home', label: 'Home', pos: { x: 0, y: 0 }, size: { w: 300, h: 200 } },
      { kind: 'entity', id: 'patient', label: 'Patient', pos: { x: 10, y: 10 }, size: { w: 8, h: 8 } },
      { kind: 'process', id: 'pump', label: 'Pump', pos: { x: 200, y: 10 } },
      { kind: 'store', id: 'log', label: 'Log', isLog: true, pos: { x: 200, y: 150 } },
      { kind: 'flow', id: 'f1', label: 'Bolus', from: 'patient', to: 'pump', bidirectional: true, protocol: 'BLE' },
      { kind: 'flow', id: 'f2', label: 'Dangling', from: null, to: 'pump', fromPt: { x: 10.6, y: 20.4 } },
      { kind: 'text', id: 'txt', text: 'Note to reader' },
      { kind: 'note', id: 'sticky', text: 'A sticky', view: 'upd' },
      { kind: 'process', id: 'srv', label: 'Update server', view: 'upd' },
      { kind: 'threat', id: 't1', num: 1, title: 'Replay', stride: 'T', elements: ['f1'], severity: 'catastrophic', exploitability: 'high', mitigations: [{ id: 'm1' }] },
      { kind: 'threat', id: 't2', num: 2, title: 'Loose', stride: 'D', elements: [] },
      { kind: 'threat', id: 't3', num: 3, title: 'Two places', stride: 'S', elements: ['pump', 'srv'], status: 'accepted' },
    ],
    mitigations: [{ id: 'm1', num: 1, title: 'Counter', description: 'Add a message counter.' }],
    assumptions: [],
  });
  const out = boardToThreatDragon(data);
  const model = out.model as any;

  it('validates against Threat Dragon v2 schema, with its traps handled', () => {
    expectValidTd(model);
    expect(model.detail).toMatchObject({ diagramTop: 2, reviewer: '', threatTop: 3 });
    expect(model.detail.diagrams.map((d: any) => d.id)).toEqual([0, 1]);
    const flows = model.detail.diagrams[0].cells.filter((c: any) => c.shape === 'flow');
    for (const f of flows) expect(f.attrs.line.targetMarker).toEqual({ name: 'block' });
    const dangling = flows.find((f: any) => f.id === 'f2');
    expect(dangling.source).toEqual({ x: 11, y: 20 });
    expect(dangling.target).toEqual({ cell: 'pump' });
  });

  it('writes one diagram per view with TD shapes, threats on their element, and says what it cannot carry', () => {
    const [global, upd] = model.detail.diagrams;
    expect(global.cells.map((c: any) => c.shape)).toEqual(['trust-boundary-box', 'actor', 'process', 'store', 'flow', 'flow', 'td-text-block']);
    expect(upd.cells.map((c: any) => c.shape)).toEqual(['td-text-block', 'process']);
    const f1 = global.cells.find((c: any) => c.id === 'f1');
    expect(f1.data).toMatchObject({ isBidirectional: true, protocol: 'BLE', hasOpenThreats: true });
    expect(f1.data.threats).toEqual([
      expect.objectContaining({ title: 'Replay', type: 'Tampering', status: 'Open', severity: 'Critical', mitigation: 'Add a message counter.', number: 1 }),
    ]);
    const pump = global.cells.find((c: any) => c.id === 'pump');
    expect(pump.data.threats.map((t: any) => [t.title, t.status, t.severity])).toEqual([['Two places', 'Accepted', 'TBD']]);
    expect(global.cells.find((c: any) => c.id === 'patient').size).toEqual({ width: 10, height: 10 });
    expect(out.warnings).toEqual([
      expect.stringMatching(/T-2 "Loose" is attached to no element/),
      expect.stringMatching(/T-3 "Two places" is attached to several elements/),
    ]);
  });
});

function cell(id: string, shape: string, threats: unknown[]) {
  return { id, shape, zIndex: 1, position: { x: 0, y: 0 }, size: { width: 100, height: 60 }, data: { type: 'tm.Process', name: id, threats } };
}

function threat(title: string, type: string, modelType: string, status = 'Open') {
  return { title, type, modelType, status, severity: '', description: `about ${title}`, mitigation: '' };
}
