import { z } from 'zod';
import { borderPoint, boundingBox, centerOf, nearPolyline, rectOf, type Rect } from '../rect';
import { ElementFields, Point, ShapeBase } from './common';
import { tdElementData } from './element';
import { n, svgRect, svgText, wrap } from './svg';
import type { AnyShape, ShapeIndex, ShapeKindModule } from './types';

export const PROTOCOLS = ['', 'BLE', 'Wi-Fi', 'HTTPS', 'HL7', 'FHIR', 'DICOM', 'USB', 'other'] as const;
export const Protocol = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof Protocol>;

/**
 * A data flow between two elements. An end is either attached (`from`/`to` = shape id) or free
 * (`fromPt`/`toPt`), e.g. after its element was deleted; an attached end follows its element.
 */
export const FlowShape = ShapeBase.extend({
  kind: z.literal('flow'),
  ...ElementFields,
  from: z.string().max(64).nullable().default(null),
  to: z.string().max(64).nullable().default(null),
  fromPt: Point.default({ x: 0, y: 0 }),
  toPt: Point.default({ x: 100, y: 0 }),
  bends: z.array(Point).max(50).default([]),
  bidirectional: z.boolean().default(false),
  protocol: Protocol.catch('').default(''),
  encrypted: z.boolean().default(false),
  authenticated: z.boolean().default(false),
  crossesInternet: z.boolean().default(false),
});
export type FlowShape = z.infer<typeof FlowShape>;

function endRect(id: string | null, index: ShapeIndex): Rect | null {
  const s = id ? index.get(id) : undefined;
  return s && 'pos' in s && 'size' in s ? rectOf(s as AnyShape & { pos: Point; size: { w: number; h: number } }) : null;
}

/**
 * The polyline of a flow: start, bend points, end. An attached end follows its element (clipped to the
 * element's border); a detached end stays at its free point.
 */
export function flowPoints(flow: FlowShape, index: ShapeIndex): Point[] {
  const fromR = endRect(flow.from, index);
  const toR = endRect(flow.to, index);
  const fromC = fromR ? centerOf(fromR) : flow.fromPt;
  const toC = toR ? centerOf(toR) : flow.toPt;
  const first = flow.bends[0] ?? toC;
  const last = flow.bends[flow.bends.length - 1] ?? fromC;
  const start = fromR ? borderPoint(fromR, first) : fromC;
  const end = toR ? borderPoint(toR, last) : toC;
  return [start, ...flow.bends, end];
}

/** Threat Dragon's protocol text as one of the board's protocols; null when it is none of them. */
export function protocolOf(text: string): Protocol | null {
  const t = text.trim().toLowerCase();
  if (t === '') return '';
  if (t === 'http/s' || t === 'https' || t === 'tls' || t === 'http over tls') return 'HTTPS';
  if (t === 'bluetooth' || t === 'bluetooth le' || t === 'ble') return 'BLE';
  if (t === 'wifi' || t === 'wi-fi') return 'Wi-Fi';
  return PROTOCOLS.find((p) => p !== '' && p.toLowerCase() === t) ?? null;
}

export const flow = {
  kind: 'flow',
  label: 'Data flow',
  schema: FlowShape,
  defaultSize: null,
  textField: 'label',
  text: (s) => s.label,
  isElement: true,
  inDiagram: true,
  connectable: false,
  avoidedByLabels: false,
  lockable: true,
  stride: ['T', 'I', 'D'],
  bounds: (s, index) => boundingBox(flowPoints(s, index)),
  hit: (s, p, tolerance, index) => nearPolyline(p, flowPoints(s, index), tolerance),
  svgLayer: 1,
  svg(s, { index, idPrefix }) {
    const pts = flowPoints(s, index);
    const d = pts.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`).join(' ');
    const markers = `marker-end="url(#${idPrefix}-arrow)"${s.bidirectional ? ` marker-start="url(#${idPrefix}-arrow-start)"` : ''}`;
    let out = `<path d="${d}" fill="none" stroke="#495057" stroke-width="1.5" ${markers}/>`;
    if (s.label) {
      const mid = pts[Math.floor((pts.length - 1) / 2)]!;
      const next = pts[Math.floor((pts.length - 1) / 2) + 1] ?? mid;
      const lines = wrap(s.label + (s.protocol ? ` (${s.protocol})` : ''), 28, 2);
      const cx = (mid.x + next.x) / 2;
      const cy = (mid.y + next.y) / 2;
      const lw = Math.max(...lines.map((l) => l.length)) * 6 + 10;
      const lh = lines.length * 13 + 6;
      out += svgRect({ x: cx - lw / 2, y: cy - lh / 2, w: lw, h: lh }, 'rx="6" fill="#f8f9fa" stroke="#ced4da"');
      out += svgText(lines, cx, cy, { size: 10 });
    }
    return out;
  },
  td: {
    layer: 1,
    cell(s, ctx) {
      const pts = flowPoints(s, ctx.index);
      const endOf = (id: string | null, pt: Point | undefined) =>
        id !== null && ctx.exported.has(id) ? { cell: id } : { x: Math.round(pt?.x ?? 0), y: Math.round(pt?.y ?? 0) };
      return {
        ...ctx.common,
        shape: 'flow',
        width: 200,
        height: 100,
        connector: 'smooth',
        attrs: {
          line: {
            stroke: '#333333',
            strokeWidth: 1.5,
            targetMarker: { name: 'block' },
            sourceMarker: { name: s.bidirectional ? 'block' : '' },
            strokeDasharray: null,
          },
        },
        labels: [{ attrs: { labelText: { text: s.label }, text: { text: s.label } }, position: 0.5 }],
        source: endOf(s.from, pts[0]),
        target: endOf(s.to, pts[pts.length - 1]),
        vertices: s.bends.map((p) => ({ x: p.x, y: p.y })),
        data: (({ type, name, description, outOfScope, reasonOutOfScope, isTrustBoundary, hasOpenThreats, threats }) => ({
          type,
          name,
          description,
          outOfScope,
          reasonOutOfScope,
          isBidirectional: s.bidirectional,
          isEncrypted: s.encrypted,
          isPublicNetwork: s.crossesInternet,
          protocol: s.protocol,
          isTrustBoundary,
          hasOpenThreats,
          threats,
        }))(tdElementData('tm.Flow', s, ctx)),
      };
    },
    readers: [
      {
        names: ['flow', 'tm.flow'],
        links: true,
        read({ cell, base, data, element, name, end, warn, clip }) {
          const bends = (cell.vertices ?? []).map((p) => ({ x: p.x, y: p.y }));
          const from = end('source');
          const to = end('target');
          const protocolText = data.protocol ?? '';
          const protocol = protocolOf(protocolText);
          let description = element.description;
          if (protocol === null) description = clip(`${description}${description ? '\n\n' : ''}Protocol: ${protocolText.trim()}`, 20_000);
          if (bends.length > 50) warn(`flow "${name}" has ${bends.length} bend points; the first 50 are kept`);
          return {
            ...base,
            kind: 'flow',
            ...element,
            description,
            from: from.id,
            to: to.id,
            fromPt: from.pt,
            toPt: to.pt,
            bends: bends.slice(0, 50),
            bidirectional: data.isBidirectional ?? false,
            protocol: protocol ?? 'other',
            encrypted: data.isEncrypted ?? false,
            authenticated: false,
            crossesInternet: data.isPublicNetwork ?? false,
          };
        },
      },
    ],
  },
  describe(s, { index, text, label }) {
    const end = (id: string | null) => {
      const e = id ? index.get(id) : undefined;
      return e ? text(e) || `(unnamed ${label(e).toLowerCase()})` : '(free end)';
    };
    const ends = `${end(s.from)} ${s.bidirectional ? '↔' : '→'} ${end(s.to)}`;
    const extra = [s.label.trim(), s.protocol].filter(Boolean).join(', ');
    return extra ? `${ends} (${extra})` : ends;
  },
} satisfies ShapeKindModule<FlowShape>;
