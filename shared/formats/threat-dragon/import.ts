import { generateKeyBetween } from 'fractional-indexing';
import { z } from 'zod';
import { newId } from '../../model/board-doc';
import { boundingBox, centerOf, type Rect } from '../../model/rect';
import { NOTE_SIZE, SCHEMA_VERSION, type Mitigation, type Point, type Shape, type Stride, type ThreatShape, type View } from '../../model/schema';
import { isConnectable, isDfdElement, shapeBounds } from '../../model/shapes/index';
import type { AnyShape, TdImportContext, TdReader } from '../../model/shapes/types';
import { cvssVectorProblems } from '../../risk/cvss';
import { STRIDE_NAMES } from '../../threats/stride';
import { LIMITS, parseBoardData, type BoardData, type Validated } from '../board-data';
import { TdThreat, TdCell, ThreatDragonModel, readerOf, STRIDE_BY_TYPE, STATUS_IN, STRATEGY_OF_STATUS, CATEGORY_OF_STRIDE, trailer, clip, nameOf, ID } from './model';



const IMPORTED = ' (imported)';

/**
 * Threat Dragon's severity is a risk level (Low, Medium, High, Critical; "TBD"/"TBA" when unassessed).
 * Here risk comes from severity of harm × exploitability: take the cell of medium exploitability with
 * that level, so the risk before mitigation reads as it did in Threat Dragon.
 */
const RISK_CELL: Readonly<Record<string, Pick<ThreatShape, 'severity' | 'exploitability'>>> = {
  low: { severity: 'negligible', exploitability: 'medium' },
  medium: { severity: 'minor', exploitability: 'medium' },
  high: { severity: 'critical', exploitability: 'medium' },
  critical: { severity: 'catastrophic', exploitability: 'medium' },
};

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
  // Threat Dragon has one owner for the whole model; here each threat has one: the model's owner.
  const owner = clip((model.summary?.owner ?? '').trim(), 100);
  const reviewer = (model.detail.reviewer ?? '').trim();
  const modelDescription = [model.summary?.description?.trim(), owner && `Model owner in Threat Dragon: ${owner}.`, reviewer && `Reviewer: ${reviewer}.`]
    .filter(Boolean)
    .join('\n\n');
  let assessed = 0;

  model.detail.diagrams.forEach((diagram, di) => {
    const cells = diagram.cells ?? diagram.diagramJson?.cells ?? [];
    if (!diagram.cells && diagram.diagramJson) isV1 = true;
    viewOrder = generateKeyBetween(viewOrder, null);
    const view: View = {
      id: idFor(`diagram-${di + 1}`),
      v: SCHEMA_VERSION,
      title: clip(diagram.title?.trim() || `Diagram ${di + 1}`, 200),
      kind: 'custom',
      description: clip(diagram.description || (di === 0 ? modelDescription : '') || '', 20_000),
      order: viewOrder,
    };
    views.push(view);
    const base = { v: SCHEMA_VERSION, view: view.id, createdBy: '', createdAt: 0 };
    // Draw order: boundaries first (they sit behind), then the file's z order.
    const ordered = cells
      .map((cell, index) => ({ cell, index, reader: readerOf(cell) }))
      .sort(
        (a, b) =>
          (a.reader?.layer ?? 1) - (b.reader?.layer ?? 1) ||
          (a.cell.zIndex ?? a.cell.z ?? 0) - (b.cell.zIndex ?? b.cell.z ?? 0) ||
          a.index - b.index,
      );
    const byCellId = new Map<string, Shape>();
    const index = new Map<string, Shape>();
    const pending: { cell: TdCell; shape: Shape }[] = [];
    const warnHere = (m: string) => warn(`diagram ${di + 1}: ${m}`);

    /** What a kind's reader gets for one cell: every field it may need, already clipped to the schema. */
    const contextOf = (cell: TdCell): TdImportContext => {
      const d = cell.data ?? cell;
      const name = nameOf(cell);
      const end = (which: 'source' | 'target'): { id: string | null; pt: Point } => {
        const e = cell[which];
        const ref = e?.cell ?? e?.id;
        const target = ref !== undefined ? byCellId.get(String(ref)) : undefined;
        if (target && isConnectable(target.kind)) return { id: target.id, pt: centerOf(shapeBounds(target, index)) };
        if (typeof e?.x === 'number' && typeof e?.y === 'number') return { id: null, pt: { x: e.x, y: e.y } };
        warnHere(`flow "${name}" has a ${which} that is neither an element nor a point; it starts at 0,0`);
        return { id: null, pt: { x: 0, y: 0 } };
      };
      return {
        cell,
        data: d,
        base: { ...base, id: idFor(cell.id), z: nextZ() },
        pos: cell.position ?? { x: 0, y: 0 },
        size: { w: clamp(cell.size?.width ?? 140, 8, 20_000), h: clamp(cell.size?.height ?? 80, 8, 20_000) },
        name,
        element: {
          label: clip(name, 200),
          description: clip(d.description, 20_000),
          outOfScope: d.outOfScope ?? false,
          outOfScopeReason: clip(d.reasonOutOfScope, 2000),
        },
        end,
        warn: warnHere,
        clip,
      };
    };
    const read = (cell: TdCell, reader: TdReader<AnyShape>) => {
      const shape = reader.read(contextOf(cell)) as Shape;
      shapes.push(shape);
      index.set(shape.id, shape);
      pending.push({ cell, shape });
      return shape;
    };

    // Boxes first, so that flows can attach to them whatever the order in the file.
    for (const { cell, index: ci, reader } of ordered) {
      if (!reader) {
        warn(`diagram ${di + 1}, cell ${ci + 1}: unknown shape "${cell.shape ?? cell.type ?? ''}" skipped`);
        continue;
      }
      if (reader.reader.links) continue;
      const shape = read(cell, reader.reader);
      if (cell.id !== undefined) byCellId.set(String(cell.id), shape);
    }
    for (const { cell, reader } of ordered) if (reader?.reader.links) read(cell, reader.reader);

    // Threat notes go in a grid to the right of the diagram, in the order of the elements they belong to
    // (top to bottom), so that they never cover the drawing; connectors show which element each is on.
    // Threat Dragon draws no notes, so its diagrams leave no room for them between the elements.
    const rectOfShape = (shape: Shape): Rect => shapeBounds(shape, index);
    const drawing = pending.length ? boundingBox(pending.flatMap(({ shape }) => corners(rectOfShape(shape)))) : { x: 0, y: 0, w: 0, h: 0 };
    const jobs = pending
      .flatMap(({ cell, shape }) => (cell.data?.threats ?? cell.threats ?? []).map((t) => ({ t, shape, at: rectOfShape(shape) })))
      .map((job, order) => ({ ...job, order }))
      .sort((a, b) => a.at.y + a.at.h / 2 - (b.at.y + b.at.h / 2) || a.at.x - b.at.x || a.order - b.order);
    const GAP = 16;
    const perColumn = Math.max(4, Math.floor((drawing.h + GAP) / (NOTE_SIZE.h + GAP)));
    jobs.forEach(({ t, shape }, k) => {
      const attachable = isDfdElement(shape);
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
        owner,
      });
      if (threat.severity) assessed++;
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
        // A written mitigation is the team's response, unless the status already says otherwise.
        if (!threat.strategy && threat.status === 'open') threat.strategy = 'mitigate';
      }
      shapes.push(threat);
    });
  });

  if (views.length === 0) return { ok: false, errors: ['detail.diagrams: the model has no diagram'] };
  if (assessed) {
    warn(
      `${assessed} threat${assessed === 1 ? '' : 's'} had a Threat Dragon severity (Low to Critical), which is a risk level: each got the severity of ` +
        'harm and exploitability of medium that give that level. Review them in the register.',
    );
  }
  // "(imported)" so that the copy is never mistaken for the board it came from.
  const title = `${clip(model.summary?.title?.trim() || 'Threat Dragon model', 200 - IMPORTED.length)}${IMPORTED}`;
  const result = parseBoardData({
    meta: { title, schemaVersion: SCHEMA_VERSION },
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
  at: { id: string; view: string; z: string; createdAt: number; pos: Point; elements: string[]; owner: string },
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
    ...(RISK_CELL[(t.severity ?? '').trim().toLowerCase()] ?? { severity: '', exploitability: '' }),
    cvss: scoreIsVector ? score : '',
    strategy: STRATEGY_OF_STATUS[status],
    rationale: '',
    owner: at.owner,
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
