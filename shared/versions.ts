import { z } from 'zod';
import type { BoardData } from './formats/board-data';

/**
 * Versions of a board: snapshots the server keeps (automatic ones while the board is edited and before
 * anything that replaces a lot at once, named ones a facilitator makes), the HTTP bodies of the history
 * endpoints, and the diff between two versions. Pure: no Yjs, no server, no React.
 */

export const VERSION_REASONS = ['auto', 'named', 'before-restore', 'before-reveal', 'before-import', 'left'] as const;
export const VersionReason = z.enum(VERSION_REASONS);
export type VersionReason = z.infer<typeof VersionReason>;

export const VERSION_REASON_LABELS: Readonly<Record<VersionReason, string>> = {
  auto: 'Automatic',
  named: 'Named',
  'before-restore': 'Before a restore',
  'before-reveal': 'Before a reveal',
  'before-import': 'Before an import',
  /** Someone's last connection closed after the board changed: "what changed since I was last here" compares with it. */
  left: 'Someone left',
};

/** What one person changed between the previous version and this one (from the server's stamps). */
export const AuthorCount = z.object({
  userId: z.string().max(64),
  name: z.string().max(60).default(''),
  added: z.number().int().nonnegative().default(0),
  changed: z.number().int().nonnegative().default(0),
  removed: z.number().int().nonnegative().default(0),
});
export type AuthorCount = z.infer<typeof AuthorCount>;

export const VersionSummary = z.object({ authors: z.array(AuthorCount).max(500).default([]) });
export type VersionSummary = z.infer<typeof VersionSummary>;

/** A version as listed: everything but the snapshot. `id` is opaque (the store's row id as a string). */
export const VersionInfo = z.object({
  id: z.string().min(1).max(32),
  board: z.string(),
  /** '' for automatic versions. */
  name: z.string().max(100),
  reason: VersionReason,
  createdAt: z.number().int().nonnegative(),
  /** User id of whoever caused it ('server' for automatic ones). */
  createdBy: z.string().max(64),
  createdByName: z.string().max(60).default(''),
  summary: VersionSummary,
});
export type VersionInfo = z.infer<typeof VersionInfo>;

export const VersionName = z
  .string()
  .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim())
  .pipe(z.string().min(1, 'name must not be empty').max(100, 'name is at most 100 characters'));

export const SaveVersionBody = z.object({ name: VersionName }).strict();
export type SaveVersionBody = z.infer<typeof SaveVersionBody>;

export const RestoreBody = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('board') }).strict(),
  z.object({ scope: z.literal('view'), view: z.string().min(1).max(64) }).strict(),
  z.object({ scope: z.literal('item'), id: z.string().min(1).max(64) }).strict(),
]);
export type RestoreBody = z.infer<typeof RestoreBody>;

export const RestoreResponse = z.object({
  /** The version saved just before the restore: restoring it undoes the restore. */
  before: VersionInfo,
  /** Records set back to the version's values or re-created. */
  restored: z.number().int().nonnegative(),
  /** Records added since the version and removed by the restore. */
  removed: z.number().int().nonnegative(),
});
export type RestoreResponse = z.infer<typeof RestoreResponse>;

export const VersionList = z.object({ versions: z.array(VersionInfo) });
export type VersionList = z.infer<typeof VersionList>;

/** A short label for a version in lists: its name, or what made it. */
export function versionLabel(v: Pick<VersionInfo, 'name' | 'reason'>): string {
  return v.name || VERSION_REASON_LABELS[v.reason];
}

// ---- diff ----------------------------------------------------------------------------------------

export const DIFF_MAPS = ['views', 'shapes', 'mitigations', 'assumptions', 'comments'] as const;
export type DiffMap = (typeof DIFF_MAPS)[number];

/** Fields that change with every edit and say nothing about content (stamps). */
const NOISE = new Set(['updatedBy', 'updatedAt']);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface DiffRecord {
  map: DiffMap;
  id: string;
  /** 'threat', 'note', … for shapes; the map's singular otherwise. */
  kind: string;
  /** A human label: T-3 title, M-2 title, note text, view title. */
  label: string;
  /** View the record is on (shapes), for grouping and view-scoped restores. */
  view?: string;
}

export interface ChangedRecord extends DiffRecord {
  /** Every field that differs. Listed for every kind; the panel shows them for threats and mitigations. */
  fields: FieldChange[];
}

export interface BoardDiff {
  added: DiffRecord[];
  removed: DiffRecord[];
  changed: ChangedRecord[];
  /** The board's title changed. */
  title?: { before: string; after: string };
}

type AnyRecord = { id: string } & Record<string, unknown>;

const SINGULAR: Readonly<Record<DiffMap, string>> = {
  views: 'view',
  shapes: 'shape',
  mitigations: 'mitigation',
  assumptions: 'assumption',
  comments: 'comment',
};

/** A label a person recognises a record by. */
export function recordLabel(map: DiffMap, r: AnyRecord): string {
  const s = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : '');
  const num = typeof r.num === 'number' && r.num > 0 ? r.num : 0;
  const clip = (t: string) => (t.length > 60 ? `${t.slice(0, 59)}…` : t);
  if (map === 'shapes' && r.kind === 'threat') return clip(`${num ? `T-${num} ` : ''}${s('title') || 'Untitled threat'}`);
  if (map === 'mitigations') return clip(`${num ? `M-${num} ` : ''}${s('title') || 'Untitled mitigation'}`);
  if (map === 'views') return clip(s('title') || 'Untitled view');
  if (map === 'assumptions') return clip(s('text') || 'Assumption');
  if (map === 'shapes') return clip(s('label') || s('text') || String(r.kind));
  return clip(s('text') || r.id);
}

function describe(map: DiffMap, r: AnyRecord): DiffRecord {
  const out: DiffRecord = { map, id: r.id, kind: map === 'shapes' ? String(r.kind) : SINGULAR[map], label: recordLabel(map, r) };
  if (map === 'shapes') out.view = typeof r.view === 'string' ? r.view : 'main';
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed from `before` to `after`: records added, removed and changed (field by field). Records are
 * matched by id; stamps (`updatedBy`, `updatedAt`) are not changes of their own. Lists keep the order of
 * `after` (added, changed) and `before` (removed).
 */
export function diffBoards(before: BoardData, after: BoardData): BoardDiff {
  const diff: BoardDiff = { added: [], removed: [], changed: [] };
  for (const map of DIFF_MAPS) {
    const olds = new Map((before[map] as AnyRecord[]).map((r) => [r.id, r]));
    const news = new Map((after[map] as AnyRecord[]).map((r) => [r.id, r]));
    for (const [id, r] of news) {
      const old = olds.get(id);
      if (!old) {
        diff.added.push(describe(map, r));
        continue;
      }
      const fields: FieldChange[] = [];
      for (const field of new Set([...Object.keys(old), ...Object.keys(r)])) {
        if (NOISE.has(field) || same(old[field], r[field])) continue;
        fields.push({ field, before: old[field], after: r[field] });
      }
      if (fields.length) diff.changed.push({ ...describe(map, r), fields });
    }
    for (const [id, r] of olds) if (!news.has(id)) diff.removed.push(describe(map, r));
  }
  if (before.meta.title !== after.meta.title) diff.title = { before: before.meta.title, after: after.meta.title };
  return diff;
}

/** Whether a diff is empty. */
export function isEmptyDiff(d: BoardDiff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length && !d.title;
}

const FIELD_WORDS: Readonly<Record<string, string>> = { cvss: 'CVSS', stride: 'STRIDE', pos: 'Position', num: 'Number', z: 'Stacking order' };

/** A field name in words: `residualSeverity` → "Residual severity". */
export function fieldLabel(field: string): string {
  if (FIELD_WORDS[field]) return FIELD_WORDS[field]!;
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field value as short text for the diff view. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return v.length > 80 ? `${v.slice(0, 79)}…` : v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** Who a record's last change is attributed to, from the server's stamps (empty when unknown). */
export interface Stamps {
  createdBy?: unknown;
  updatedBy?: unknown;
}

/**
 * Counts per author of what changed between two states: an added record counts for its creator, a changed
 * one for whoever changed it last, a removed one for whoever removed it (`removedBy`, known to the server
 * only while it watched the deletion; '' otherwise).
 */
export function authorCounts(
  diff: BoardDiff,
  stampsOf: (map: DiffMap, id: string) => Stamps | undefined,
  removedBy: (map: DiffMap, id: string) => string = () => '',
  nameOf: (userId: string) => string = () => '',
): AuthorCount[] {
  const by = new Map<string, AuthorCount>();
  const bump = (userId: string, what: 'added' | 'changed' | 'removed') => {
    let a = by.get(userId);
    if (!a) by.set(userId, (a = { userId, name: nameOf(userId), added: 0, changed: 0, removed: 0 }));
    a[what]++;
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  for (const r of diff.added) {
    const s = stampsOf(r.map, r.id);
    bump(str(s?.createdBy) || str(s?.updatedBy), 'added');
  }
  for (const r of diff.changed) {
    const s = stampsOf(r.map, r.id);
    bump(str(s?.updatedBy) || str(s?.createdBy), 'changed');
  }
  for (const r of diff.removed) bump(removedBy(r.map, r.id), 'removed');
  return [...by.values()].sort((a, b) => b.added + b.changed + b.removed - (a.added + a.changed + a.removed) || a.userId.localeCompare(b.userId));
}
