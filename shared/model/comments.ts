import type * as Y from 'yjs';
import { z } from 'zod';
import { boardMaps, newId } from './board-doc';
import { parseWith, type ParseResult } from './schema';
import { plain, recordFields, toYMap } from './ymap';

/**
 * Comments on threats, mitigations and DFD elements: threads of plain-text comments in the board
 * document's `comments` map, one Y.Map per comment keyed by id.
 *
 * - `target` is the id of a shape (threat, note, element) or of a mitigation. A comment whose target was
 *   deleted stays readable ("on a deleted item"); nothing deletes comments with their target.
 * - A thread is a root comment (`parent: null`) and its replies (`parent` = the root's id). `resolved`
 *   is meaningful on the root only.
 * - `text` holds "@Name" for a mention; `mentions` the user ids picked from the board's people map (the
 *   server drops ids that are not people of the board).
 * - `createdBy`/`createdAt`/`updatedBy`/`updatedAt` are stamped by the server (server/sync/policy.ts),
 *   which also lets only a comment's author edit its text and only the author or a facilitator delete it.
 */
export const COMMENT_TEXT_MAX = 4000;
export const MAX_MENTIONS = 20;
/** At most this many comments are read from a document (same bound as a backup file's). */
export const MAX_COMMENTS = 20_000;

const id = z.string().min(1).max(64);
export const Comment = z.object({
  id,
  target: id,
  parent: id.nullable().catch(null).default(null),
  text: z.string().max(COMMENT_TEXT_MAX),
  mentions: z.array(z.string().max(64)).max(MAX_MENTIONS).catch([]).default([]),
  resolved: z.boolean().catch(false).default(false),
  createdBy: z.string().max(64).default(''),
  createdAt: z.number().int().nonnegative().default(0),
  updatedBy: z.string().max(64).default(''),
  updatedAt: z.number().int().nonnegative().default(0),
});
export type Comment = z.infer<typeof Comment>;

export function readComment(raw: unknown): ParseResult<Comment> {
  return parseWith(Comment, plain(raw));
}

/** Every valid comment, oldest first; bad ones reported, never thrown. */
export function readComments(doc: Y.Doc): { records: Comment[]; errors: { id: string; error: string }[] } {
  const out: { records: Comment[]; errors: { id: string; error: string }[] } = { records: [], errors: [] };
  for (const [key, raw] of boardMaps(doc).comments) {
    if (out.records.length >= MAX_COMMENTS) break;
    const r = readComment(raw);
    if (!r.ok) out.errors.push({ id: key, error: r.error });
    else if (r.value.id !== key) out.errors.push({ id: key, error: `record id "${r.value.id}" differs from its key` });
    else out.records.push(r.value);
  }
  out.records.sort(byTime);
  return out;
}

export function byTime(a: Comment, b: Comment): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface Thread {
  root: Comment;
  replies: Comment[];
}

/**
 * Comments grouped into threads, oldest first. A reply whose root is gone (deleted by its author while
 * others had replied) is shown as a thread of its own rather than lost.
 */
export function threadsOf(comments: readonly Comment[]): Thread[] {
  const roots = new Map<string, Thread>();
  for (const c of comments) if (c.parent === null) roots.set(c.id, { root: c, replies: [] });
  for (const c of comments) {
    if (c.parent === null) continue;
    const t = roots.get(c.parent);
    if (t) t.replies.push(c);
    else roots.set(c.id, { root: c, replies: [] });
  }
  const list = [...roots.values()];
  for (const t of list) t.replies.sort(byTime);
  return list.sort((a, b) => byTime(a.root, b.root));
}

/** Threads on one item. */
export function threadsOn(comments: readonly Comment[], target: string): Thread[] {
  return threadsOf(comments.filter((c) => c.target === target));
}

/** Open (unresolved) threads per target id. */
export function openCounts(comments: readonly Comment[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of threadsOf(comments)) if (!t.root.resolved) out.set(t.root.target, (out.get(t.root.target) ?? 0) + 1);
  return out;
}

/** Whether a thread mentions a user (in its root or any reply). */
export function mentionsUser(t: Thread, userId: string): boolean {
  return t.root.mentions.includes(userId) || t.replies.some((r) => r.mentions.includes(userId));
}

/**
 * The mention ids still present in a text: a person picked from the list whose "@Name" was then deleted
 * from the text is not mentioned. Duplicates dropped, at most MAX_MENTIONS.
 */
export function mentionsIn(text: string, picked: Iterable<string>, nameOf: (id: string) => string): string[] {
  const out: string[] = [];
  for (const uid of picked) {
    const name = nameOf(uid);
    if (name && text.includes(`@${name}`) && !out.includes(uid)) out.push(uid);
    if (out.length >= MAX_MENTIONS) break;
  }
  return out;
}

/** The text split into plain runs and "@Name" mentions of the given names (longest name first). */
export function mentionSegments(text: string, names: readonly string[]): { text: string; mention: boolean }[] {
  const wanted = [...new Set(names.filter(Boolean))].sort((a, b) => b.length - a.length).map((n) => `@${n}`);
  const out: { text: string; mention: boolean }[] = [];
  let run = '';
  let i = 0;
  while (i < text.length) {
    const hit = text[i] === '@' ? wanted.find((w) => text.startsWith(w, i)) : undefined;
    if (hit) {
      if (run) out.push({ text: run, mention: false });
      out.push({ text: hit, mention: true });
      run = '';
      i += hit.length;
    } else run += text[i++];
  }
  if (run) out.push({ text: run, mention: false });
  return out;
}

// ── writes ───────────────────────────────────────────────────────────────

export interface CommentInput {
  text: string;
  mentions?: string[];
}

function clean(input: CommentInput): { text: string; mentions: string[] } {
  const text = input.text.trim();
  if (!text) throw new Error('a comment needs text');
  return { text, mentions: [...new Set(input.mentions ?? [])].slice(0, MAX_MENTIONS) };
}

/**
 * Start a thread on an item. `author` and the times are only shown until the server's stamp arrives
 * (the server writes its own).
 */
export function addComment(doc: Y.Doc, target: string, input: CommentInput, author = '', origin?: unknown): Comment {
  const now = Date.now();
  const c = Comment.parse({ id: newId(), target, parent: null, ...clean(input), createdBy: author, createdAt: now, updatedBy: author, updatedAt: now });
  doc.transact(() => boardMaps(doc).comments.set(c.id, toYMap(c)), origin);
  return c;
}

/** Reply to a thread (given the id of any of its comments); null when the thread is gone. */
export function replyTo(doc: Y.Doc, commentId: string, input: CommentInput, author = '', origin?: unknown): Comment | null {
  const to = readComment(boardMaps(doc).comments.get(commentId));
  if (!to.ok) return null;
  const root = to.value.parent ?? to.value.id;
  const now = Date.now();
  const c = Comment.parse({ id: newId(), target: to.value.target, parent: root, ...clean(input), createdBy: author, createdAt: now, updatedBy: author, updatedAt: now });
  doc.transact(() => boardMaps(doc).comments.set(c.id, toYMap(c)), origin);
  return c;
}

/** Resolve or reopen a thread (by its root id). */
export function setResolved(doc: Y.Doc, rootId: string, resolved: boolean, origin?: unknown): boolean {
  const m = boardMaps(doc).comments.get(rootId);
  if (!m || !readComment(m).ok) return false;
  if (m.get('resolved') !== resolved) doc.transact(() => m.set('resolved', resolved), origin);
  return true;
}

/** Change the text (and mentions) of one's own comment. */
export function editComment(doc: Y.Doc, commentId: string, input: CommentInput, origin?: unknown): boolean {
  const m = boardMaps(doc).comments.get(commentId);
  if (!m) return false;
  const next = clean(input);
  const merged = parseWith(Comment, { ...recordFields(m), ...next });
  if (!merged.ok) throw new Error(`invalid change to comment ${commentId}: ${merged.error}`);
  doc.transact(() => {
    if (m.get('text') !== next.text) m.set('text', next.text);
    if (JSON.stringify(m.get('mentions')) !== JSON.stringify(next.mentions)) m.set('mentions', next.mentions);
  }, origin);
  return true;
}

export function deleteComment(doc: Y.Doc, commentId: string, origin?: unknown): boolean {
  const { comments } = boardMaps(doc);
  if (!comments.has(commentId)) return false;
  doc.transact(() => comments.delete(commentId), origin);
  return true;
}
