import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BoardDataSchema, type BoardData } from '../../shared/formats/board-data';
import { registerCsv } from '../../shared/formats/csv';
import { reportHtml, reportMarkdown } from '../../shared/formats/report';
import { boardToThreatDragon } from '../../shared/formats/threat-dragon';
import { rectOf } from '../../shared/model/rect';
import type { Shape } from '../../shared/model/schema';
import { boxed, ElementFields, ShapeBase } from '../../shared/model/shapes/common';
import { BOX_ELEMENT, labelSvg, TD_BODY, tdElementData } from '../../shared/model/shapes/element';
import {
  describeShape,
  ELEMENT_KINDS,
  isConnectable,
  isDfdElement,
  LOCKABLE_KINDS,
  registerShapeKind,
  SHAPE_KIND_LABELS,
  SHAPE_KINDS,
  shapeAt,
  textOf,
} from '../../shared/model/shapes/index';
import { svgRect } from '../../shared/model/shapes/svg';
import type { ShapeKindModule } from '../../shared/model/shapes/types';
import { strideCoverage } from '../../shared/threats/stride';

/**
 * The proof that a shape kind is one module: a throwaway DFD element kind, 'device', written the way
 * shared/model/shapes/<kind>.ts files are, registered at run time, and then seen by every shared consumer
 * (coverage, the review, both reports and their pictures, the Threat Dragon export, the CSV register)
 * without any of them being touched. (The client half — toolbar, outline — is checked by the client.)
 */
const DeviceShape = ShapeBase.extend({ kind: z.literal('device'), ...boxed({ w: 140, h: 80 }), ...ElementFields, implanted: z.boolean().default(false) });
type DeviceShape = z.infer<typeof DeviceShape>;

const device = {
  kind: 'device',
  label: 'Medical device',
  schema: DeviceShape,
  ...BOX_ELEMENT,
  defaultSize: { w: 150, h: 90 },
  stride: ['S', 'T', 'D'],
  svg: (s) => svgRect(rectOf(s), 'rx="10" fill="#e3fafc" stroke="#0b7285" stroke-width="3"') + labelSvg(s),
  mermaidNode: (l) => `{{${l}}}`,
  td: {
    layer: 1,
    cell: (s, ctx) => ({ ...ctx.common, shape: 'device', attrs: { text: { text: s.label }, body: TD_BODY }, data: tdElementData('tm.Device', s, ctx) }),
  },
} satisfies ShapeKindModule<DeviceShape>;

registerShapeKind(device);

function board(): BoardData {
  const data = BoardDataSchema.parse({
    meta: { title: 'Infusion system' },
    views: [{ id: 'main', title: 'Global' }],
    shapes: [
      { kind: 'process', id: 'app', label: 'Pump app', pos: { x: 400, y: 0 } },
      { kind: 'flow', id: 'link', label: 'Dose commands', from: 'app', to: 'pump', protocol: 'BLE' },
      { kind: 'threat', id: 't1', num: 1, stride: 'T', title: 'Forged dose command', elements: ['pump'], pos: { x: 0, y: 300 } },
    ],
    mitigations: [],
    assumptions: [],
  });
  const pump = DeviceShape.parse({ kind: 'device', id: 'pump', label: 'Infusion pump', pos: { x: 0, y: 0 } });
  // The Shape union is static; a run-time kind's records come from the code that registered it.
  return { ...data, shapes: [pump as unknown as Shape, ...data.shapes] };
}

describe('a shape kind registered from its module alone', () => {
  const data = board();
  const pump = data.shapes[0]!;

  it('is a DFD element in every registry lookup', () => {
    expect(SHAPE_KINDS.map((m) => m.kind)).not.toContain('device');
    expect(ELEMENT_KINDS).toContain('device');
    expect(isDfdElement(pump)).toBe(true);
    expect(isConnectable('device')).toBe(true);
    expect(LOCKABLE_KINDS.has('device')).toBe(true);
    expect(SHAPE_KIND_LABELS['device' as never]).toBe('Medical device');
    expect(textOf(pump)).toBe('Infusion pump');
    const byId = new Map(data.shapes.map((s) => [s.id, s] as const));
    expect(describeShape(byId.get('link')!, byId)).toBe('Pump app → Infusion pump (Dose commands, BLE)');
    expect(describeShape(byId.get('t1')!, byId)).toBe('T-1 · T · Forged dose command (on Infusion pump)');
    expect(shapeAt(data.shapes, { x: 10, y: 10 })?.id).toBe('pump');
  });

  it('gets STRIDE-per-element coverage from its own letters', () => {
    const row = strideCoverage(data.shapes).find((r) => r.element.id === 'pump');
    expect(row).toMatchObject({ applicable: ['S', 'T', 'D'], covered: ['T'], gaps: ['S', 'D'] });
  });

  it('is drawn, listed and reviewed in the HTML report', () => {
    const html = reportHtml(data, { generatedAt: new Date(0) });
    expect(html).toContain('rx="10" fill="#e3fafc" stroke="#0b7285"');
    expect(html).toMatch(/>Medical device<\/t[hd]>\s*<td>Infusion pump<\/td>/);
    expect(html).toContain('Medical device &quot;Infusion pump&quot; has no threat for S (Spoofing), D (Denial of service).');
  });

  it('is a node of the Markdown report’s diagram and a row of its element table', () => {
    const md = reportMarkdown(data, { generatedAt: new Date(0) });
    expect(md).toMatch(/e\d+\{\{"Infusion pump"\}\}/);
    expect(md).toContain('| Medical device | Infusion pump |');
  });

  it('is a Threat Dragon cell carrying its threats, with the flow attached to it', () => {
    const { model, warnings } = boardToThreatDragon(data);
    const cells = (model as { detail: { diagrams: { cells: Record<string, any>[] }[] } }).detail.diagrams[0]!.cells;
    const cell = cells.find((c) => c.id === 'pump');
    expect(cell).toMatchObject({ shape: 'device', position: { x: 0, y: 0 }, data: { type: 'tm.Device', name: 'Infusion pump', hasOpenThreats: true } });
    expect(cell!.data.threats.map((t: { title: string }) => t.title)).toEqual(['Forged dose command']);
    expect(cells.find((c) => c.id === 'link')!.target).toEqual({ cell: 'pump' });
    expect(warnings).toEqual([]);
  });

  it('names the element of a threat in the CSV register', () => {
    const row = registerCsv(data).split('\r\n')[1]!;
    expect(row).toContain('Forged dose command,Tampering,Infusion pump (Global)');
  });
});
