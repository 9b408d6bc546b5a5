import * as Y from 'yjs';
import { Title } from '../../shared/api';
import { LOCKABLE_KINDS } from '../../shared/model/shapes/index';
import { PEOPLE_ROOT, readPeople } from '../../shared/model/people';
import { MAX_MENTIONS } from '../../shared/model/comments';
import { addedIn, entriesOf, isPositionEntry, POSITIONS_ROOT } from '../../shared/model/positions';
import type { PresenceUser } from '../../shared/presence';
import type { RoomRef } from '../../shared/roles';
import { createdIn, deletedIn, deletedValue, previous, previousItem, revertKey } from './tx-history';

/**
 * Policy: what a client may change, decided on the changes an update actually made (never on the
 * transaction origin alone), inside the same transaction that applied it.
 *
 * The update is applied, then every forbidden change is put back in that same transaction (a key set to
 * its previous value, a new record removed, a deleted record restored). Yjs garbage-collects the refused
 * content before it encodes the transaction, so the update relayed to others and appended to the store
 * carries no trace of the refused value, and the author — who receives that same update — is put back
 * in step. The same pass stamps the facts only the server may state: who created and last changed a
 * record, and when.
 *
 * Server-owned (a client's change to them is always put back):
 * - board: threat and mitigation numbers (`num`), vote results on threats (`votes`), `createdBy`,
 *   `createdAt`, `updatedBy`, `updatedAt`; every `meta` key but the title, which only a facilitator may set;
 *   the whole `people` map (names and last visits, written from verified session tokens).
 * - diagram shapes (entity, process, store, flow, boundary, text) of a locked view, for everyone; also
 *   their entries in the position log: a new entry is taken out, a deleted one comes back. A new entry
 *   of a shape that does not exist (or has no position) is taken out too.
 * - views: only a facilitator may delete one (with its shapes), except a view its creator (stamped
 *   `createdBy`) deletes: undoing "Add view" must work for a participant.
 * - comments: `target` and `parent` never change; `text` and `mentions` only by the comment's author;
 *   deleting (or replacing) a comment only by its author or a facilitator; `resolved` by anyone who may
 *   edit. Mention ids that are not people of the board are dropped.
 * - facilitation: the `hidden`, `voted` and `hands` maps, vote `results`, and vote status changes other
 *   than open → closing (the server closes a vote when it has tallied it).
 */

export interface PolicyContext {
  kind: RoomRef['kind'];
  user: PresenceUser;
  now: number;
  /** Views whose diagram is locked (board documents). */
  lockedViews: ReadonlySet<string>;
}

export interface PolicyResult {
  /** The server changed something in this transaction: the author must receive it too. */
  amended: boolean;
  /** Forbidden changes that were put back, for logs and metrics. */
  refused: string[];
  /** A facilitator renamed the board. */
  title?: string;
}

const STAMPED_ROOTS = new Set(['shapes', 'mitigations', 'comments']);
const SERVER_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  shapes: new Set(['num', 'votes', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt']),
  mitigations: new Set(['num', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt']),
  comments: new Set(['createdBy', 'createdAt', 'updatedBy', 'updatedAt']),
  /** Who made a view: a participant may delete (undo) a view they made themselves. */
  views: new Set(['createdBy', 'createdAt']),
};
const FACILITATION_SERVER_ROOTS = new Set(['hidden', 'voted', 'hands']);
/** An unchanged author edits a record often (a drag): restamp `updatedAt` at most this often. */
const RESTAMP_MS = 60_000;

type Change = { root: string; map: Y.Map<unknown>; keys: string[]; record: string | null };

export function enforcePolicy(doc: Y.Doc, tr: Y.Transaction, ctx: PolicyContext): PolicyResult {
  const result: PolicyResult = { amended: false, refused: [] };
  if (ctx.kind === 'private') return result;
  const changes: Change[] = [];
  for (const [type, keys] of [...tr.changed]) {
    if (!(type instanceof Y.Map)) continue;
    const named = [...keys].filter((k): k is string => k !== null);
    if (type._item === null) changes.push({ root: Y.findRootTypeKey(type), map: type, keys: named, record: null });
    else {
      const parent = type._item.parent;
      if (!(parent instanceof Y.AbstractType) || parent._item !== null) continue;
      changes.push({ root: Y.findRootTypeKey(parent), map: type, keys: named, record: type._item.parentSub });
    }
  }
  const revert = (map: Y.Map<unknown>, key: string, why: string) => {
    revertKey(map, key, tr);
    result.refused.push(why);
    result.amended = true;
  };
  /** Set a server-owned field; `undefined` takes it out. */
  const set = (map: Y.Map<unknown>, key: string, value: unknown) => {
    if (value === undefined ? !map.has(key) : map.get(key) === value) return;
    if (value === undefined) map.delete(key);
    else map.set(key, value);
    result.amended = true;
  };
  if (ctx.kind === 'board') enforceBoard(doc, tr, ctx, changes, revert, set, result);
  else enforceFacilitation(tr, changes, revert, set);
  return result;
}

type Revert = (map: Y.Map<unknown>, key: string, why: string) => void;
type Set_ = (map: Y.Map<unknown>, key: string, value: unknown) => void;

function enforceBoard(doc: Y.Doc, tr: Y.Transaction, ctx: PolicyContext, changes: Change[], revert: Revert, set: Set_, result: PolicyResult): void {
  const locked = (rec: Y.Map<unknown>, before: boolean): boolean => {
    const kind = before ? previous(rec, 'kind', tr).value : rec.get('kind');
    const view = before ? previous(rec, 'view', tr).value : rec.get('view');
    return LOCKABLE_KINDS.has(kind as string) && ctx.lockedViews.has(typeof view === 'string' ? view : 'main');
  };
  const keptViews = keepViews(tr, ctx, changes, revert);
  for (const c of changes) {
    if (c.root === PEOPLE_ROOT) {
      if (c.record === null) for (const key of c.keys) revert(c.map, key, 'people');
      continue;
    }
    if (c.record === null && c.root === 'meta') {
      for (const key of c.keys) {
        const value = c.map.get(key);
        const ok = key === 'title' && ctx.user.role === 'facilitator' && Title.safeParse(value).data === value;
        if (!ok) revert(c.map, key, `meta.${key}`);
        else result.title = value as string;
      }
      continue;
    }
    if (c.root === 'comments') c.keys = enforceComments(doc, tr, ctx, c, revert, set);
    const serverFields = SERVER_FIELDS[c.root];
    if (c.record === null) {
      // Records added, replaced or deleted.
      for (const key of c.keys) {
        const item = c.map._map.get(key);
        if (!item) continue;
        if (!item.deleted && createdIn(tr, item) && item.content instanceof Y.ContentType) {
          const rec = item.content.type as Y.Map<unknown>;
          if (c.root === 'shapes' && locked(rec, false)) {
            revert(c.map, key, 'locked view');
            continue;
          }
          if (serverFields) stampNew(rec, serverFields, ctx, set);
        } else if (item.deleted && deletedIn(tr, item) && c.root === 'shapes' && item.content instanceof Y.ContentType) {
          const old = item.content.type as Y.Map<unknown>;
          const kind = deletedValue(old, 'kind', tr);
          const view = typeof deletedValue(old, 'view', tr) === 'string' ? (deletedValue(old, 'view', tr) as string) : 'main';
          if (keptViews.has(view)) revert(c.map, key, 'shape of a view only a facilitator may delete');
          else if (LOCKABLE_KINDS.has(kind as string) && ctx.lockedViews.has(view)) revert(c.map, key, 'locked view');
        }
      }
      continue;
    }
    // Fields of an existing record.
    if (c.root === 'shapes' && (locked(c.map, true) || locked(c.map, false))) {
      for (const key of c.keys) revert(c.map, key, 'locked view');
      continue;
    }
    let edited = false;
    for (const key of c.keys) {
      if (serverFields?.has(key)) revert(c.map, key, `${c.root}.${key}`);
      else edited = true;
    }
    if (edited && STAMPED_ROOTS.has(c.root)) {
      // A record never changed since it was made has no `updated*` stamps: its creation stamps stand in.
      const at = c.map.get('updatedAt') ?? c.map.get('createdAt');
      if ((c.map.get('updatedBy') ?? c.map.get('createdBy')) !== ctx.user.id || typeof at !== 'number' || ctx.now - at > RESTAMP_MS) {
        set(c.map, 'updatedBy', ctx.user.id);
        set(c.map, 'updatedAt', ctx.now);
      }
    }
    // A note turned into a threat gets a number from the server like a new threat.
    if (c.root === 'shapes' && c.keys.includes('kind') && c.map.get('kind') === 'threat') checkNumber(doc, c.map, 'shapes', set);
  }
  enforcePositions(doc, tr, (rec) => locked(rec, false), result);
}

/**
 * Moves in the position log (shared/model/positions.ts). Admission let in only `[id, x, y]` entries; here
 * a new entry stands only for an existing shape with a position that the writer may move, and an entry of
 * a shape they may not move that they deleted comes back (after the record rules above, so a shape whose
 * deletion was put back counts as existing). Refused entries are taken out whole and the allowed entries
 * of the same item appended again by the server.
 */
function enforcePositions(doc: Y.Doc, tr: Y.Transaction, locked: (rec: Y.Map<unknown>) => boolean, result: PolicyResult): void {
  const log = doc.share.get(POSITIONS_ROOT);
  if (!(log instanceof Y.Array) || !tr.changed.has(log)) return;
  const shapes = doc.getMap<unknown>('shapes');
  const movable = (id: string): boolean => {
    const rec = shapes.get(id);
    return rec instanceof Y.Map && rec.get('kind') !== 'flow' && !locked(rec);
  };
  const refuse = (why: string) => {
    result.refused.push(why);
    result.amended = true;
  };
  const again: unknown[] = [];
  for (const item of addedIn(tr, log)) {
    const entries = entriesOf(item);
    const ok = entries.filter((e) => isPositionEntry(e) && movable(e[0]));
    if (ok.length === entries.length) continue;
    item.delete(tr);
    again.push(...ok);
    refuse('position of a shape that is locked or does not exist');
  }
  // Entries of shapes the writer may not move that stood before this transaction and were deleted in it:
  // the shape goes back to where it was then (the last entry of its id among those that stood).
  const held = new Set<string>();
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (!(s instanceof Y.Item) || s.parent !== log || createdIn(tr, s)) return;
    for (const e of entriesOf(s)) if (isPositionEntry(e) && shapes.get(e[0]) instanceof Y.Map && !movable(e[0])) held.add(e[0]);
  });
  if (held.size) {
    const before = new Map<string, unknown>();
    const now = new Map<string, unknown>();
    for (let item = log._start; item !== null; item = item.right) {
      const stood = !createdIn(tr, item) && (!item.deleted || deletedIn(tr, item));
      for (const e of entriesOf(item)) {
        if (!isPositionEntry(e) || !held.has(e[0])) continue;
        if (stood) before.set(e[0], e);
        if (!item.deleted) now.set(e[0], e);
      }
    }
    for (const [id, e] of before) {
      if (now.get(id) === e) continue;
      again.push(e);
      refuse('position of a locked shape');
    }
  }
  if (again.length) log.push(again);
}

/**
 * The comment rules (see the header). Returns the keys of the change that stand, so a refused edit does
 * not restamp `updatedBy`.
 */
function enforceComments(doc: Y.Doc, tr: Y.Transaction, ctx: PolicyContext, c: Change, revert: Revert, set: Set_): string[] {
  const mayRemove = (old: Y.Map<unknown>) => ctx.user.role === 'facilitator' || deletedValue(old, 'createdBy', tr) === ctx.user.id;
  const kept: string[] = [];
  if (c.record === null) {
    for (const key of c.keys) {
      // A comment that existed before and was deleted or replaced in this transaction.
      const old = previousItem(c.map, key, tr);
      if (old && deletedIn(tr, old) && old.content instanceof Y.ContentType && !mayRemove(old.content.type as Y.Map<unknown>)) {
        revert(c.map, key, 'only its author or a facilitator deletes a comment');
        continue;
      }
      kept.push(key);
      const rec = c.map.get(key);
      if (rec instanceof Y.Map && createdIn(tr, c.map._map.get(key)!)) keepMentions(doc, rec, set);
    }
    return kept;
  }
  const author = previous(c.map, 'createdBy', tr).value;
  for (const key of c.keys) {
    if (key === 'target' || key === 'parent' || key === 'id') revert(c.map, key, `comments.${key}`);
    else if ((key === 'text' || key === 'mentions') && author !== ctx.user.id) revert(c.map, key, 'only its author edits a comment');
    else kept.push(key);
  }
  if (kept.includes('mentions')) keepMentions(doc, c.map, set);
  return kept;
}

/** Mentions name people of the board only: other ids are dropped. */
function keepMentions(doc: Y.Doc, rec: Y.Map<unknown>, set: Set_): void {
  const raw = rec.get('mentions');
  if (raw === undefined) return;
  const people = readPeople(doc);
  const ok = Array.isArray(raw) ? [...new Set(raw.filter((id): id is string => typeof id === 'string' && people.has(id)))].slice(0, MAX_MENTIONS) : [];
  if (!Array.isArray(raw) || ok.length !== raw.length) set(rec, 'mentions', ok);
}

/**
 * Only facilitators delete views (a view holds a whole diagram): a deletion by anyone else is put back,
 * and so are the shapes of that view deleted with it. Returns the ids of the views put back.
 */
function keepViews(tr: Y.Transaction, ctx: PolicyContext, changes: Change[], revert: Revert): Set<string> {
  const kept = new Set<string>();
  if (ctx.user.role === 'facilitator') return kept;
  for (const c of changes) {
    if (c.root !== 'views' || c.record !== null) continue;
    for (const key of c.keys) {
      const item = c.map._map.get(key);
      if (!item || !item.deleted || !deletedIn(tr, item) || createdIn(tr, item) || c.map.has(key)) continue;
      if (item.content instanceof Y.ContentType && deletedValue(item.content.type as Y.Map<unknown>, 'createdBy', tr) === ctx.user.id) continue;
      revert(c.map, key, 'only facilitators delete views');
      kept.add(key);
    }
  }
  return kept;
}

/** Stamp a record a client created; a number it brought is kept only when it restores a deleted record's. */
function stampNew(rec: Y.Map<unknown>, serverFields: ReadonlySet<string>, ctx: PolicyContext, set: Set_): void {
  const doc = rec.doc!;
  const root = Y.findRootTypeKey(rec._item!.parent as Y.AbstractType<unknown>);
  for (const key of serverFields) {
    if (key === 'createdBy') set(rec, key, ctx.user.id);
    else if (key === 'createdAt') set(rec, key, ctx.now);
    // A new record's last change is its creation: readers take `created*` for absent `updated*` stamps
    // (two fewer values per record to store and to send to everyone who opens the board).
    else if (key === 'updatedBy' || key === 'updatedAt') set(rec, key, undefined);
    else if (key === 'votes' && rec.has('votes')) set(rec, 'votes', 0);
  }
  if (serverFields.has('num')) {
    const numbered = root === 'mitigations' || rec.get('kind') === 'threat';
    if (numbered) checkNumber(doc, rec, root, set);
    else if (rec.has('num') && rec.get('num') !== 0) set(rec, 'num', 0);
  }
}

/**
 * A record may carry a number only if the server handed it out before (at most the sequence in `meta`)
 * and no other record holds it now: that is an undo bringing a deleted threat back as it was. Anything
 * else is set to 0 and numbered by the server's numbering workflow.
 */
function checkNumber(doc: Y.Doc, rec: Y.Map<unknown>, root: string, set: Set_): void {
  const num = rec.get('num');
  if (num === 0 || num === undefined) return;
  const seq = doc.getMap('meta').get(root === 'mitigations' ? 'mitigationSeq' : 'threatSeq');
  let ok = typeof num === 'number' && Number.isInteger(num) && num > 0 && typeof seq === 'number' && num <= seq;
  if (ok) {
    doc.getMap<Y.Map<unknown>>(root).forEach((other) => {
      if (other !== rec && other instanceof Y.Map && other.get('num') === num) ok = false;
    });
  }
  if (!ok) set(rec, 'num', 0);
}

function enforceFacilitation(tr: Y.Transaction, changes: Change[], revert: Revert, set: Set_): void {
  for (const c of changes) {
    if (FACILITATION_SERVER_ROOTS.has(c.root)) {
      for (const key of c.keys) revert(c.map, key, `${c.root} is written by the server`);
      continue;
    }
    if (c.root !== 'votes') continue;
    if (c.record === null) {
      for (const key of c.keys) {
        const item = c.map._map.get(key);
        if (!item || item.deleted || !createdIn(tr, item) || !(item.content instanceof Y.ContentType)) continue;
        const vote = item.content.type as Y.Map<unknown>;
        if (vote.has('results')) vote.delete('results');
        set(vote, 'status', 'open');
      }
      continue;
    }
    for (const key of c.keys) {
      if (key === 'results') revert(c.map, key, 'vote results are written by the server');
      if (key === 'status') {
        const before = previous(c.map, 'status', tr).value;
        if (!(before === 'open' && c.map.get('status') === 'closing')) revert(c.map, key, 'vote status');
      }
    }
  }
}
