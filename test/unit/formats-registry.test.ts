import { describe, expect, it } from 'vitest';
import { BoardDataSchema } from '../../shared/formats/board-data';
import { EXPORT_FORMATS, REPORT_CSP, exportFormat, fileSuffix, metaCsp } from '../../shared/formats/registry';

const data = BoardDataSchema.parse({
  meta: { title: 'Pump' },
  views: [{ id: 'main', title: 'Global', kind: 'global' }],
  shapes: [{ kind: 'process', id: 'p', label: 'Pump firmware', pos: { x: 0, y: 0 } }],
  mitigations: [],
  assumptions: [],
});

describe('export formats registry', () => {
  it('keeps the URLs, menu labels, download names and content types people and scripts rely on', () => {
    expect(EXPORT_FORMATS.map((f) => [f.id, f.label, fileSuffix(f), f.contentType])).toEqual([
      ['json', 'JSON backup', '.threatboard.json', 'application/json; charset=utf-8'],
      ['csv', 'CSV register', ' register.csv', 'text/csv; charset=utf-8; header=present'],
      ['threat-dragon', 'Threat Dragon v2', ' threat-dragon.json', 'application/json; charset=utf-8'],
      ['markdown', 'Markdown report', ' report.md', 'text/markdown; charset=utf-8'],
      ['html', 'HTML report', ' report.html', 'text/html; charset=utf-8'],
    ]);
  });

  it('has unique ids and finds a format only by its own id', () => {
    expect(new Set(EXPORT_FORMATS.map((f) => f.id)).size).toBe(EXPORT_FORMATS.length);
    expect(exportFormat('markdown')?.extension).toBe('md');
    for (const id of ['pdf', 'constructor', '__proto__', 'toString', '']) expect(exportFormat(id)).toBeUndefined();
  });

  it.each(EXPORT_FORMATS.map((f) => [f.id, f] as const))('writes %s from board data', async (_, format) => {
    const text = await format.write(data);
    expect(text.length).toBeGreaterThan(0);
    if (format.contentType.startsWith('application/json')) expect(() => JSON.parse(text)).not.toThrow();
  });

  it('writes the report policy once: the meta tag form drops only what a meta tag may not carry', () => {
    expect(REPORT_CSP).toMatch(/default-src 'none'.*sandbox/);
    expect(exportFormat('html').headers?.['Content-Security-Policy']).toBe(REPORT_CSP);
    expect(metaCsp(REPORT_CSP)).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
  });
});
