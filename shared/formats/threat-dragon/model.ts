import { z } from 'zod';
import type { CONTROL_CATEGORIES, Strategy, Stride, ThreatStatus } from '../../model/schema';
import { shapeModules } from '../../model/shapes/index';
import type { AnyShape, TdReader } from '../../model/shapes/types';

/** Threat Dragon's model: input schema, and the mappings between its vocabulary and the board's. */
// ---- input schema: lenient about what we do not use, strict about the types of what we do -------------

export const num = z.number().finite();
export const str = z.string().max(100_000);
/** Flags are read when they are booleans; anything else counts as absent (old files vary). */
export const flag = z.boolean().optional().catch(undefined);
export const TdPoint = z.object({ x: num, y: num });

export const TdThreat = z.object({
  id: z.union([str, num]).optional(),
  threatId: z.union([str, num]).optional(),
  title: str.optional(),
  type: str.optional(),
  status: str.optional(),
  severity: str.optional(),
  description: str.optional(),
  mitigation: str.optional(),
  modelType: str.optional(),
  score: z.union([str, num]).optional(),
  number: num.optional(),
});
export type TdThreat = z.infer<typeof TdThreat>;

export const TdEnd = z.object({
  cell: z.union([str, num]).optional(),
  id: z.union([str, num]).optional(),
  x: num.optional(),
  y: num.optional(),
});

export const ElementFlags = {
  name: str.optional(),
  description: str.optional(),
  outOfScope: flag,
  reasonOutOfScope: str.optional().catch(undefined),
  isBidirectional: flag,
  isEncrypted: flag,
  isPublicNetwork: flag,
  protocol: str.optional().catch(undefined),
  isALog: flag,
  threats: z.array(TdThreat).max(5_000).optional(),
};

export const TdCell = z.object({
  id: z.union([str, num]).optional(),
  shape: str.optional(),
  type: str.optional(),
  position: TdPoint.optional(),
  size: z.object({ width: num, height: num }).optional(),
  source: TdEnd.optional(),
  target: TdEnd.optional(),
  vertices: z.array(TdPoint).max(5_000).optional(),
  zIndex: num.optional(),
  z: num.optional(),
  attrs: z.record(z.string(), z.unknown()).optional().catch(undefined),
  labels: z.array(z.unknown()).max(100).optional().catch(undefined),
  data: z.object({ type: str.optional(), ...ElementFlags }).optional(),
  // v1 keeps the element's fields on the cell itself
  ...ElementFlags,
});
export type TdCell = z.infer<typeof TdCell>;

export const TdDiagram = z.object({
  id: z.union([str, num]).optional(),
  title: str.optional(),
  description: str.optional(),
  cells: z.array(TdCell).max(20_000).optional(),
  diagramJson: z.object({ cells: z.array(TdCell).max(20_000) }).optional(),
});

export const ThreatDragonModel = z.object({
  version: str.optional(),
  summary: z.object({ title: str.optional(), owner: str.optional(), description: str.optional() }).optional(),
  detail: z.object({ diagrams: z.array(TdDiagram).max(200), reviewer: str.optional().catch(undefined) }),
});

/** Does this parsed JSON look like a Threat Dragon model (of either version)? */
export function isThreatDragonModel(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const detail = (value as { detail?: unknown }).detail;
  return !!detail && typeof detail === 'object' && 'diagrams' in detail;
}

// ---- mappings -----------------------------------------------------------------------------------

/** A kind's reader of one Threat Dragon cell kind (see each module's `td.readers`). */
export interface TdCellReader {
  kind: string;
  /** Its kind's Threat Dragon layer: boundaries (0) sit behind. */
  layer: number;
  reader: TdReader<AnyShape>;
}

/** Which kind reads this cell, by its v2 `shape`, v1 `type` or `data.type`; undefined when none does. */
export function readerOf(cell: TdCell): TdCellReader | undefined {
  for (const name of [cell.shape, cell.type, cell.data?.type]) {
    if (!name) continue;
    const lower = name.toLowerCase();
    for (const m of shapeModules()) {
      const reader = m.td?.readers?.find((r) => r.names.includes(lower));
      if (reader && m.td) return { kind: m.kind, layer: m.td.layer, reader };
    }
  }
  return undefined;
}

/** STRIDE letter of a Threat Dragon threat type. LINDDUN and CIA types map to the nearest STRIDE category. */
export const STRIDE_BY_TYPE: Readonly<Record<string, Stride>> = {
  spoofing: 'S',
  tampering: 'T',
  repudiation: 'R',
  'information disclosure': 'I',
  'denial of service': 'D',
  'elevation of privilege': 'E',
  // LINDDUN (privacy): all but two are about what is learnt about a person
  linkability: 'I',
  identifiability: 'I',
  'non-repudiation': 'R',
  detectability: 'I',
  'disclosure of information': 'I',
  unawareness: 'I',
  'non-compliance': 'R',
  // CIA
  confidentiality: 'I',
  integrity: 'T',
  availability: 'D',
};

export const STATUS_IN: Readonly<Record<string, ThreatStatus>> = {
  open: 'open',
  mitigated: 'mitigated',
  notapplicable: 'not-applicable',
  'not applicable': 'not-applicable',
  na: 'not-applicable',
  'n/a': 'not-applicable',
  accepted: 'accepted',
  transferred: 'transferred',
  eliminated: 'eliminated',
  avoided: 'eliminated',
};

export const STATUS_OUT: Readonly<Record<ThreatStatus, string>> = {
  open: 'Open',
  mitigated: 'Mitigated',
  'not-applicable': 'NotApplicable',
  accepted: 'Accepted',
  transferred: 'Transferred',
  eliminated: 'Eliminated',
};

export const STRATEGY_OF_STATUS: Readonly<Record<ThreatStatus, Strategy>> = {
  open: '',
  mitigated: 'mitigate',
  'not-applicable': '',
  accepted: 'accept',
  transferred: 'transfer',
  eliminated: 'eliminate',
};

/** A first guess at the FDA control category of a mitigation, from the threat it answers. */
export const CATEGORY_OF_STRIDE: Readonly<Record<Stride, (typeof CONTROL_CATEGORIES)[number]>> = {
  S: 'authentication',
  T: 'integrity',
  R: 'logging',
  I: 'confidentiality',
  D: 'resiliency',
  E: 'authorization',
};

export { protocolOf } from '../../model/shapes/flow';

export const TRAILER = '[Threat Dragon] ';

/** Fields of a Threat Dragon threat the board has no place for, as the description's last line. */
export function trailer(fields: Record<string, string>): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v.trim() !== '')
    .map(([k, v]) => `${k}: ${clip(v.replace(/[;\r\n]+/g, ',').trim(), 200)}`);
  return parts.length ? `${TRAILER}${parts.join('; ')}` : '';
}

export function readTrailer(description: string): { description: string; fields: Record<string, string> } {
  const i = description.lastIndexOf(TRAILER);
  if (i < 0 || description.indexOf('\n', i) >= 0 || (i > 0 && description[i - 1] !== '\n')) return { description, fields: {} };
  const fields: Record<string, string> = {};
  for (const part of description.slice(i + TRAILER.length).split('; ')) {
    const m = /^([A-Za-z]+): (.*)$/.exec(part);
    if (m) fields[m[1]!] = m[2]!;
  }
  return { description: description.slice(0, i).replace(/\n+$/, ''), fields };
}

export function clip(s: string | undefined, max: number): string {
  const t = s ?? '';
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function textAt(obj: unknown, ...path: (string | number)[]): string | undefined {
  let cur: unknown = obj;
  for (const key of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return typeof cur === 'string' ? cur : undefined;
}

export function nameOf(cell: TdCell): string {
  const candidates = [
    cell.data?.name,
    cell.name,
    textAt(cell.attrs, 'text', 'text'),
    textAt(cell.attrs, 'label', 'text'),
    textAt(cell.labels, 0, 'attrs', 'labelText', 'text'),
    textAt(cell.labels, 0, 'attrs', 'text', 'text'),
  ];
  return candidates.find((c) => c !== undefined && c.trim() !== '') ?? '';
}

export const ID = /^[A-Za-z0-9_-]{1,64}$/;

