import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoardDataSchema } from '../../shared/formats/board-data';
import { escapeHtml, escapeMarkdown, isImageDataUrl, reportHtml, reportMarkdown, viewSvg } from '../../shared/formats/report';

const XSS = '<img src=x onerror=alert(1)>';

const data = BoardDataSchema.parse({
  meta: { title: `Pump ${XSS}` },
  views: [
    { id: 'main', title: `Global ${XSS}`, kind: 'global', description: 'The *whole* system\n# not a heading' },
    { id: 'upd', title: 'Update path', kind: 'updatability', order: 'a1' },
  ],
  shapes: [
    { kind: 'boundary', id: 'home', label: 'Home <script>alert(1)</script>', pos: { x: 0, y: 0 }, size: { w: 300, h: 200 } },
    { kind: 'entity', id: 'patient', label: XSS, pos: { x: 10, y: 10 } },
    { kind: 'process', id: 'pump', label: 'Pump | firmware', pos: { x: 200, y: 40 } },
    { kind: 'store', id: 'log', label: 'Log', pos: { x: 200, y: 150 } },
    { kind: 'flow', id: 'f1', label: 'Bolus "cmd"', from: 'patient', to: 'pump', protocol: 'BLE', bidirectional: true },
    {
      kind: 'threat',
      id: 't1',
      num: 1,
      title: XSS,
      description: '[link](javascript:alert(1)) and `code` | pipe',
      stride: 'T',
      elements: ['f1'],
      severity: 'catastrophic',
      exploitability: 'high',
      residualExploitability: 'low',
      strategy: 'mitigate',
      owner: '**Ann**',
      cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      mitigations: [{ id: 'm1', status: 'verified' }],
      pos: { x: 400, y: 10 },
    },
    { kind: 'threat', id: 't2', num: 2, title: 'Accepted without a word', stride: 'S', elements: ['patient'], strategy: 'accept', status: 'accepted', pos: { x: 400, y: 200 } },
  ],
  mitigations: [{ id: 'm1', num: 1, title: `Counter ${XSS}`, category: 'integrity', verification: 'TC-7', owner: 'Bo' }],
  assumptions: [{ id: 'a1', text: `The hospital network is hostile ${XSS}`, threats: ['t1'] }],
});

const AT = new Date('2025-03-01T10:00:00Z');

describe('report escaping', () => {
  it('escapes HTML and Markdown', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeMarkdown(XSS)).toBe('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(escapeMarkdown('a | b\nc', true)).toBe('a \\| b<br>c');
    expect(escapeMarkdown('# h\n1. x\n- y\n===\na=b')).toBe('\\# h  \n1\\. x  \n\\- y  \n\\===  \na=b');
    expect(escapeMarkdown('[t](javascript:x)')).toBe('\\[t\\]\\(javascript:x\\)');
  });

  it('renders a hostile title as text in HTML, never as a tag', () => {
    const html = reportHtml(data, { generatedAt: AT });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror=alert\(1\)>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<title>Pump &lt;img src=x onerror=alert(1)&gt;: threat model report</title>');
  });

  it('renders a hostile title as text in Markdown, in tables and in prose', () => {
    const md = reportMarkdown(data, { generatedAt: AT });
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<script');
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(md).not.toContain('](javascript:');
    // A pipe in user text does not split a table row.
    const row = md.split('\n').find((l) => l.startsWith('| T-1 |'))!;
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(9);
  });

  it('only accepts data URLs of images as pictures', () => {
    expect(isImageDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isImageDataUrl('javascript:alert(1)')).toBe(false);
    expect(isImageDataUrl('data:text/html;base64,PHNjcmlwdD4=')).toBe(false);
    expect(isImageDataUrl('data:image/png;base64,AAA" onerror="alert(1)')).toBe(false);
    const html = reportHtml(data, { images: { main: 'data:image/png;base64,iVBORw0KGgo=', upd: 'http://evil.example/x.png' }, generatedAt: AT });
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="Diagram of Global &lt;img src=x onerror=alert(1)&gt;">');
    expect(html).not.toContain('evil.example');
  });
});

describe('report content', () => {
  const html = reportHtml(data, { generatedAt: AT });
  const md = reportMarkdown(data, { generatedAt: AT });

  it('follows the four questions in order', () => {
    const order = ['1. What are we working on?', '2. What can go wrong?', '3. What are we going to do about it?', '4. Did we do a good enough job?'];
    for (const doc of [html, md]) {
      const at = order.map((h) => doc.indexOf(h));
      expect(at.every((i) => i > 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });

  it('has each view with a picture, the assumptions, the threats with risk before and after', () => {
    expect(html.match(/<figure>/g)).toHaveLength(2);
    expect(html.match(/<svg /g)!.length).toBe(2);
    expect(md.match(/^```mermaid$/gm)).toHaveLength(1);
    expect(md).toContain('### Update path (Updatability / patchability view)\n\n_This view has no diagram elements._');
    expect(html).toContain('The hospital network is hostile &lt;img');
    expect(html).toMatch(/<td class="nowrap">T-1<\/td>.*<td class="nowrap">Critical<\/td><td class="nowrap">High<\/td><td class="nowrap">9\.8 Critical<\/td>/s);
    expect(md).toContain('| T-1 | &lt;img src=x onerror=alert\\(1\\)&gt; | T (Tampering) | Bolus "cmd" \\(Global &lt;img');
    expect(md).toMatch(/\| T-1 \| .* \| Critical \| High \| 9\\\.8 Critical \|/);
  });

  it('has responses, mitigations with status and verification, and both risk matrices', () => {
    expect(md).toMatch(/\| M-1 \| Counter .* \| Code, data and execution integrity \| .* \| Bo \| TC\\-7 \| T-1 \(verified\) \|/);
    expect(html.match(/<table class="matrix">/g)).toHaveLength(2);
    expect(html).toMatch(/<caption>Before mitigation<\/caption>.*<th scope="row">Catastrophic<\/th><td class="level-high"><span class="count">0<\/span><span class="level">High<\/span><\/td><td class="level-critical"><span class="count">0<\/span>.*<td class="level-critical"><span class="count">1<\/span>/s);
    expect(md).toContain('### Risk after mitigation');
  });

  it('lists open review findings', () => {
    expect(html).toContain('Accepted or transferred threats with no rationale (1)');
    expect(md).toMatch(/- T\\-2 "Accepted without a word" is accepted without a written rationale\./);
  });

  it('opens with a title page (board, date, version) and numbered contents that link to numbered sections', () => {
    const title = html.slice(html.indexOf('<header class="title-page">'), html.indexOf('</header>'));
    expect(title).toContain('<h1>Pump &lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(title).toContain('<dt>Date</dt><dd>2025-03-01 10:00 UTC</dd>');
    expect(title).toMatch(/<dt>Version<\/dt><dd>[0-9a-f]{8}<\/dd>/);
    expect(reportHtml(data, { generatedAt: AT, version: '2.1' })).toContain('<dt>Version</dt><dd>2.1</dd>');
    // The same board gives the same version; a changed board another.
    const changed = { ...data, meta: { ...data.meta, title: 'Pump v2' } };
    expect(reportHtml(data, { generatedAt: AT })).toBe(html);
    expect(reportHtml(changed, { generatedAt: AT }).match(/<dt>Version<\/dt><dd>(\w+)/)![1]).not.toBe(title.match(/<dt>Version<\/dt><dd>(\w+)/)![1]);
    const toc = html.slice(html.indexOf('<nav class="toc"'), html.indexOf('</nav>'));
    const entries = [...toc.matchAll(/<a href="#([\w-]+)"><span class="num">([\d.]+)<\/span> ([^<]+)<\/a>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(entries.slice(0, 4)).toEqual([
      ['q1', '1', 'What are we working on?'],
      ['q1-1', '1.1', 'Global &lt;img src=x onerror=alert(1)&gt;'],
      ['q1-2', '1.2', 'Update path'],
      ['q1-3', '1.3', 'Assumptions'],
    ]);
    expect(entries.map((e) => e[1])).toEqual(['1', '1.1', '1.2', '1.3', '2', '3', '3.1', '3.2', '3.3', '4', '4.1', '4.2', '4.3', '4.4'].slice(0, entries.length));
    for (const [id, num] of entries) {
      if (num!.includes('.')) expect(html).toContain(`<h3 id="${id}"><span class="num">${num}</span>`);
      else expect(html).toContain(`<section id="${id}"><h2>${num}. `);
    }
  });

  it('prints with running headers and page numbers except on the title page, and rows never split', () => {
    expect(html).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    expect(html).toMatch(/@top-left \{ content: "Pump \\3c img src\\3d x onerror\\3d alert\\28 1\\29 \\3e ";/);
    expect(html).toMatch(/@page :first \{ @top-left \{ content: none; \}/);
    expect(html).toContain('tr, figure, .finding, .matrix-box { break-inside: avoid; }');
    expect(html).toContain('.title-page { border: 0; min-height: 235mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }');
    // A title cannot leave its CSS string or the style element.
    const hostile = reportHtml({ ...data, meta: { ...data.meta, title: 'a"b\\c</style><script>x</script>' } }, { generatedAt: AT });
    const style = hostile.slice(hostile.indexOf('<style>') + '<style>'.length, hostile.indexOf('</style>'));
    expect(style).not.toMatch(/<|"b/);
    expect(hostile.match(/<\/style>/g)).toHaveLength(1);
  });

  it('prints on A4 with each question on a new page, and has no script', () => {
    expect(html).toContain('@page { size: A4;');
    expect(html.slice(html.indexOf('@media print'))).toContain('section { break-before: page; }');
    // User text never contains a literal '<', so every '<…>' is markup we wrote: none runs anything.
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|href="javascript:/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
  });
});

describe('view pictures', () => {
  it('draws every shape of the view, escaped, with no script or external reference', () => {
    const svg = viewSvg(data, 'main', 'x');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('&lt;img src=x</tspan><tspan x="80" y="57.2">onerror=alert(1)&gt;');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('Bolus &quot;cmd&quot; (BLE)');
    expect(svg).toContain('marker-start="url(#x-arrow-start)"');
    expect(svg).not.toMatch(/<script|href=|<img|<foreignObject/i);
    expect(viewSvg(data, 'upd')).toContain('This view is empty.');
  });
});

describe('printing', () => {
  const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (!chromium) console.warn('PDF test skipped: no Chromium on this machine (npm run test:e2e installs Debian’s chromium)');

  it.skipIf(!chromium)('prints to an A4 PDF from Chromium, each question starting a new page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatboard-pdf-'));
    try {
      writeFileSync(join(dir, 'report.html'), reportHtml(data, { generatedAt: AT }));
      const r = spawnSync(
        chromium!,
        ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${join(dir, 'report.pdf')}`, `file://${join(dir, 'report.html')}`],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(existsSync(join(dir, 'report.pdf')), r.stderr).toBe(true);
      const pdf = readFileSync(join(dir, 'report.pdf')).toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      // One page for the system and one per later question at least, all A4 portrait (595 × 842 pt).
      expect(boxes.length).toBeGreaterThanOrEqual(4);
      for (const b of boxes) expect(b).toEqual([595, 842]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
