import { describe, expect, it } from 'vitest';
import { BoardDataSchema } from '../../shared/formats/board-data';
import { reportHtml, reportMarkdown } from '../../shared/formats/report';
import { reportModel, type Inline } from '../../shared/formats/report-model';

const plain = (x: Inline): string => (Array.isArray(x) ? x : [x]).map((s: string | { text: string }) => (typeof s === 'string' ? s : s.text)).join('');

const data = BoardDataSchema.parse({
  meta: { title: 'Pump' },
  views: [{ id: 'main', title: 'Global', kind: 'global' }],
  shapes: [
    { kind: 'process', id: 'p', label: 'Firmware', pos: { x: 0, y: 0 } },
    { kind: 'threat', id: 't1', num: 1, title: 'Replay', description: 'Old frames sent again', stride: 'T', elements: ['p'], strategy: 'accept', pos: { x: 0, y: 100 } },
  ],
  mitigations: [{ id: 'm1', num: 1, title: 'Counter', description: 'A monotonic counter', category: 'integrity' }],
  assumptions: [],
});
const AT = new Date('2025-03-01T10:00:00Z');

describe('one report model, two renderers', () => {
  const model = reportModel(data, { generatedAt: AT });
  const html = reportHtml(data, { generatedAt: AT });
  const md = reportMarkdown(data, { generatedAt: AT });

  it('gives both formats the same numbered sections and subsections, in order', () => {
    const titles = model.sections.flatMap((q) => [`${q.num}. ${plain(q.title)}`, ...q.subsections.map((x) => plain(x.title))]);
    expect(titles).toEqual(expect.arrayContaining(['Global', 'Assumptions', 'Risk matrices', 'Accepted or transferred threats with no rationale']));
    for (const doc of [html.slice(html.indexOf('</nav>')), md]) {
      // Each heading found after the one before it.
      let at = 0;
      for (const t of titles) {
        at = doc.indexOf(t, at);
        expect(at, t).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('shows every table column in both formats unless the column says otherwise, and every row', () => {
    const htmlHeads = [...html.matchAll(/<thead><tr>(.*?)<\/tr><\/thead>/g)].map((m) => [...m[1]!.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((x) => x[1]));
    const tables = model.sections.flatMap((q) => [...q.blocks, ...q.subsections.flatMap((x) => x.blocks)]).flatMap((b) => (b.kind === 'table' && b.rows.length ? [b] : []));
    expect(tables).toHaveLength(4);
    for (const b of tables) {
      const heads = (format: string) => b.columns.filter((c) => !c.only || c.only === format).map((c) => c.head);
      expect(md).toContain(`| ${heads('markdown').join(' | ')} |\n${heads('markdown').map(() => '| ---').join(' ')} |\n`);
      expect(htmlHeads).toContainEqual(heads('html'));
      for (const row of b.rows) expect(md).toContain(`| ${plain(row[0]!.text)} | `);
    }
  });

  it('puts long descriptions under the name in HTML and after the table or in a column in Markdown', () => {
    expect(html).toContain('<strong>Replay</strong><div class="small">Old frames sent again</div>');
    expect(md).toContain('**T-1 Replay**  \nOld frames sent again');
    expect(html).toContain('<strong>Counter</strong><div class="small">A monotonic counter</div>');
    expect(md).toMatch(/\| M-1 \| Counter \| Code, data and execution integrity \| A monotonic counter \|/);
    expect(html).not.toContain('>Description</th><th scope="col">Owner');
  });
});
