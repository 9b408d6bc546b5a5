import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, boardMaps, initBoard, updateShape } from '../../shared/model/board-doc';
import {
  boardToData,
  BoardBackup,
  consistency,
  dataToDoc,
  parseBackup,
  readBoard,
  readMitigations,
  toBackup,
  type BoardData,
} from '../../shared/formats/board-data';
import { decodeUtf8, jsonDepth, parseJsonSafe, scanJson, utf8Length } from '../../shared/formats/safe-json';
import { applyTemplate, TEMPLATES } from '../../shared/templates';
import { mitigationLabel, numberMitigations, numberThreats } from '../../shared/threats/numbering';

function record(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
}

/** A board with every kind of record: a template's views and shapes, register fields, links, comments. */
function fullBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, 'Ankle monitor — backup test');
  applyTemplate(doc, TEMPLATES[0]!.id);
  numberThreats(doc);
  const { mitigations, assumptions, comments, shapes } = boardMaps(doc);
  doc.transact(() => {
    mitigations.set('m1', record({ id: 'm1', v: 1, num: 0, title: 'Signed firmware', category: 'integrity', owner: 'Ann', verification: 'TC-1', createdAt: 5 }));
    mitigations.set('m2', record({ id: 'm2', v: 1, title: 'Rate limit pairing', category: 'resiliency', createdAt: 6 }));
    comments.set('c1', record({ id: 'c1', target: 'x', parent: null, text: 'Is the phone trusted? @Bo', mentions: ['u-bo'], resolved: false, createdBy: 'u-ann', createdAt: 7, updatedBy: 'u-ann', updatedAt: 7 }));
    comments.set('c2', record({ id: 'c2', target: 'x', parent: 'c1', text: 'No', mentions: [], resolved: false, createdBy: 'u-bo', createdAt: 8, updatedBy: 'u-bo', updatedAt: 8 }));
  });
  numberMitigations(doc);
  const threatIds: string[] = [];
  shapes.forEach((m, id) => {
    if (m.get('kind') === 'threat') threatIds.push(id);
  });
  threatIds.sort();
  updateShape(doc, threatIds[0]!, {
    severity: 'catastrophic',
    exploitability: 'medium',
    cvss: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H',
    strategy: 'mitigate',
    owner: 'Ann',
    residualExploitability: 'low',
    safetyHandoff: true,
    votes: 4,
    mitigations: [{ id: 'm1', status: 'verified' }, { id: 'm2', status: 'planned' }],
  });
  updateShape(doc, threatIds[1]!, { strategy: 'accept', status: 'accepted', rationale: 'Out of reach\nfor now' });
  doc.transact(() => assumptions.set('a1', record({ id: 'a1', v: 1, text: 'The home Wi-Fi is hostile', threats: [threatIds[0]], order: 'a0' })));
  return doc;
}

describe('JSON backup', () => {
  it('imports an export as an identical board', () => {
    const doc = fullBoard();
    const before = boardToData(doc);
    expect(before.mitigations.map((m) => mitigationLabel(m.num))).toEqual(['M-1', 'M-2']);
    expect(before.comments.map((c) => c.text)).toEqual(['Is the phone trusted? @Bo', 'No']);
    // Through the file: JSON text, parsed back with the safe parser, validated.
    const text = JSON.stringify(toBackup(before));
    const parsed = parseJsonSafe(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const back = parseBackup(parsed.value);
    if (!back.ok) throw new Error(back.errors.join('\n'));
    expect(back.warnings).toEqual([]);
    const copy = new Y.Doc();
    const written = dataToDoc(back.value, copy);
    expect(written.ok).toBe(true);
    expect(boardToData(copy)).toEqual(before);
    // And once more: exporting the copy gives the same file, apart from the time it was made.
    const again = toBackup(boardToData(copy), new Date(0));
    expect({ ...again, exportedAt: undefined }).toEqual({ ...toBackup(before, new Date(0)), exportedAt: undefined });
  });

  it('marks the file with its format and version', () => {
    const b = toBackup(boardToData(fullBoard()), new Date('2025-01-02T03:04:05Z'));
    expect(b).toMatchObject({ format: 'threatboard-backup', version: 1, exportedAt: '2025-01-02T03:04:05.000Z' });
    expect(BoardBackup.safeParse(b).success).toBe(true);
    expect(parseBackup({ ...b, version: 2 }).ok).toBe(false);
  });

  it('validates every record and says which is wrong, writing nothing', () => {
    const data = boardToData(fullBoard());
    const bad = { ...toBackup(data), shapes: [...data.shapes, { kind: 'process', id: 'p', pos: { x: 'left', y: 0 } }, { kind: 'wormhole', id: 'w' }] };
    const r = parseBackup(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^shapes\\.${data.shapes.length}\\.pos\\.x:`)), expect.stringMatching(/^shapes\.\d+\.kind:/)]));
    }
    const target = new Y.Doc();
    const wrong = dataToDoc({ ...data, views: [] } as BoardData, target);
    expect(wrong.ok).toBe(false);
    expect(boardMaps(target).shapes.size).toBe(0);
    expect(parseBackup({ ...toBackup(data), views: 'all of them' }).ok).toBe(false);
    expect(parseBackup({ ...toBackup(data), shapes: new Array(20_001).fill({}) })).toEqual({
      ok: false,
      errors: ['shapes: 20001 records; a board holds at most 20000'],
    });
  });

  it('refuses duplicate ids and reports dangling references as warnings', () => {
    const data = boardToData(fullBoard());
    const process = data.shapes.find((s) => s.kind === 'process')!;
    expect(consistency({ ...data, shapes: [...data.shapes, process] }).errors).toEqual([`shapes: id "${process.id}" is used twice`]);
    const threat = data.shapes.find((s) => s.kind === 'threat')!;
    const dangling = { ...threat, id: 'dangling', elements: ['gone'], mitigations: [{ id: 'nope', status: 'planned' as const }], view: 'lost' };
    const c = consistency({ ...data, shapes: [...data.shapes, dangling] });
    expect(c.errors).toEqual([]);
    expect(c.warnings).toEqual([
      expect.stringMatching(/view "lost" does not exist/),
      expect.stringMatching(/attached to missing shape "gone"/),
      expect.stringMatching(/links missing mitigation "nope"/),
    ]);
  });

  it('leaves out records that fail validation or whose id differs from their key, and says so', () => {
    const doc = fullBoard();
    const { shapes, mitigations } = boardMaps(doc);
    doc.transact(() => {
      shapes.set('broken', record({ id: 'broken', kind: 'process', pos: 'nowhere' }));
      shapes.set('alias', record({ id: 'other', kind: 'note' }));
      mitigations.set('m3', record({ id: 'm3', title: 42 }));
    });
    const snap = readBoard(doc);
    expect(snap.skipped.map((s) => [s.map, s.id])).toEqual([
      ['shapes', 'broken'],
      ['shapes', 'alias'],
      ['mitigations', 'm3'],
    ]);
    expect(snap.data.shapes.some((s) => s.id === 'broken' || s.id === 'other')).toBe(false);
  });
});

describe('mitigation numbers', () => {
  it('numbers mitigations M-1, M-2… by creation, keeps given numbers and repairs duplicates', () => {
    const doc = new Y.Doc();
    const { mitigations } = boardMaps(doc);
    doc.transact(() => {
      mitigations.set('b', record({ id: 'b', createdAt: 2 }));
      mitigations.set('a', record({ id: 'a', createdAt: 1 }));
      mitigations.set('kept', record({ id: 'kept', num: 7, createdAt: 0 }));
    });
    // Threats are numbered in their own sequence and do not count.
    addShape(doc, { kind: 'threat', id: 't', createdAt: 0 });
    expect(numberMitigations(doc)).toBe(2);
    expect(readMitigations(doc).records.map((m) => [m.id, m.num])).toEqual([
      ['kept', 7],
      ['a', 8],
      ['b', 9],
    ]);
    expect(numberMitigations(doc)).toBe(0);
    doc.transact(() => mitigations.set('dup', record({ id: 'dup', num: 8, createdAt: 5 })));
    expect(numberMitigations(doc)).toBe(1);
    expect(readMitigations(doc).records.map((m) => [m.id, m.num])).toEqual([
      ['kept', 7],
      ['a', 8],
      ['b', 9],
      ['dup', 10],
    ]);
    expect(numberThreats(doc)).toBe(1);
    expect(mitigationLabel(0)).toBe('M-…');
  });
});

describe('safe JSON', () => {
  it('parses ordinary JSON, with or without a BOM', () => {
    expect(parseJsonSafe('{"a":[1,"two",null,true,{"b":{}}]}')).toEqual({ ok: true, value: { a: [1, 'two', null, true, { b: {} }] }, dropped: [] });
    expect(parseJsonSafe('\ufeff[1]')).toMatchObject({ ok: true, value: [1] });
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
    expect(decodeUtf8(new Uint8Array([0xff, 0xfe, 0x7b]))).toBeNull();
  });

  it('refuses 10,000-deep nesting before parsing, without a stack overflow', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const r = parseJsonSafe(deep);
    expect(r).toEqual({ ok: false, errors: ['the file nests arrays or objects deeper than 64 levels'] });
    const objects = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect(parseJsonSafe(objects).ok).toBe(false);
    expect(parseJsonSafe('['.repeat(64) + ']'.repeat(64)).ok).toBe(true);
    expect(parseJsonSafe('['.repeat(65) + ']'.repeat(65)).ok).toBe(false);
    // Brackets inside strings do not count.
    expect(jsonDepth('{"a":"[[[[\\"[[[[","b":[1]}')).toBe(2);
  });

  it('never merges __proto__, constructor or prototype keys', () => {
    const payload = '{"a":1,"__proto__":{"polluted":true},"nested":[{"constructor":{"prototype":{"polluted":true}}}]}';
    const refused = parseJsonSafe(payload);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors).toEqual(['__proto__: the key "__proto__" is not allowed', 'nested[0].constructor: the key "constructor" is not allowed']);
    const stripped = parseJsonSafe(payload, { forbiddenKeys: 'strip' });
    if (!stripped.ok) throw new Error('expected ok');
    expect(stripped.dropped).toEqual(['__proto__', 'nested[0].constructor']);
    const value = stripped.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['a', 'nested']);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // A merge downstream stays clean too.
    expect((Object.assign({}, value) as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('refuses files over the size limit, counting UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(parseJsonSafe('"' + 'x'.repeat(100) + '"', { maxBytes: 50 })).toEqual({ ok: false, errors: ['the file is larger than 50 bytes'] });
    expect(parseJsonSafe('"' + '€'.repeat(20) + '"', { maxBytes: 50 }).ok).toBe(false);
    expect(parseJsonSafe('"' + '€'.repeat(10) + '"', { maxBytes: 50 }).ok).toBe(true);
  });

  it('says why text is not JSON', () => {
    const r = parseJsonSafe('{"format": "threatboard-backup", "views": [');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^the file is not valid JSON: /);
  });
});

describe('safe JSON limits on volume', () => {
  it('refuses too many arrays and objects before parsing, and copies large files without a job per value', () => {
    const many = `[${Array.from({ length: 2_000 }, () => '{}').join(',')}]`;
    expect(parseJsonSafe(many, { maxContainers: 1_000 })).toEqual({ ok: false, errors: ['the file has more than 1000 arrays and objects'] });
    expect(parseJsonSafe(many).ok).toBe(true);
    const numbers = `[${'1,'.repeat(2_000_000)}1]`;
    const r = parseJsonSafe(numbers);
    expect(r.ok && (r.value as number[]).length).toBe(2_000_001);
    expect(scanJson('{"a":"{[","b":[{},[]]}')).toEqual({ depth: 3, containers: 4 });
  });
});
