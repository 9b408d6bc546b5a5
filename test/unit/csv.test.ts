import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BoardDataSchema, type BoardData } from '../../shared/formats/board-data';
import { CSV_COLUMNS, neutralizeCell, registerCsv, registerRows } from '../../shared/formats/csv';

const HOSTILE = [
  '=cmd|\' /C calc\'!A0',
  '+1',
  '-1',
  '@SUM(A1:A9)',
  '\tindented',
  '\rcarriage',
  '=HYPERLINK("http://x","y")',
  ' =1+1',
  '\t=1',
  '\r@x',
  '  \u0001=2+2',
];

function board(): BoardData {
  return BoardDataSchema.parse({
    meta: { title: 'Insulin pump' },
    views: [{ id: 'main', title: 'Global' }, { id: 'upd', title: 'Update path', order: 'a1' }],
    shapes: [
      { kind: 'process', id: 'pump', label: 'Pump firmware' },
      { kind: 'flow', id: 'ble', label: 'BLE, bolus', view: 'upd' },
      {
        kind: 'threat',
        id: 't1',
        num: 1,
        title: 'Bolus command replayed',
        stride: 'T',
        elements: ['pump', 'ble'],
        votes: 3,
        severity: 'catastrophic',
        exploitability: 'medium',
        cvss: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H',
        strategy: 'mitigate',
        rationale: 'line one\r\nline two, with "quotes"',
        owner: 'Zoë Ångström',
        residualExploitability: 'low',
        safetyHandoff: true,
        mitigations: [{ id: 'm1', status: 'verified' }, { id: 'm2' }],
      },
      ...HOSTILE.map((title, i) => ({ kind: 'threat', id: `h${i}`, num: i + 2, title, owner: title })),
      { kind: 'threat', id: 'u', title: 'Pompe à insuline — ✓ 日本語', stride: 'I' },
    ],
    mitigations: [
      { id: 'm1', num: 1, title: 'Message counter' },
      { id: 'm2', num: 2, title: 'Session key' },
    ],
    assumptions: [],
  });
}

describe('CSV register', () => {
  it('neutralises every cell a spreadsheet could run as a formula', () => {
    expect(neutralizeCell('=1+1')).toBe("'=1+1");
    expect(neutralizeCell('+1')).toBe("'+1");
    expect(neutralizeCell('-1')).toBe("'-1");
    expect(neutralizeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeCell('\tx')).toBe("'\tx");
    expect(neutralizeCell('\rx')).toBe("'\rx");
    // Spreadsheets skip leading whitespace and control characters before a formula sign.
    expect(neutralizeCell(' =1+1')).toBe("' =1+1");
    expect(neutralizeCell('\t=1')).toBe("'\t=1");
    expect(neutralizeCell('\r@x')).toBe("'\r@x");
    expect(neutralizeCell('\u00a0\u200b-3')).toBe("'\u00a0\u200b-3");
    expect(neutralizeCell(' a = b')).toBe(' a = b');
    expect(neutralizeCell('T-1')).toBe('T-1');
    expect(neutralizeCell('a=b')).toBe('a=b');
    expect(neutralizeCell('')).toBe('');
  });

  it('starts with a BOM, ends lines with CRLF and quotes per RFC 4180', () => {
    const csv = registerCsv(board());
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.slice(1).startsWith('ID,Title,STRIDE,Elements,Votes,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Every line break outside a quoted cell is CRLF: strip quoted cells, then look for a bare LF or CR.
    const outside = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(outside).not.toMatch(/[^\r]\n|\r(?!\n)/);
    expect(csv).toContain('"line one\r\nline two, with ""quotes"""');
  });

  it('writes one row per threat with the register columns, read back by a CSV parser', () => {
    const data = board();
    const rows: string[][] = parse(registerCsv(data), { bom: true, relax_column_count: false });
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + data.shapes.filter((s) => s.kind === 'threat').length);
    const t1 = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(t1).toEqual({
      ID: 'T-1',
      Title: 'Bolus command replayed',
      STRIDE: 'Tampering',
      Elements: 'Pump firmware (Global); BLE, bolus (Update path)',
      Votes: '3',
      Severity: 'Catastrophic',
      Exploitability: 'Medium',
      Risk: 'Critical',
      'CVSS vector': 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H',
      'CVSS score': '8.1',
      Strategy: 'Mitigate',
      Rationale: 'line one\r\nline two, with "quotes"',
      Status: 'Open',
      Owner: 'Zoë Ångström',
      'Residual severity': 'As before',
      'Residual exploitability': 'Low',
      'Residual risk': 'High',
      'Safety hand-off': 'yes',
      Mitigations: 'M-1 (Verified); M-2 (Planned)',
    });
    // The words of the UI also for what is not decided yet (codes stay in the JSON backup).
    const h0 = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[2]![i]]));
    expect(h0).toMatchObject({ Severity: 'Not assessed', Risk: 'Not assessed', Strategy: 'Not decided', 'Residual risk': 'Not assessed' });
    // Hostile titles and owners arrive as text with the apostrophe in front.
    HOSTILE.forEach((title, i) => {
      expect(rows[2 + i]![1]).toBe(`'${title}`);
      expect(rows[2 + i]![13]).toBe(`'${title}`);
    });
    // Un-numbered threats come last, with a placeholder ID; UTF-8 text is kept.
    expect(rows.at(-1)!.slice(0, 3)).toEqual(['T-…', 'Pompe à insuline — ✓ 日本語', 'Information disclosure']);
    expect(registerRows(data)).toHaveLength(rows.length - 1);
  });

  const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
  if (!soffice) console.warn('LibreOffice test skipped: no soffice on this machine (apt-get install libreoffice-calc-nogui to run it)');

  it.skipIf(!soffice)('opens cleanly in LibreOffice: no formula evaluated, BOM handled, UTF-8 kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatboard-lo-'));
    try {
      const data = board();
      writeFileSync(join(dir, 'register.csv'), registerCsv(data));
      // The options LibreOffice's import dialog offers for a UTF-8 file: comma, double quote, UTF-8 (76),
      // from line 1, with formula evaluation on, the worst case for injection.
      const r = spawnSync(
        soffice!,
        [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--infilter=CSV:44,34,76,1,,0,false,false,false,false,false,0,true',
          '--convert-to',
          'fods',
          '--outdir',
          dir,
          join(dir, 'register.csv'),
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const xml = readFileSync(join(dir, 'register.fods'), 'utf8');
      expect(xml).not.toMatch(/table:formula=/);
      const rows = fodsRows(xml);
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      expect(rows).toHaveLength(1 + data.shapes.filter((s) => s.kind === 'threat').length);
      // Text with the apostrophe kept (LibreOffice turns CR into a line break and drops other control characters).
      const shown = (t: string) => `'${t}`.replace(/\r/g, '\n').replace(/\n$/, '').replace(/[\u0000-\u0008\u000b-\u001f]/g, '');
      HOSTILE.forEach((title, i) => expect(rows[2 + i]![1], title).toBe(shown(title)));
      expect(rows[1]![13]).toBe('Zoë Ångström');
      expect(rows[1]!.slice(5, 8)).toEqual(['Catastrophic', 'Medium', 'Critical']);
      expect(rows[1]![10]).toBe('Mitigate');
      expect(rows[1]![11]).toBe('line one\nline two, with "quotes"');
      expect(rows.at(-1)![1]).toBe('Pompe à insuline — ✓ 日本語');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

/** The cell texts of the first sheet of a flat ODS file, row by row (paragraphs of a cell joined by \n). */
function fodsRows(xml: string): string[][] {
  const decode = (s: string) =>
    s
      .replace(/<text:tab\/>/g, '\t')
      .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_m, n: string | undefined) => ' '.repeat(Number(n ?? 1)))
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const table = xml.slice(xml.indexOf('<table:table '), xml.indexOf('</table:table>'));
  const rows: string[][] = [];
  for (const rowXml of table.split('<table:table-row').slice(1)) {
    const cells: string[] = [];
    const re = /<table:table-cell([^>]*?)(\/>|>([\s\S]*?)<\/table:table-cell>)/g;
    for (let m = re.exec(rowXml); m; m = re.exec(rowXml)) {
      const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(m[1]!)?.[1] ?? 1);
      const paras = [...(m[3] ?? '').matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)].map((p) => decode(p[1]!));
      for (let i = 0; i < Math.min(repeat, 50); i++) cells.push(paras.join('\n'));
    }
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length) rows.push(cells);
  }
  return rows;
}
