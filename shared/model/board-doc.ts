import * as Y from 'yjs';
import { keyBetween, plain, recordAt, toYMap, type RecordMap, recordFields } from './ymap';
import { shapeModule } from './shapes/index';
export type { RecordMap } from './ymap';
import type { z } from 'zod';
import { Title } from '../api';
import { Meta, parseWith, Shape, View, type ParseResult, type ShapeInput } from './schema';
import { placed, readPositions, removePositions, writePositions } from './positions';
import { Point } from './shapes/common';

/**
 * Typed access to a board's Y.Doc. Components and server code go through these functions and never
 * touch the raw Y.Maps, so the document layout is defined in exactly one place.
 *
 * Layout: top-level maps keyed by record id (`views`, `shapes`, `mitigations`, `assumptions`,
 * `comments`), each record a Y.Map of fields; `meta` holds title and schema version. A shape's Y.Map
 * leaves out its `id` (the key says it) and every field that holds its kind's default (`shapeToYMap`).
 * Threats are shapes of kind 'threat': a threat note on the canvas is the threat record of the register.
 * Box-shaped shapes are moved in the position log (`positions`, positions.ts): a record's `pos` is where
 * it was created, and readers place it from the log.
 */

export function boardMaps(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    views: doc.getMap<RecordMap>('views'),
    shapes: doc.getMap<RecordMap>('shapes'),
    mitigations: doc.getMap<RecordMap>('mitigations'),
    assumptions: doc.getMap<RecordMap>('assumptions'),
    comments: doc.getMap<RecordMap>('comments'),
  };
}

export const DEFAULT_VIEW_ID = 'main';

/** Set up a new board document: title and one default view. Called once, by the server, at creation. */
export function initBoard(doc: Y.Doc, title: string): void {
  const { meta, views } = boardMaps(doc);
  doc.transact(() => {
    meta.set('title', title);
    meta.set('schemaVersion', Meta.parse({}).schemaVersion);
    views.set(DEFAULT_VIEW_ID, toYMap(View.parse({ id: DEFAULT_VIEW_ID, title: 'Main' })));
  });
}

/** Rename the board. Only facilitators may: the server reverts a title change from anyone else. */
export function setTitle(doc: Y.Doc, title: string, origin?: unknown): string {
  const clean = Title.parse(title);
  doc.transact(() => boardMaps(doc).meta.set('title', clean), origin);
  return clean;
}

export function readMeta(doc: Y.Doc): Meta {
  const r = parseWith(Meta, recordFields(boardMaps(doc).meta));
  return r.ok ? r.value : Meta.parse({});
}

/** A shape record stored under key `id`, validated. */
export function readShape(raw: unknown, id: string): ParseResult<Shape> {
  return parseWith(Shape, recordAt(raw, id));
}

/**
 * The defaults of a kind's fields, JSON-encoded: what a reader's schema fills in for a field left out.
 * `z` (read raw by `zOnTop`) and `v` (its default follows the code's schema version, so a record must
 * say which version wrote it) are never left out.
 */
const kindDefaults = new Map<string, ReadonlyMap<string, string>>();
function defaultsOf(kind: string): ReadonlyMap<string, string> {
  let d = kindDefaults.get(kind);
  if (d) return d;
  const out = new Map<string, string>();
  const shape = (shapeModule(kind).schema as { shape?: Record<string, z.ZodType> }).shape ?? {};
  for (const [key, field] of Object.entries(shape)) {
    if (key === 'z' || key === 'v') continue;
    const r = field.safeParse(undefined);
    if (r.success && r.data !== undefined) out.set(key, JSON.stringify(r.data));
  }
  kindDefaults.set(kind, (d = out));
  return d;
}

/**
 * A validated shape as the Y.Map stored under its id: without `id` and without fields that hold their
 * kind's defaults (a note's size, view 'main', empty texts and lists). Every reader parses records
 * through the kind's schema with the key as id (`readShape`), which gives the same shape back; the
 * document is smaller and faster to open (a 2,000-note board: 6,000 fewer structs, docs/performance.md).
 */
export function shapeToYMap(shape: Shape): RecordMap {
  const defaults = defaultsOf(shape.kind);
  return toYMap(shape, (key, value) => key !== 'id' && defaults.get(key) !== JSON.stringify(value));
}

export interface ReadAll<T> {
  records: T[];
  /** Records that failed validation, with why: shown to the user, never thrown. */
  errors: { id: string; error: string }[];
}

export function readShapes(doc: Y.Doc): ReadAll<Shape> {
  const out: ReadAll<Shape> = { records: [], errors: [] };
  const positions = readPositions(doc);
  boardMaps(doc).shapes.forEach((m, id) => {
    const r = readShape(m, id);
    if (r.ok) out.records.push(placed(r.value, positions));
    else out.errors.push({ id, error: r.error });
  });
  out.records.sort(byZ);
  return out;
}

export function readViews(doc: Y.Doc): ReadAll<View> {
  const out: ReadAll<View> = { records: [], errors: [] };
  boardMaps(doc).views.forEach((m, id) => {
    const r = parseWith(View, plain(m));
    if (r.ok) out.records.push(r.value);
    else out.errors.push({ id, error: r.error });
  });
  out.records.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id.localeCompare(b.id)));
  return out;
}

/** Z-order: fractional index, ties (two users adding at once) broken by id so every client agrees. */
export function byZ(a: { z: string; id: string }, b: { z: string; id: string }): number {
  return a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A z key above every shape currently in the document. */
export function zOnTop(doc: Y.Doc): string {
  let max: string | null = null;
  boardMaps(doc).shapes.forEach((m) => {
    const z = m.get('z');
    if (typeof z === 'string' && (max === null || z > max)) max = z;
  });
  return keyBetween(max, null);
}

/** Validate and insert a shape. Throws on an invalid record: callers pass data they built themselves. */
export function addShape(doc: Y.Doc, input: ShapeInput, origin?: unknown): Shape {
  const shape = Shape.parse(input);
  doc.transact(() => boardMaps(doc).shapes.set(shape.id, shapeToYMap(shape)), origin);
  return shape;
}

/**
 * Change fields of a shape. The merged record is validated first; only fields whose value changed are
 * written. A new position goes to the position log (positions.ts), not to the record's `pos`.
 */
export function updateShape(doc: Y.Doc, id: string, patch: Partial<Record<string, unknown>>, origin?: unknown): boolean {
  const m = boardMaps(doc).shapes.get(id);
  if (!m) return false;
  const merged = parseWith(Shape, { ...recordAt(m, id), ...patch, id });
  if (!merged.ok) throw new Error(`invalid change to ${id}: ${merged.error}`);
  const next = merged.value as Record<string, unknown>;
  const defaults = defaultsOf(merged.value.kind);
  doc.transact(() => {
    for (const key of Object.keys(patch)) {
      if (key === 'id' || key === 'kind') continue;
      if (key === 'pos' && 'pos' in merged.value) {
        moveShapes(doc, new Map([[id, next.pos as Point]]));
        continue;
      }
      const value = JSON.stringify(next[key]);
      const current = m.has(key) ? JSON.stringify(m.get(key)) : defaults.get(key);
      if (current !== value) m.set(key, next[key]);
    }
  }, origin);
  return true;
}

/**
 * Move box-shaped shapes (a drag frame of a selection): one pass over the position log for all of them.
 * Ids of no shape, shapes without a position (flows) and invalid points are skipped.
 */
export function moveShapes(doc: Y.Doc, moves: ReadonlyMap<string, Point>, origin?: unknown): void {
  const { shapes } = boardMaps(doc);
  const ok = new Map<string, Point>();
  for (const [id, p] of moves) {
    const m = shapes.get(id);
    const point = Point.safeParse(p).data;
    if (m instanceof Y.Map && point && typeof m.get('kind') === 'string' && m.get('kind') !== 'flow') ok.set(id, point);
  }
  writePositions(doc, ok, (id) => recordedPos(shapes.get(id)), origin);
}

/** Where a shape's record puts it (where it was made; a default `pos` is left out of the record). */
export function recordedPos(rec: unknown): Point | undefined {
  return rec instanceof Y.Map ? Point.safeParse(rec.get('pos') ?? { x: 0, y: 0 }).data : undefined;
}

/** Delete shapes, with their entries in the position log (so that undo brings both back). */
export function deleteShapes(doc: Y.Doc, ids: Iterable<string>, origin?: unknown): void {
  const { shapes } = boardMaps(doc);
  const gone = new Set(ids);
  doc.transact(() => {
    for (const id of gone) shapes.delete(id);
    removePositions(doc, gone);
  }, origin);
}

/** Random url-safe id for records; collision-free in practice (96 bits). */
export function newId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63];
  return s;
}

/** Add a view (diagram) after the last one. */
export function addView(doc: Y.Doc, input: z.input<typeof View>, origin?: unknown): View {
  const views = readViews(doc).records;
  const last = views[views.length - 1]?.order ?? null;
  const view = View.parse({ ...input, order: input.order ?? keyBetween(last, null) });
  doc.transact(() => boardMaps(doc).views.set(view.id, toYMap(view)), origin);
  return view;
}

export function updateView(doc: Y.Doc, id: string, patch: Partial<Omit<View, 'id' | 'v'>>, origin?: unknown): boolean {
  const m = boardMaps(doc).views.get(id);
  if (!m) return false;
  const merged = parseWith(View, { ...recordFields(m), ...patch, id });
  if (!merged.ok) throw new Error(`invalid change to view ${id}: ${merged.error}`);
  doc.transact(() => {
    for (const key of Object.keys(patch) as (keyof View)[]) {
      if (JSON.stringify(m.get(key)) !== JSON.stringify(merged.value[key])) m.set(key, merged.value[key]);
    }
  }, origin);
  return true;
}

/** Move a view to sit between two others (ids, or null for the ends), by giving it a new order key. */
export function moveView(doc: Y.Doc, id: string, after: string | null, before: string | null, origin?: unknown): void {
  const byId = new Map(readViews(doc).records.map((v) => [v.id, v]));
  const a = after ? (byId.get(after)?.order ?? null) : null;
  const b = before ? (byId.get(before)?.order ?? null) : null;
  updateView(doc, id, { order: keyBetween(a, b) }, origin);
}

/**
 * Delete a view with every shape on it, in one transaction (one undo step). The last view cannot go:
 * a board always has somewhere to draw.
 */
export function deleteView(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const { views, shapes } = boardMaps(doc);
  if (!views.has(id) || views.size <= 1) return false;
  doc.transact(() => {
    const doomed: string[] = [];
    shapes.forEach((m, shapeId) => {
      if ((m.get('view') ?? DEFAULT_VIEW_ID) === id) doomed.push(shapeId);
    });
    for (const shapeId of doomed) shapes.delete(shapeId);
    removePositions(doc, new Set(doomed));
    views.delete(id);
  }, origin);
  return true;
}
