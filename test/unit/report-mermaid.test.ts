import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardToData, BoardDataSchema } from '../../shared/formats/board-data';
import { reportMarkdown } from '../../shared/formats/report';
import { mermaidText } from '../../shared/formats/report-mermaid';
import { applyTemplate, TEMPLATES } from '../../shared/templates';
import { decode, mermaidBlocks, parseFlowchart } from '../helpers/mermaid';

const HOSTILE = 'Pump "A" <img src=x onerror=alert(1)> | end\n```\n%% #quot; [x](javascript:y) `code`';

const data = BoardDataSchema.parse({
  meta: { title: 'Infusion pump' },
  views: [
    { id: 'main', title: 'Global', kind: 'global' },
    { id: 'empty', title: 'Nothing yet', kind: 'updatability', order: 'a1' },
  ],
  shapes: [
    { kind: 'boundary', id: 'hospital', label: 'Hospital network', pos: { x: 0, y: 0 }, size: { w: 800, h: 500 } },
    { kind: 'boundary', id: 'device', label: 'Device', pos: { x: 300, y: 50 }, size: { w: 400, h: 300 } },
    { kind: 'entity', id: 'nurse', label: 'Nurse', pos: { x: 20, y: 60 } },
    { kind: 'process', id: 'pump', label: HOSTILE, pos: { x: 350, y: 100 } },
    { kind: 'store', id: 'log', label: 'Event log', pos: { x: 500, y: 220 }, outOfScope: true },
    { kind: 'entity', id: 'cloud', label: 'Vendor cloud', pos: { x: 1000, y: 60 } },
    { kind: 'flow', id: 'f1', label: 'Bolus "cmd"', protocol: 'BLE', from: 'nurse', to: 'pump', bidirectional: true },
    { kind: 'flow', id: 'f2', label: 'Events', from: 'pump', to: 'log' },
    { kind: 'flow', id: 'f3', label: '', from: 'pump', to: 'cloud' },
    { kind: 'flow', id: 'f4', label: 'Dangling', from: 'log', to: null, toPt: { x: 900, y: 400 } },
    { kind: 'threat', id: 't1', num: 1, title: 'Replay', stride: 'T', elements: ['f1'], pos: { x: 100, y: 400 } },
  ],
  mitigations: [],
  assumptions: [],
});

describe('Markdown report diagrams', () => {
  it('draws a view as a Mermaid flowchart that Mermaid parses: one node per element, labelled flows, nested boundaries', async () => {
    const md = reportMarkdown(data);
    expect(md).not.toContain('data:image');
    const blocks = mermaidBlocks(md);
    expect(blocks).toHaveLength(1); // the empty view says so in words
    expect(md).toContain('_This view has no diagram elements._');
    const chart = await parseFlowchart(blocks[0]!);
    const elements = chart.nodes.filter((n) => n.id.startsWith('e'));
    expect(elements.map((n) => [decode(n.text), n.type]).sort()).toEqual(
      [
        ['Nurse', 'square'],
        [HOSTILE.replace(/\s+/g, ' '), 'stadium'], // the hostile label, exactly, as text
        ['Event log', 'cylinder'],
        ['Vendor cloud', 'square'],
      ].sort(),
    );
    // The dangling flow ends at a point of its own; no other extra nodes.
    expect(chart.nodes.filter((n) => !n.id.startsWith('e')).map((n) => n.text)).toEqual(['unconnected']);
    expect(chart.edges.map((e) => [decode(e.text), e.type])).toEqual([
      ['Bolus "cmd" (BLE)', 'double_arrow_point'],
      ['Events', 'arrow_point'],
      ['', 'arrow_point'],
      ['Dangling', 'arrow_point'],
    ]);
    const byTitle = new Map(chart.subgraphs.map((s) => [s.title, s]));
    expect([...byTitle.keys()].sort()).toEqual(['Device', 'Hospital network']);
    const id = (text: string) => chart.nodes.find((n) => decode(n.text).startsWith(text))!.id;
    expect(byTitle.get('Device')!.nodes.sort()).toEqual([id('Pump'), id('Event log')].sort());
    expect(byTitle.get('Hospital network')!.nodes).toContain(id('Nurse'));
    expect(byTitle.get('Hospital network')!.nodes).toContain(byTitle.get('Device')!.id);
    expect(byTitle.get('Hospital network')!.nodes).not.toContain(id('Vendor cloud'));
  });

  it('keeps hostile labels inside their quotes: no raw markup, no closed code fence', () => {
    const md = reportMarkdown(data);
    const block = mermaidBlocks(md)[0]!;
    const pump = block.split('\n').filter((l) => l.includes('Pump'));
    expect(pump).toHaveLength(1);
    expect(pump[0]).toMatch(/^ +e\d+\(\["[^"]*"\]\)$/);
    expect(pump[0]).not.toMatch(/[<>`|]/);
    expect(mermaidText('a"b#c|d')).toBe('"a#quot;b#35;c#124;d"');
  });

  it.each(TEMPLATES.map((t) => t.id))('parses every view of the %s template, one node per element', async (id) => {
    const doc = new Y.Doc();
    applyTemplate(doc, id);
    const board = boardToData(doc);
    const blocks = mermaidBlocks(reportMarkdown(board));
    const drawn = board.views.filter((v) => board.shapes.some((s) => s.view === v.id && ['entity', 'process', 'store', 'flow', 'boundary'].includes(s.kind)));
    expect(blocks).toHaveLength(drawn.length);
    for (const [i, view] of drawn.entries()) {
      const chart = await parseFlowchart(blocks[i]!);
      const shapes = board.shapes.filter((s) => s.view === view.id);
      expect(chart.nodes.filter((n) => n.id.startsWith('e'))).toHaveLength(shapes.filter((s) => ['entity', 'process', 'store'].includes(s.kind)).length);
      expect(chart.edges).toHaveLength(shapes.filter((s) => s.kind === 'flow').length);
      expect(chart.subgraphs).toHaveLength(shapes.filter((s) => s.kind === 'boundary').length);
    }
  });
});
