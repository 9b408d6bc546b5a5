import { generateKeyBetween } from 'fractional-indexing';
import { z } from 'zod';
import { newId } from '../model/board-doc';
import { flowPoints, rectOf, type Rect } from '../model/geometry';
import {
  NOTE_SIZE,
  PROTOCOLS,
  SCHEMA_VERSION,
  type CONTROL_CATEGORIES,
  type FlowShape,
  type Mitigation,
  type Point,
  type Protocol,
  type Shape,
  type Strategy,
  type Stride,
  type ThreatShape,
  type ThreatStatus,
  type View,
} from '../model/schema';
import { riskBefore, RISK_LEVEL_LABELS } from '../risk/matrix';
import { cvssVectorProblems } from '../risk/cvss';
import { STRIDE_NAMES } from '../threats/stride';
import { LIMITS, parseBoardData, threatsOf, type BoardData, type Validated } from './board-data';

/**
 * OWASP Threat Dragon models in and out.
 *
 * Import reads v1 (JointJS: `diagramJson.cells`, kind in `type`, fields on the cell) and v2 (AntV X6:
 * `cells`, kind in `shape`, fields in `data`). Each diagram becomes a view; actors, processes, stores,
 * flows (attached to cells or ending at free points), boundary boxes, boundary curves (as the bounding box
 * of their points: a board's boundaries are rectangles) and text blocks become shapes; each threat becomes
 * a threat note attached to its element, and its mitigation text a mitigation record (one record per
 * distinct text, linked to every threat that names it).
 *
 * What the board has no field for (a threat's Threat Dragon severity and score, a type outside STRIDE) is
 * kept in a last line of the threat's description, `[Threat Dragon] severity: High; score: 5`, and read
 * back by the export, so a model survives Threat Dragon → board → Threat Dragon.
 *
 * Export writes v2 that validates against Threat Dragon's own JSON schema (see PITFALLS.md for its traps).
 */

// ---- input schema: lenient about what we do not use, strict about the types of what we do -------------

const num = z.number().finite();
const str = z.string().max(100_000);
/** Flags are read when they are booleans; anything else counts as absent (old files vary). */
const flag = z.boolean().optional().catch(undefined);
const TdPoint = z.object({ x: num, y: num });

const TdThreat = z.object({
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
type TdThreat = z.infer<typeof TdThreat>;

const TdEnd = z.object({
  cell: z.union([str, num]).optional(),
  id: z.union([str, num]).optional(),
  x: num.optional(),
  y: num.optional(),
});

const ElementFlags = {
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

const TdCell = z.object({
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
type TdCell = z.infer<typeof TdCell>;

const TdDiagram = z.object({
  id: z.union([str, num]).optional(),
  title: str.optional(),
  description: str.optional(),
  cells: z.array(TdCell).max(20_000).optional(),
  diagramJson: z.object({ cells: z.array(TdCell).max(20_000) }).optional(),
});

export const ThreatDragonModel = z.object({
  version: str.optional(),
  summary: z.object({ title: str.optional(), owner: str.optional(), description: str.optional() }).optional(),
  detail: z.object({ diagrams: z.array(TdDiagram).max(200) }),
});

/** Does this parsed JSON look like a Threat Dragon model (of either version)? */
export function isThreatDragonModel(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const detail = (value as { detail?: unknown }).detail;
  return !!detail && typeof detail === 'object' && 'diagrams' in detail;
}

// ---- mappings -----------------------------------------------------------------------------------

type ElementKind = 'entity' | 'process' | 'store' | 'flow' | 'boundary-box' | 'boundary-curve' | 'text';

const KIND_BY_NAME: Readonly<Record<string, ElementKind>> = {
  actor: 'entity',
  'tm.actor': 'entity',
  process: 'process',
  'tm.process': 'process',
  store: 'store',
  'tm.store': 'store',
  flow: 'flow',
  'tm.flow': 'flow',
  'trust-boundary-box': 'boundary-box',
  'tm.boundarybox': 'boundary-box',
  'trust-boundary-curve': 'boundary-curve',
  'tm.boundary': 'boundary-curve',
  'td-text-block': 'text',
  'tm.text': 'text',
};

function kindOf(cell: TdCell): ElementKind | undefined {
  for (const name of [cell.shape, cell.type, cell.data?.type]) {
    const k = name ? KIND_BY_NAME[name.toLowerCase()] : undefined;
    if (k) return k;
  }
  return undefined;
}

/** STRIDE letter of a Threat Dragon threat type. LINDDUN and CIA types map to the nearest STRIDE category. */
const STRIDE_BY_TYPE: Readonly<Record<string, Stride>> = {
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

const STATUS_IN: Readonly<Record<string, ThreatStatus>> = {
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

const STATUS_OUT: Readonly<Record<ThreatStatus, string>> = {
  open: 'Open',
  mitigated: 'Mitigated',
  'not-applicable': 'NotApplicable',
  accepted: 'Accepted',
  transferred: 'Transferred',
  eliminated: 'Eliminated',
};

const STRATEGY_OF_STATUS: Readonly<Record<ThreatStatus, Strategy>> = {
  open: '',
  mitigated: 'mitigate',
  'not-applicable': '',
  accepted: 'accept',
  transferred: 'transfer',
  eliminated: 'eliminate',
};

/** A first guess at the FDA control category of a mitigation, from the threat it answers. */
const CATEGORY_OF_STRIDE: Readonly<Record<Stride, (typeof CONTROL_CATEGORIES)[number]>> = {
  S: 'authentication',
  T: 'integrity',
  R: 'logging',
  I: 'confidentiality',
  D: 'resiliency',
  E: 'authorization',
};

function protocolOf(text: string): Protocol | null {
  const t = text.trim().toLowerCase();
  if (t === '') return '';
  if (t === 'http/s' || t === 'https' || t === 'tls' || t === 'http over tls') return 'HTTPS';
  if (t === 'bluetooth' || t === 'bluetooth le' || t === 'ble') return 'BLE';
  if (t === 'wifi' || t === 'wi-fi') return 'Wi-Fi';
  return PROTOCOLS.find((p) => p !== '' && p.toLowerCase() === t) ?? null;
}

const TRAILER = '[Threat Dragon] ';

/** Fields of a Threat Dragon threat the board has no place for, as the description's last line. */
function trailer(fields: Record<string, string>): string {
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

function clip(s: string | undefined, max: number): string {
  const t = s ?? '';
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function textAt(obj: unknown, ...path: (string | number)[]): string | undefined {
  let cur: unknown = obj;
  for (const key of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return typeof cur === 'string' ? cur : undefined;
}

function nameOf(cell: TdCell): string {
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

const ID = /^[A-Za-z0-9_-]{1,64}$/;

// ---- import ---------------------------------------------------------------------------------------

export interface ImportOptions {
  /** Creation time given to records, in ms; numbers follow the file's order from there. */
  now?: number;
}

export type ImportResult = Validated<BoardData> & { version?: 1 | 2 };

/** Board data from a parsed Threat Dragon file, or the list of what is wrong with it. */
export function threatDragonToData(value: unknown, opts: ImportOptions = {}): ImportResult {
  const records = countRecords(value);
  if (records > LIMITS.shapes) {
    return { ok: false, errors: [`the model has ${records} elements and threats; a board holds at most ${LIMITS.shapes} shapes`] };
  }
  const parsed = ThreatDragonModel.safeParse(value);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.slice(0, 50).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };
  }
  const model = parsed.data;
  const warnings: string[] = [];
  const warn = (m: string) => {
    if (warnings.length < 100) warnings.push(m);
  };
  let clock = opts.now ?? Date.now();
  const usedIds = new Set<string>();
  const idFor = (raw: string | number | undefined): string => {
    const s = raw === undefined ? '' : String(raw);
    const id = ID.test(s) && !usedIds.has(s) ? s : newId();
    usedIds.add(id);
    return id;
  };

  const views: View[] = [];
  const shapes: Shape[] = [];
  const mitigations: Mitigation[] = [];
  const mitigationByText = new Map<string, Mitigation>();
  let viewOrder: string | null = null;
  let zKey: string | null = null;
  const nextZ = () => (zKey = generateKeyBetween(zKey, null));
  let isV1 = false;

  model.detail.diagrams.forEach((diagram, di) => {
    const cells = diagram.cells ?? diagram.diagramJson?.cells ?? [];
    if (!diagram.cells && diagram.diagramJson) isV1 = true;
    viewOrder = generateKeyBetween(viewOrder, null);
    const view: View = {
      id: idFor(`diagram-${di + 1}`),
      v: SCHEMA_VERSION,
      title: clip(diagram.title?.trim() || `Diagram ${di + 1}`, 200),
      kind: 'custom',
      description: clip(diagram.description || (di === 0 ? model.summary?.description : '') || '', 20_000),
      order: viewOrder,
    };
    views.push(view);
    const base = { v: SCHEMA_VERSION, view: view.id, createdBy: '', createdAt: 0 };
    // Draw order: boundaries first (they sit behind), then the file's z order.
    const ordered = cells
      .map((cell, index) => ({ cell, index, kind: kindOf(cell) }))
      .sort(
        (a, b) =>
          Number(b.kind?.startsWith('boundary') ?? false) - Number(a.kind?.startsWith('boundary') ?? false) ||
          (a.cell.zIndex ?? a.cell.z ?? 0) - (b.cell.zIndex ?? b.cell.z ?? 0) ||
          a.index - b.index,
      );
    const byCellId = new Map<string, Shape>();
    const index = new Map<string, Shape>();
    const pending: { cell: TdCell; shape: Shape }[] = [];

    // Boxes first, so that flows can attach to them whatever the order in the file.
    for (const { cell, index: ci, kind } of ordered) {
      if (!kind) {
        warn(`diagram ${di + 1}, cell ${ci + 1}: unknown shape "${cell.shape ?? cell.type ?? ''}" skipped`);
        continue;
      }
      if (kind === 'flow' || kind === 'boundary-curve') continue;
      const pos = cell.position ?? { x: 0, y: 0 };
      const size = { w: clamp(cell.size?.width ?? 140, 8, 20_000), h: clamp(cell.size?.height ?? 80, 8, 20_000) };
      const id = idFor(cell.id);
      const d = cell.data ?? cell;
      const name = nameOf(cell);
      const element = {
        label: clip(name, 200),
        description: clip(d.description, 20_000),
        outOfScope: d.outOfScope ?? false,
        outOfScopeReason: clip(d.reasonOutOfScope, 2000),
      };
      let shape: Shape;
      if (kind === 'entity') shape = { ...base, id, z: nextZ(), kind: 'entity', pos, size, ...element };
      else if (kind === 'process') shape = { ...base, id, z: nextZ(), kind: 'process', pos, size, ...element, runsOn: '' };
      else if (kind === 'store') shape = { ...base, id, z: nextZ(), kind: 'store', pos, size, ...element, holdsPatientData: false, isLog: d.isALog ?? false };
      else if (kind === 'boundary-box') shape = { ...base, id, z: nextZ(), kind: 'boundary', pos, size, label: element.label, description: element.description };
      else shape = { ...base, id, z: nextZ(), kind: 'text', pos, size, text: clip(name, 10_000) };
      shapes.push(shape);
      index.set(shape.id, shape);
      if (cell.id !== undefined) byCellId.set(String(cell.id), shape);
      pending.push({ cell, shape });
    }

    for (const { cell, kind } of ordered) {
      if (kind !== 'flow' && kind !== 'boundary-curve') continue;
      const id = idFor(cell.id);
      const d = cell.data ?? cell;
      const bends = (cell.vertices ?? []).map((p) => ({ x: p.x, y: p.y }));
      if (kind === 'boundary-curve') {
        const pts = [cell.source, ...bends, cell.target].filter((p): p is Point => typeof p?.x === 'number' && typeof p?.y === 'number');
        const rect = boundingBox(pts.length ? pts : [{ x: 0, y: 0 }]);
        const shape: Shape = {
          ...base,
          id,
          z: nextZ(),
          kind: 'boundary',
          pos: { x: rect.x, y: rect.y },
          size: { w: clamp(rect.w, 8, 20_000), h: clamp(rect.h, 8, 20_000) },
          label: clip(nameOf(cell), 200),
          description: clip(d.description, 20_000),
        };
        shapes.push(shape);
        pending.push({ cell, shape });
        continue;
      }
      const end = (e: z.infer<typeof TdEnd> | undefined, which: string): { id: string | null; pt: Point } => {
        const ref = e?.cell ?? e?.id;
        const target = ref !== undefined ? byCellId.get(String(ref)) : undefined;
        if (target && (target.kind === 'entity' || target.kind === 'process' || target.kind === 'store')) {
          const r = rectOf(target);
          return { id: target.id, pt: { x: r.x + r.w / 2, y: r.y + r.h / 2 } };
        }
        if (typeof e?.x === 'number' && typeof e?.y === 'number') return { id: null, pt: { x: e.x, y: e.y } };
        warn(`diagram ${di + 1}: flow "${nameOf(cell)}" has a ${which} that is neither an element nor a point; it starts at 0,0`);
        return { id: null, pt: { x: 0, y: 0 } };
      };
      const from = end(cell.source, 'source');
      const to = end(cell.target, 'target');
      const protocolText = d.protocol ?? '';
      const protocol = protocolOf(protocolText);
      let description = clip(d.description, 20_000);
      if (protocol === null) description = clip(`${description}${description ? '\n\n' : ''}Protocol: ${protocolText.trim()}`, 20_000);
      if (bends.length > 50) warn(`diagram ${di + 1}: flow "${nameOf(cell)}" has ${bends.length} bend points; the first 50 are kept`);
      const shape: FlowShape = {
        ...base,
        id,
        z: nextZ(),
        kind: 'flow',
        label: clip(nameOf(cell), 200),
        description,
        outOfScope: d.outOfScope ?? false,
        outOfScopeReason: clip(d.reasonOutOfScope, 2000),
        from: from.id,
        to: to.id,
        fromPt: from.pt,
        toPt: to.pt,
        bends: bends.slice(0, 50),
        bidirectional: d.isBidirectional ?? false,
        protocol: protocol ?? 'other',
        encrypted: d.isEncrypted ?? false,
        authenticated: false,
        crossesInternet: d.isPublicNetwork ?? false,
      };
      shapes.push(shape);
      index.set(shape.id, shape);
      pending.push({ cell, shape });
    }

    // Threat notes go in a grid to the right of the diagram, in the order of the elements they belong to
    // (top to bottom), so that they never cover the drawing; connectors show which element each is on.
    // Threat Dragon draws no notes, so its diagrams leave no room for them between the elements.
    const rectOfShape = (shape: Shape): Rect =>
      shape.kind === 'flow' ? boundingBox(flowPoints(shape, index)) : 'pos' in shape ? rectOf(shape) : { x: 0, y: 0, w: 0, h: 0 };
    const drawing = pending.length ? boundingBox(pending.flatMap(({ shape }) => corners(rectOfShape(shape)))) : { x: 0, y: 0, w: 0, h: 0 };
    const jobs = pending
      .flatMap(({ cell, shape }) => (cell.data?.threats ?? cell.threats ?? []).map((t) => ({ t, shape, at: rectOfShape(shape) })))
      .map((job, order) => ({ ...job, order }))
      .sort((a, b) => a.at.y + a.at.h / 2 - (b.at.y + b.at.h / 2) || a.at.x - b.at.x || a.order - b.order);
    const GAP = 16;
    const perColumn = Math.max(4, Math.floor((drawing.h + GAP) / (NOTE_SIZE.h + GAP)));
    jobs.forEach(({ t, shape }, k) => {
      const attachable = shape.kind === 'entity' || shape.kind === 'process' || shape.kind === 'store' || shape.kind === 'flow';
      const threat = importThreat(t, {
        id: idFor(t.id ?? t.threatId),
        view: view.id,
        z: nextZ(),
        createdAt: clock++,
        pos: {
          x: drawing.x + drawing.w + 80 + Math.floor(k / perColumn) * (NOTE_SIZE.w + GAP),
          y: drawing.y + (k % perColumn) * (NOTE_SIZE.h + GAP),
        },
        elements: attachable ? [shape.id] : [],
      });
      const text = (t.mitigation ?? '').trim();
      if (text) {
        let m = mitigationByText.get(text);
        if (!m) {
          m = {
            id: newId(),
            v: SCHEMA_VERSION,
            num: 0,
            title: clip(text.split('\n')[0]!.trim(), 120),
            category: CATEGORY_OF_STRIDE[threat.stride],
            description: clip(text, 20_000),
            owner: '',
            verification: '',
            createdAt: clock++,
          };
          mitigationByText.set(text, m);
          mitigations.push(m);
        }
        threat.mitigations.push({ id: m.id, status: threat.status === 'mitigated' ? 'implemented' : 'planned' });
      }
      shapes.push(threat);
    });
  });

  if (views.length === 0) return { ok: false, errors: ['detail.diagrams: the model has no diagram'] };
  const title = model.summary?.title?.trim() || 'Imported Threat Dragon model';
  const result = parseBoardData({
    meta: { title: clip(title, 200), schemaVersion: SCHEMA_VERSION },
    views,
    shapes,
    mitigations,
    assumptions: [],
    comments: [],
  });
  if (!result.ok) return result;
  return { ...result, warnings: [...warnings, ...result.warnings], version: isV1 ? 1 : 2 };
}

/** Cells and threats of a raw model, counted before validation builds anything from them. */
function countRecords(value: unknown): number {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const field = (v: unknown, key: string): unknown => (v && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined);
  let n = 0;
  for (const diagram of list(field(field(value, 'detail'), 'diagrams'))) {
    const cells = list(field(diagram, 'cells') ?? field(field(diagram, 'diagramJson'), 'cells'));
    n += cells.length;
    for (const cell of cells) n += list(field(field(cell, 'data'), 'threats') ?? field(cell, 'threats')).length;
  }
  return n;
}

function importThreat(
  t: TdThreat,
  at: { id: string; view: string; z: string; createdAt: number; pos: Point; elements: string[] },
): ThreatShape {
  const type = (t.type ?? '').trim();
  const modelType = (t.modelType ?? '').trim();
  const strideName = Object.entries(STRIDE_NAMES).find(([, name]) => name.toLowerCase() === type.toLowerCase());
  const stride = (strideName?.[0] as Stride | undefined) ?? STRIDE_BY_TYPE[type.toLowerCase()] ?? 'T';
  const status = STATUS_IN[(t.status ?? '').trim().toLowerCase()] ?? 'open';
  const score = t.score === undefined ? '' : String(t.score).trim();
  const scoreIsVector = score.startsWith('CVSS:3') && cvssVectorProblems(score).length === 0;
  const extra = trailer({
    type: strideName && (!modelType || modelType === 'STRIDE') ? '' : type,
    modelType: modelType && modelType !== 'STRIDE' ? modelType : '',
    severity: (t.severity ?? '').trim(),
    score: scoreIsVector ? '' : score,
  });
  const description = (t.description ?? '').trim();
  return {
    v: SCHEMA_VERSION,
    kind: 'threat',
    id: at.id,
    view: at.view,
    z: at.z,
    createdBy: '',
    createdAt: at.createdAt,
    pos: at.pos,
    size: NOTE_SIZE,
    stride,
    title: clip((t.title ?? '').trim() || type || 'Untitled threat', 300),
    description: extra ? `${clip(description, 20_000 - extra.length - 2)}${description ? '\n\n' : ''}${extra}` : clip(description, 20_000),
    elements: at.elements,
    num: typeof t.number === 'number' && Number.isInteger(t.number) && t.number > 0 ? t.number : 0,
    status,
    libraryId: '',
    votes: 0,
    severity: '',
    exploitability: '',
    cvss: scoreIsVector ? score : '',
    strategy: STRATEGY_OF_STATUS[status],
    rationale: '',
    owner: '',
    residualSeverity: '',
    residualExploitability: '',
    safetyHandoff: false,
    mitigations: [],
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

function corners(r: Rect): Point[] {
  return [
    { x: r.x, y: r.y },
    { x: r.x + r.w, y: r.y + r.h },
  ];
}

function boundingBox(pts: readonly Point[]): Rect {
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

// ---- export ---------------------------------------------------------------------------------------

export const TD_VERSION = '2.3.0';
const THUMBNAIL = './public/content/images/thumbnail.stride.jpg';
const BODY = { stroke: '#333333', strokeWidth: 1.5, strokeDasharray: null };

export interface TdExport {
  model: Record<string, unknown>;
  /** What Threat Dragon has no place for (e.g. a threat attached to no element). */
  warnings: string[];
}

/** A Threat Dragon v2 model of the board: one diagram per view. */
export function boardToThreatDragon(data: BoardData): TdExport {
  const warnings: string[] = [];
  const byId = new Map(data.shapes.map((s) => [s.id, s] as const));
  const mitigationsById = new Map(data.mitigations.map((m) => [m.id, m] as const));

  // Threat Dragon keeps threats on elements: each threat goes to the first element it is attached to.
  const threatsOn = new Map<string, ThreatShape[]>();
  for (const t of threatsOf(data)) {
    const host = t.elements.find((id) => {
      const s = byId.get(id);
      return s && (s.kind === 'entity' || s.kind === 'process' || s.kind === 'store' || s.kind === 'flow');
    });
    const label = t.num > 0 ? `T-${t.num}` : t.id;
    if (!host) {
      warnings.push(`${label} "${t.title}" is attached to no element and is not in the Threat Dragon file`);
      continue;
    }
    if (t.elements.length > 1) warnings.push(`${label} "${t.title}" is attached to several elements; Threat Dragon gets it on the first only`);
    threatsOn.set(host, [...(threatsOn.get(host) ?? []), t]);
  }

  const tdThreat = (t: ThreatShape) => {
    const { description, fields } = readTrailer(t.description);
    const risk = riskBefore(t);
    const mitigation = t.mitigations
      .map((l) => mitigationsById.get(l.id))
      .filter((m): m is Mitigation => !!m)
      .map((m) => m.description.trim() || m.title.trim())
      .join('\n\n');
    return {
      id: t.id,
      threatId: t.id,
      title: t.title,
      type: fields.type || STRIDE_NAMES[t.stride],
      status: STATUS_OUT[t.status],
      severity: risk ? RISK_LEVEL_LABELS[risk] : fields.severity || 'TBD',
      description,
      mitigation,
      modelType: fields.modelType || 'STRIDE',
      ...(t.num > 0 ? { number: t.num } : {}),
      score: t.cvss || fields.score || '',
      new: false,
    };
  };

  const diagrams = data.views.map((view, di) => {
    const onView = data.shapes.filter((s) => s.view === view.id && s.kind !== 'threat');
    const exported = new Set(onView.map((s) => s.id));
    const ordered = [...onView.filter((s) => s.kind === 'boundary'), ...onView.filter((s) => s.kind !== 'boundary')];
    const cells = ordered.map((s, zIndex) => {
      const threats = (threatsOn.get(s.id) ?? []).map(tdThreat);
      const hasOpenThreats = threats.some((t) => t.status === 'Open');
      const box = 'pos' in s ? { position: { x: s.pos.x, y: s.pos.y }, size: { width: Math.max(10, s.size.w), height: Math.max(10, s.size.h) } } : {};
      const common = { id: s.id, zIndex, visible: true };
      switch (s.kind) {
        case 'entity':
        case 'process':
        case 'store': {
          const shape = s.kind === 'entity' ? 'actor' : s.kind;
          const type = s.kind === 'entity' ? 'tm.Actor' : s.kind === 'process' ? 'tm.Process' : 'tm.Store';
          const attrs =
            s.kind === 'store'
              ? { text: { text: s.label }, topLine: BODY, bottomLine: BODY }
              : { text: { text: s.label }, body: BODY };
          return {
            ...common,
            ...box,
            shape,
            attrs,
            data: {
              type,
              name: s.label,
              description: s.description,
              outOfScope: s.outOfScope,
              reasonOutOfScope: s.outOfScopeReason,
              isTrustBoundary: false,
              hasOpenThreats,
              threats,
              ...(s.kind === 'store' ? { isALog: s.isLog } : {}),
            },
          };
        }
        case 'flow': {
          const pts = flowPoints(s, byId);
          const endOf = (id: string | null, pt: Point | undefined) =>
            id !== null && exported.has(id) ? { cell: id } : { x: Math.round(pt?.x ?? 0), y: Math.round(pt?.y ?? 0) };
          return {
            ...common,
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
            data: {
              type: 'tm.Flow',
              name: s.label,
              description: s.description,
              outOfScope: s.outOfScope,
              reasonOutOfScope: s.outOfScopeReason,
              isBidirectional: s.bidirectional,
              isEncrypted: s.encrypted,
              isPublicNetwork: s.crossesInternet,
              protocol: s.protocol,
              isTrustBoundary: false,
              hasOpenThreats,
              threats,
            },
          };
        }
        case 'boundary':
          return {
            ...common,
            ...box,
            shape: 'trust-boundary-box',
            attrs: { label: { text: s.label } },
            data: { type: 'tm.BoundaryBox', name: s.label, description: s.description, isTrustBoundary: true, hasOpenThreats: false },
          };
        case 'text':
        case 'note':
          return {
            ...common,
            ...box,
            shape: 'td-text-block',
            attrs: { text: { text: s.text } },
            data: { type: 'tm.Text', name: s.text, hasOpenThreats: false },
          };
        case 'threat':
          throw new Error('unreachable: threats are not cells');
      }
    });
    return {
      id: di,
      title: view.title,
      diagramType: 'STRIDE',
      placeholder: '',
      thumbnail: THUMBNAIL,
      version: TD_VERSION,
      description: view.description,
      cells,
    };
  });

  const threatTop = Math.max(0, ...threatsOf(data).map((t) => t.num));
  return {
    model: {
      version: TD_VERSION,
      summary: { title: data.meta.title, owner: '', description: data.views[0]?.description ?? '', id: 0 },
      detail: { contributors: [], diagrams, diagramTop: diagrams.length, reviewer: '', threatTop },
    },
    warnings,
  };
}
