import { z } from 'zod';
import type { BoardData } from '../../shared/formats/board-data';
import { diffBoards, recordLabel, type DiffMap, type FieldChange } from '../../shared/versions';

/**
 * "What changed since I was last here": from the board as this person left it (the newest version at or
 * before their `lastSeenAt`) and the board now, what *others* did after that time. Pure: no Yjs, no React.
 *
 * - added: records absent from that version, created after `since` by someone else;
 * - changed: records whose fields differ from that version, last changed by someone else (layout alone —
 *   moving, resizing, stacking — is not listed);
 * - removed: records in that version and absent now (a deletion leaves no stamp saying who made it);
 * - comments created after `since` by someone else; those that mention this person are listed apart.
 *
 * Without a version (the board has none from before `since`), added and changed come from the stamps
 * alone, without field details, and removals are unknown.
 */

/** The server's stamps on a record (policy.ts): who created it and who changed it last, and when. */
export interface RecordStamps {
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
}

/**
 * The server restamps `updatedAt` for the same author at most this often (server/sync/policy.ts), so a
 * change made after `since` may carry a stamp up to this much older.
 */
export const RESTAMP_MS = 60_000;

/** Fields that say where a shape is drawn, not what it says. */
const LAYOUT = new Set(['pos', 'size', 'z', 'points', 'bends', 'num', 'votes', 'createdBy', 'createdAt']);

/**
 * A comment as this module needs it, read loosely: comments are another module's records, and any field
 * that does not parse falls back rather than hiding the comment.
 */
export const SinceComment = z.object({
  id: z.string().min(1).max(64),
  target: z.string().max(64).catch(''),
  parent: z.string().max(64).nullable().catch(null),
  text: z.string().max(20_000).catch(''),
  mentions: z.array(z.string().max(64)).max(200).catch([]),
  resolved: z.boolean().catch(false),
  createdBy: z.string().max(64).catch(''),
  createdAt: z.number().finite().catch(0),
});
export type SinceComment = z.infer<typeof SinceComment>;

export type ChangeKind = 'added' | 'changed' | 'removed';

export interface SinceEntry {
  /** `<map>/<id>`: unique in a summary. */
  key: string;
  map: 'shapes' | 'mitigations' | 'comments';
  id: string;
  /** 'threat', 'note', 'process' … for shapes; 'mitigation'; 'comment'. */
  kind: string;
  label: string;
  change: ChangeKind;
  /** Who did it (a user id; '' when unknown, as for removals). */
  by: string;
  /** When (server time; 0 when unknown). */
  at: number;
  /** Field by field, for changes (empty when unknown). */
  fields: FieldChange[];
  /** Shapes: the view they are on. */
  view?: string;
  /** Comments: the shape or mitigation the comment is on, and its label. */
  target?: { id: string; map: 'shapes' | 'mitigations' | ''; label: string };
}

export interface SinceSummary {
  threats: SinceEntry[];
  mitigations: SinceEntry[];
  /** Other shapes: notes, diagram elements, text. */
  other: SinceEntry[];
  comments: SinceEntry[];
  mentions: SinceEntry[];
}

export interface SinceInput {
  me: string;
  /** When this person was last here (their `lastSeenAt`). */
  since: number;
  /** The newest version at or before `since`, or null when there is none. */
  base: BoardData | null;
  current: BoardData;
  /** The server's stamps of a current record (the schemas of `BoardData` do not carry them all). */
  stamps(map: DiffMap, id: string): RecordStamps | undefined;
}

const NO_STAMPS: RecordStamps = { createdBy: '', createdAt: 0, updatedBy: '', updatedAt: 0 };

type AnyRecord = { id: string } & Record<string, unknown>;

export function summarize({ me, since, base, current, stamps }: SinceInput): SinceSummary {
  const out: SinceSummary = { threats: [], mitigations: [], other: [], comments: [], mentions: [] };
  const put = (e: SinceEntry) => {
    if (e.map === 'mitigations') out.mitigations.push(e);
    else if (e.kind === 'threat') out.threats.push(e);
    else out.other.push(e);
  };
  const stampOf = (map: DiffMap, id: string) => stamps(map, id) ?? NO_STAMPS;
  const records = (data: BoardData, map: 'shapes' | 'mitigations') => new Map((data[map] as AnyRecord[]).map((r) => [r.id, r]));
  const entry = (map: 'shapes' | 'mitigations', r: AnyRecord, change: ChangeKind, by: string, at: number, fields: FieldChange[] = []): SinceEntry => ({
    key: `${map}/${r.id}`,
    map,
    id: r.id,
    kind: map === 'shapes' ? String(r.kind) : 'mitigation',
    label: recordLabel(map, r),
    change,
    by,
    at,
    fields,
    ...(map === 'shapes' ? { view: typeof r.view === 'string' ? r.view : 'main' } : {}),
  });
  const addedByOthers = (s: RecordStamps) => s.createdBy !== me && (s.createdAt > since || s.createdAt === 0);
  const lastEditor = (s: RecordStamps) => s.updatedBy || s.createdBy;

  const diff = base ? diffBoards(base, current) : null;
  for (const map of ['shapes', 'mitigations'] as const) {
    const now = records(current, map);
    if (base && diff) {
      const then = records(base, map);
      for (const d of diff.added) {
        if (d.map !== map) continue;
        const s = stampOf(map, d.id);
        if (addedByOthers(s)) put(entry(map, now.get(d.id)!, 'added', s.createdBy, s.createdAt));
      }
      for (const d of diff.changed) {
        if (d.map !== map) continue;
        const s = stampOf(map, d.id);
        const fields = d.fields.filter((f) => !LAYOUT.has(f.field));
        const at = s.updatedAt || s.createdAt;
        if (!fields.length || lastEditor(s) === me || (at !== 0 && at <= since - RESTAMP_MS)) continue;
        // A stamp from before `since` (not restamped within a minute) says who, not when.
        put(entry(map, now.get(d.id)!, 'changed', lastEditor(s), at > since ? at : 0, fields));
      }
      for (const d of diff.removed) if (d.map === map) put(entry(map, then.get(d.id)!, 'removed', '', 0));
    } else {
      for (const r of now.values()) {
        const s = stampOf(map, r.id);
        if (s.createdAt > since) {
          if (s.createdBy !== me) put(entry(map, r, 'added', s.createdBy, s.createdAt));
        } else if (s.updatedAt > since && lastEditor(s) !== me) put(entry(map, r, 'changed', lastEditor(s), s.updatedAt));
      }
    }
  }

  const shapes = records(current, 'shapes');
  const mitigations = records(current, 'mitigations');
  for (const raw of current.comments) {
    const r = SinceComment.safeParse(raw);
    if (!r.success) continue;
    const c = r.data;
    if (c.createdBy === me || c.createdAt <= since) continue;
    const onShape = shapes.get(c.target);
    const onMitigation = mitigations.get(c.target);
    const target = onShape
      ? { id: c.target, map: 'shapes' as const, label: recordLabel('shapes', onShape) }
      : onMitigation
        ? { id: c.target, map: 'mitigations' as const, label: recordLabel('mitigations', onMitigation) }
        : { id: c.target, map: '' as const, label: '' };
    const e: SinceEntry = { key: `comments/${c.id}`, map: 'comments', id: c.id, kind: 'comment', label: recordLabel('comments', { id: c.id, text: c.text }), change: 'added', by: c.createdBy, at: c.createdAt, fields: [], target };
    (c.mentions.includes(me) ? out.mentions : out.comments).push(e);
  }
  for (const list of Object.values(out) as SinceEntry[][]) list.sort((a, b) => order(a.change) - order(b.change) || b.at - a.at || a.label.localeCompare(b.label));
  return out;
}

const order = (c: ChangeKind) => (c === 'added' ? 0 : c === 'changed' ? 1 : 2);

/** Every entry of a summary, in the order the panel lists them. */
export function entriesOf(s: SinceSummary): SinceEntry[] {
  return [...s.mentions, ...s.threats, ...s.mitigations, ...s.other, ...s.comments];
}

/** Shapes to ring on the canvas: added or changed ones (removed ones are not there any more). */
export function highlightedShapes(s: SinceSummary): string[] {
  return [...s.threats, ...s.other].filter((e) => e.change !== 'removed').map((e) => e.id);
}
