import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { addShape, boardMaps, DEFAULT_VIEW_ID, newId, readShapes, zOnTop } from '../model/board-doc';
import { isClear, placementObstacles, placeThreatNote } from '../model/placement';
import { toYMap, recordFields } from '../model/ymap';
import { NOTE_SIZE, View, type Point, type Protocol, type Stride, type ShapeInput } from '../model/schema';

/**
 * Templates are plain data: views laid out on a grid of cells, elements and threats named by local keys.
 * `buildTemplate` turns that into shapes with fresh ids, pixel positions, boundary rectangles and z keys.
 */
export interface TemplateInfo {
  id: string;
  title: string;
  description: string;
}

/** A grid cell [column, row]; fractions are allowed for fine placement. */
export type Cell = readonly [number, number];

type RunsOn = '' | 'device' | 'phone' | 'cloud' | 'hospital' | 'other';

interface NodeCommon {
  key: string;
  label: string;
  description?: string;
  at: Cell;
}
export type NodeSpec =
  | (NodeCommon & { kind: 'entity' })
  | (NodeCommon & { kind: 'process'; runsOn: RunsOn })
  | (NodeCommon & { kind: 'store'; holdsPatientData?: boolean; isLog?: boolean });

export interface FlowSpec {
  /** Needed only when a threat refers to the flow. */
  key?: string;
  from: string;
  to: string;
  label: string;
  description?: string;
  protocol: Protocol;
  bidirectional?: boolean;
  encrypted?: boolean;
  authenticated?: boolean;
  crossesInternet?: boolean;
}

export interface BoundarySpec {
  label: string;
  description?: string;
  /** Keys of the nodes it encloses; the rectangle is their bounding box plus a margin. */
  encloses: readonly string[];
}

export interface ThreatSpec {
  stride: Stride;
  title: string;
  description: string;
  /** Keys of the nodes and flows the threat concerns. */
  elements: readonly string[];
  /** A free cell next to the element it is about; the note is centred on the cell's box. */
  at: Cell;
}

export interface ViewSpec {
  /** `main` reuses the board's default view; any other view gets a fresh id. */
  reuseMain?: boolean;
  title: string;
  kind: View['kind'];
  description: string;
  boundaries: readonly BoundarySpec[];
  nodes: readonly NodeSpec[];
  flows: readonly FlowSpec[];
  threats: readonly ThreatSpec[];
}

export interface TemplateSpec {
  info: TemplateInfo;
  views: readonly ViewSpec[];
}

/** Layout: boxes of 140×80 on a 280×180 grid leave 140 px across and 100 px down for flow labels. */
export const BOX = { w: 140, h: 80 } as const;
const ORIGIN = { x: 80, y: 80 };
const PITCH = { x: 280, y: 180 };
const MARGIN = 40;

function cellPos([col, row]: Cell) {
  return { x: ORIGIN.x + col * PITCH.x, y: ORIGIN.y + row * PITCH.y };
}

function centre(pos: { x: number; y: number }, size: { w: number; h: number }) {
  return { x: pos.x + size.w / 2, y: pos.y + size.h / 2 };
}

/** Highest `order` key among the views already in the document. */
function lastViewOrder(doc: Y.Doc): string | null {
  let max: string | null = null;
  boardMaps(doc).views.forEach((m) => {
    const o = m.get('order');
    if (typeof o === 'string' && (max === null || o > max)) max = o;
  });
  return max;
}

function nextKey(after: string | null): string {
  try {
    return generateKeyBetween(after, null);
  } catch {
    return generateKeyBetween(null, null);
  }
}

/** Write a template's views and shapes into the document, in one transaction. */
export function buildTemplate(doc: Y.Doc, spec: TemplateSpec, origin?: unknown): void {
  const { views } = boardMaps(doc);
  doc.transact(() => {
    let order = lastViewOrder(doc);
    let z = zOnTop(doc);
    const takeZ = () => {
      const k = z;
      z = nextKey(z);
      return k;
    };
    const createdAt = Date.now();

    for (const vs of spec.views) {
      let viewId: string;
      if (vs.reuseMain) {
        viewId = DEFAULT_VIEW_ID;
        let m = views.get(viewId);
        const fields = { title: vs.title, kind: vs.kind, description: vs.description };
        if (!m) {
          order = nextKey(order);
          m = toYMap(View.parse({ id: viewId, order, ...fields }));
          views.set(viewId, m);
        } else {
          const checked = View.parse({ ...recordFields(m), id: viewId, ...fields });
          m.set('title', checked.title);
          m.set('kind', checked.kind);
          m.set('description', checked.description);
        }
      } else {
        viewId = newId();
        order = nextKey(order);
        views.set(viewId, toYMap(View.parse({ id: viewId, title: vs.title, kind: vs.kind, description: vs.description, order })));
      }

      const ids = new Map<string, string>();
      const centres = new Map<string, { x: number; y: number }>();
      const idOf = (key: string) => {
        const id = ids.get(key);
        if (!id) throw new Error(`template ${spec.info.id}, view "${vs.title}": unknown key "${key}"`);
        return id;
      };
      for (const n of vs.nodes) {
        if (ids.has(n.key)) throw new Error(`template ${spec.info.id}: duplicate key "${n.key}"`);
        ids.set(n.key, newId());
        centres.set(n.key, centre(cellPos(n.at), BOX));
      }
      for (const f of vs.flows) if (f.key) ids.set(f.key, newId());

      const base = (id: string) => ({ id, view: viewId, z: takeZ(), createdAt });

      // Boundaries first: they draw behind what they enclose.
      for (const b of vs.boundaries) {
        const cells = b.encloses.map((key) => {
          const n = vs.nodes.find((x) => x.key === key);
          if (!n) throw new Error(`template ${spec.info.id}: boundary "${b.label}" encloses unknown "${key}"`);
          return cellPos(n.at);
        });
        const x0 = Math.min(...cells.map((p) => p.x)) - MARGIN;
        const y0 = Math.min(...cells.map((p) => p.y)) - MARGIN;
        const x1 = Math.max(...cells.map((p) => p.x + BOX.w)) + MARGIN;
        const y1 = Math.max(...cells.map((p) => p.y + BOX.h)) + MARGIN;
        add(doc, origin, {
          kind: 'boundary',
          ...base(newId()),
          pos: { x: x0, y: y0 },
          size: { w: x1 - x0, h: y1 - y0 },
          label: b.label,
          description: b.description ?? '',
        });
      }

      for (const n of vs.nodes) {
        const common = {
          ...base(idOf(n.key)),
          pos: cellPos(n.at),
          size: { ...BOX },
          label: n.label,
          description: n.description ?? '',
        };
        if (n.kind === 'entity') add(doc, origin, { kind: 'entity', ...common });
        else if (n.kind === 'process') add(doc, origin, { kind: 'process', ...common, runsOn: n.runsOn });
        else add(doc, origin, { kind: 'store', ...common, holdsPatientData: n.holdsPatientData ?? false, isLog: n.isLog ?? false });
      }

      for (const f of vs.flows) {
        const fromPt = centres.get(f.from);
        const toPt = centres.get(f.to);
        if (!fromPt || !toPt) throw new Error(`template ${spec.info.id}: flow "${f.label}" joins unknown elements`);
        add(doc, origin, {
          kind: 'flow',
          ...base(f.key ? idOf(f.key) : newId()),
          label: f.label,
          description: f.description ?? '',
          from: idOf(f.from),
          to: idOf(f.to),
          fromPt,
          toPt,
          protocol: f.protocol,
          bidirectional: f.bidirectional ?? false,
          encrypted: f.encrypted ?? false,
          authenticated: f.authenticated ?? false,
          crossesInternet: f.crossesInternet ?? false,
        });
      }

      for (const t of vs.threats) {
        const c = centre(cellPos(t.at), BOX);
        const id = newId();
        add(doc, origin, {
          kind: 'threat',
          ...base(id),
          pos: threatPos(doc, viewId, id, { x: c.x - NOTE_SIZE.w / 2, y: c.y - NOTE_SIZE.h / 2 }, t.elements.map(idOf)),
          size: { ...NOTE_SIZE },
          stride: t.stride,
          title: t.title,
          description: t.description,
          elements: t.elements.map(idOf),
          num: 0,
        });
      }
    }
  }, origin);
}

/**
 * The template's own cell when it is free (clear of shapes, label pills, notes and boundary lines), else
 * beside the threat's first element as the canvas would place it.
 */
function threatPos(doc: Y.Doc, view: string, id: string, wanted: Point, elements: readonly string[]): Point {
  const here = readShapes(doc).records.filter((s) => s.view === view);
  const { obstacles, fences } = placementObstacles(here);
  if (elements.length === 0 || isClear({ ...wanted, ...NOTE_SIZE }, obstacles, fences)) return wanted;
  return placeThreatNote(id, elements[0]!, here) ?? wanted;
}

function add(doc: Y.Doc, origin: unknown, input: ShapeInput): void {
  addShape(doc, input, origin);
}
