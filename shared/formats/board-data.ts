import * as Y from 'yjs';
import { z } from 'zod';
import { boardMaps, byZ, readMeta, shapeToYMap } from '../model/board-doc';
import { placed, positionLog, POSITIONS_ROOT, readPositions } from '../model/positions';
import { recordAt, toYMap, type RecordMap } from '../model/ymap';
import { Comment, byTime as commentsByTime } from '../model/comments';
import { Assumption, Meta, Mitigation, parseWith, Shape, View, type ThreatShape } from '../model/schema';

/**
 * A whole board as plain JSON data: what the backup file holds, and the one input of every export
 * (CSV, Threat Dragon, report), so that the browser and the server build files from the same function.
 * Records are validated with the document's own schemas and listed in a fixed order, so that exporting
 * a board, importing the file and exporting again gives equal data.
 */

/** Comments: the document's own schema (shared/model/comments.ts). */
export { Comment } from '../model/comments';

export const LIMITS = {
  views: 200,
  shapes: 20_000,
  mitigations: 5_000,
  assumptions: 2_000,
  comments: 20_000,
} as const;

export const BoardDataSchema = z.object({
  meta: Meta,
  views: z.array(View).min(1, 'a board has at least one view').max(LIMITS.views),
  shapes: z.array(Shape).max(LIMITS.shapes),
  mitigations: z.array(Mitigation).max(LIMITS.mitigations),
  assumptions: z.array(Assumption).max(LIMITS.assumptions),
  comments: z.array(Comment).max(LIMITS.comments).default([]),
});
export type BoardData = z.infer<typeof BoardDataSchema>;

export const BACKUP_FORMAT = 'threatboard-backup';
const BACKUP_VERSION = 1;

/** The JSON backup file: the board's data with a format marker and a version for later migrations. */
export const BoardBackup = BoardDataSchema.extend({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string().max(40).optional(),
});
export type BoardBackup = z.infer<typeof BoardBackup>;

export interface ReadResult<T> {
  records: T[];
  errors: { id: string; error: string }[];
}

/**
 * Valid records of one map. A record whose own id differs from its key (only a broken or hostile client
 * writes one) is skipped too: two such records could claim one id, and a file must name each record once.
 */
function readAll<T extends { id: string }>(map: Y.Map<RecordMap>, schema: z.ZodType<T>): ReadResult<T> {
  const out: ReadResult<T> = { records: [], errors: [] };
  map.forEach((m, id) => {
    const r = parseWith(schema, recordAt(m, id));
    if (!r.ok) out.errors.push({ id, error: r.error });
    else if (r.value.id !== id) out.errors.push({ id, error: `record id "${r.value.id}" differs from its key` });
    else out.records.push(r.value);
  });
  return out;
}

/** Mitigations by number (un-numbered last), then id. */
export function readMitigations(doc: Y.Doc): ReadResult<Mitigation> {
  const r = readAll(boardMaps(doc).mitigations, Mitigation);
  r.records.sort((a, b) => (a.num || Infinity) - (b.num || Infinity) || cmp(a.id, b.id));
  return r;
}

export function readAssumptions(doc: Y.Doc): ReadResult<Assumption> {
  const r = readAll(boardMaps(doc).assumptions, Assumption);
  r.records.sort((a, b) => cmp(a.order, b.order) || cmp(a.id, b.id));
  return r;
}

function readComments(doc: Y.Doc): ReadResult<Comment> {
  const r = readAll(boardMaps(doc).comments, Comment);
  r.records.sort(commentsByTime);
  return r;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface BoardSnapshot {
  data: BoardData;
  /** Records that failed validation and are not in `data`: reported, never thrown. */
  skipped: { map: string; id: string; error: string }[];
}

/** Every valid record of a board document, in a fixed order. */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  const shapes = readAll(boardMaps(doc).shapes, Shape);
  const positions = readPositions(doc);
  shapes.records = shapes.records.map((s) => placed(s, positions)).sort(byZ);
  const views = readAll(boardMaps(doc).views, View);
  views.records.sort((a, b) => cmp(a.order, b.order) || cmp(a.id, b.id));
  const mitigations = readMitigations(doc);
  const assumptions = readAssumptions(doc);
  const comments = readComments(doc);
  const skipped = [
    ...views.errors.map((e) => ({ map: 'views', ...e })),
    ...shapes.errors.map((e) => ({ map: 'shapes', ...e })),
    ...mitigations.errors.map((e) => ({ map: 'mitigations', ...e })),
    ...assumptions.errors.map((e) => ({ map: 'assumptions', ...e })),
    ...comments.errors.map((e) => ({ map: 'comments', ...e })),
  ];
  return {
    data: {
      meta: readMeta(doc),
      views: views.records,
      shapes: shapes.records,
      mitigations: mitigations.records,
      assumptions: assumptions.records,
      comments: comments.records,
    },
    skipped,
  };
}

export function boardToData(doc: Y.Doc): BoardData {
  return readBoard(doc).data;
}

export function toBackup(data: BoardData, exportedAt: Date = new Date()): BoardBackup {
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: exportedAt.toISOString(), ...data };
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 50).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
}

export interface Consistency {
  /** Problems that make the data unusable as one board: the same id twice. */
  errors: string[];
  /**
   * References to records that do not exist. A live board can hold them (a threat still names an element
   * deleted since; a shape added offline to a view someone else deleted), and they are harmless there, so
   * an import keeps them as they are and only reports them.
   */
  warnings: string[];
}

/** Check that the records of a board fit together: unique ids, and references to records that exist. */
export function consistency(data: BoardData): Consistency {
  const errors: string[] = [];
  const warnings: string[] = [];
  const push = (list: string[], msg: string) => {
    if (list.length < 50) list.push(msg);
  };
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) push(errors, `${what}: id "${id}" is used twice`);
      seen.add(id);
    }
    return seen;
  };
  const viewIds = unique('views', data.views.map((v) => v.id));
  const shapeIds = unique('shapes', data.shapes.map((s) => s.id));
  const mitigationIds = unique('mitigations', data.mitigations.map((m) => m.id));
  unique('assumptions', data.assumptions.map((a) => a.id));
  unique('comments', data.comments.map((c) => c.id));
  const threatIds = new Set(data.shapes.filter((s) => s.kind === 'threat').map((s) => s.id));
  data.shapes.forEach((s, i) => {
    if (!viewIds.has(s.view)) push(warnings, `shapes.${i}: view "${s.view}" does not exist`);
    if (s.kind === 'flow') {
      if (s.from !== null && !shapeIds.has(s.from)) push(warnings, `shapes.${i}: flow starts at missing shape "${s.from}"`);
      if (s.to !== null && !shapeIds.has(s.to)) push(warnings, `shapes.${i}: flow ends at missing shape "${s.to}"`);
    }
    if (s.kind === 'threat') {
      for (const el of s.elements) if (!shapeIds.has(el)) push(warnings, `shapes.${i}: threat is attached to missing shape "${el}"`);
      for (const link of s.mitigations) if (!mitigationIds.has(link.id)) push(warnings, `shapes.${i}: threat links missing mitigation "${link.id}"`);
    }
  });
  data.assumptions.forEach((a, i) => {
    for (const t of a.threats) if (!threatIds.has(t)) push(warnings, `assumptions.${i}: links missing threat "${t}"`);
  });
  return { errors, warnings };
}

export type Validated<T> = { ok: true; value: T; warnings: string[] } | { ok: false; errors: string[] };

function checked(data: BoardData): Validated<BoardData> {
  const c = consistency(data);
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, value: data, warnings: c.warnings };
}

/** Validate a parsed backup file: its shape, every record through the document schemas, then consistency. */
export function parseBackup(value: unknown): Validated<BoardData> {
  const tooMany = overLimits(value);
  if (tooMany.length) return { ok: false, errors: tooMany };
  const r = BoardBackup.safeParse(value);
  if (!r.success) return { ok: false, errors: issuesOf(r.error) };
  const { format: _f, version: _v, exportedAt: _e, ...data } = r.data;
  return checked(data);
}

/** Record lists longer than a board may hold, found before any record is validated. */
function overLimits(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  return (Object.keys(LIMITS) as (keyof typeof LIMITS)[]).flatMap((key) => {
    const list = Object.hasOwn(v, key) ? v[key] : undefined;
    return Array.isArray(list) && list.length > LIMITS[key] ? [`${key}: ${list.length} records; a board holds at most ${LIMITS[key]}`] : [];
  });
}

/** Validate board data built in memory (e.g. by an importer). */
export function parseBoardData(value: unknown): Validated<BoardData> {
  const r = BoardDataSchema.safeParse(value);
  return r.success ? checked(r.data) : { ok: false, errors: issuesOf(r.error) };
}

/**
 * Make `doc` hold exactly the board in `data`: every record is validated first (nothing is written when
 * anything fails), then the document's maps are replaced in one transaction. Meant for a fresh document
 * (an import creates a new board); on a live one it would replace everyone's work.
 */
export function dataToDoc(data: BoardData, doc: Y.Doc, origin?: unknown): Validated<BoardData> {
  const result = parseBoardData(data);
  if (!result.ok) return result;
  const d = result.value;
  const maps = boardMaps(doc);
  doc.transact(() => {
    for (const map of [maps.views, maps.shapes, maps.mitigations, maps.assumptions, maps.comments]) map.clear();
    // Positions are in the records written below (an import's document has no log yet).
    if (doc.share.has(POSITIONS_ROOT)) positionLog(doc).delete(0, positionLog(doc).length);
    maps.meta.set('title', d.meta.title);
    maps.meta.set('schemaVersion', d.meta.schemaVersion);
    for (const v of d.views) maps.views.set(v.id, toYMap(v));
    for (const s of [...d.shapes].sort(byZ)) maps.shapes.set(s.id, shapeToYMap(s));
    for (const m of d.mitigations) maps.mitigations.set(m.id, toYMap(m));
    for (const a of d.assumptions) maps.assumptions.set(a.id, toYMap(a));
    for (const c of d.comments) maps.comments.set(c.id, toYMap(c));
  }, origin);
  return result;
}

// ---- lookups shared by the exports -------------------------------------------------------------------

/** Threats in register order: by T-number, un-numbered ones last in the order they were created. */
export function threatsOf(data: BoardData): ThreatShape[] {
  return data.shapes
    .filter((s): s is ThreatShape => s.kind === 'threat')
    .sort((a, b) => (a.num || Infinity) - (b.num || Infinity) || a.createdAt - b.createdAt || cmp(a.id, b.id));
}
