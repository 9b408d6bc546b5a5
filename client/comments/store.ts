import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { boardMaps } from '../../shared/model/board-doc';
import type { Comment } from '../../shared/model/comments';
import { createStore, type ReadStore, type Store } from '../lib/store';
import { useStore } from '../lib/useStore';
import { perDoc, sameJson } from '../lib/y-store';

type Model = typeof import('../../shared/model/comments');
let model: Model | null = null;
let loading: Promise<Model> | null = null;

/**
 * The comment model (schemas, threads, mentions) is a chunk of its own, fetched the first time a board
 * has a comment: opening a board without comments never needs it (issue 13, first load).
 */
function loadModel(): Promise<Model> {
  return (loading ??= import('../../shared/model/comments').then((m) => (model = m)));
}

/**
 * A value read from the board's `comments` map through the model, re-read after each change of the map
 * (comments are few next to shapes, and a change is a person typing, not a drag); `empty` until the
 * model has arrived.
 */
function commentsValue<T>(doc: Y.Doc, empty: T, read: (m: Model) => T, equals: (a: T, b: T) => boolean): ReadStore<T> {
  const map = boardMaps(doc).comments;
  const out = createStore<T>(empty, equals);
  const update = () => {
    if (model) out.set(read(model));
    else if (map.size > 0) loadModel().then(update, (err: unknown) => console.warn('[threatboard] comments could not be loaded:', err));
  };
  map.observeDeep(update);
  doc.once('destroy', () => map.unobserveDeep(update));
  update();
  return out;
}

/** The board's comments for components: one store per document. */
const commentStores = perDoc<ReadStore<readonly Comment[]>>();
const countStores = perDoc<ReadStore<ReadonlyMap<string, number>>>();
const focusStores = perDoc<Store<CommentFocus | null>>();

const NO_COMMENTS: readonly Comment[] = [];

export function commentsStoreFor(doc: Y.Doc): ReadStore<readonly Comment[]> {
  return commentStores(doc, () => commentsValue(doc, NO_COMMENTS, (m) => m.readComments(doc).records, sameJson));
}

export function useComments(doc: Y.Doc): readonly Comment[] {
  return useStore(commentsStoreFor(doc));
}

/** Open threads per item id. */
export function openCountsStoreFor(doc: Y.Doc): ReadStore<ReadonlyMap<string, number>> {
  return countStores(doc, () =>
    commentsValue(doc, new Map(), (m) => m.openCounts(m.readComments(doc).records), (a, b) => sameJson([...a], [...b])),
  );
}

export function useOpenCounts(doc: Y.Doc): ReadonlyMap<string, number> {
  return useStore(openCountsStoreFor(doc));
}

/**
 * A request to show an item's comments (from a canvas marker or the Comments panel): the side panel
 * switches to Properties and the thread list of that item scrolls into view. `seq` makes a second
 * click on the same item a new request.
 */
export interface CommentFocus {
  target: string;
  /** The thread to bring into view, if one. */
  thread: string | null;
  seq: number;
}

export function commentFocusFor(doc: Y.Doc): Store<CommentFocus | null> {
  return focusStores(doc, () => createStore<CommentFocus | null>(null));
}

export function requestCommentFocus(doc: Y.Doc, target: string, thread: string | null = null): void {
  const s = commentFocusFor(doc);
  s.set({ target, thread, seq: (s.get()?.seq ?? 0) + 1 });
}

/** "1 open comment", "3 open comments". */
export function openLabel(n: number): string {
  return `${n} open comment${n === 1 ? '' : 's'}`;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago", then the date. */
export function relativeTime(at: number, now = Date.now()): string {
  if (!at) return '';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 7 * 86_400) return `${Math.round(s / 86_400)} d ago`;
  return new Date(at).toLocaleDateString();
}

/** Run `open` whenever someone asks to show an item's comments (the side panel shows its tab). */
export function useCommentFocusOpens(doc: Y.Doc, open: () => void): void {
  const focus = useStore(commentFocusFor(doc));
  const ref = useRef(open);
  ref.current = open;
  const seen = useRef(focus?.seq);
  useEffect(() => {
    if (!focus || focus.seq === seen.current) return;
    seen.current = focus.seq;
    ref.current();
  }, [focus]);
}
