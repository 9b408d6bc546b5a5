import { useEffect, useRef, useState } from 'react';
import { addComment, deleteComment, editComment, mentionSegments, replyTo, setResolved, threadsOn, type Comment, type Thread } from '../../shared/model/comments';
import { personName, type Person } from '../../shared/model/people';
import { useBoardDoc, useBoardPeople, useCanEdit, useMe } from '../editor/context';
import { useStore } from '../lib/useStore';
import { Composer } from './Composer';
import { commentFocusFor, openLabel, relativeTime, useComments } from './store';
import './comments.css';

/**
 * The comment threads on one item (threat, element, note or mitigation): each thread with its replies,
 * Reply, Resolve/Reopen, and Edit/Delete on one's own comments; a box to start a new thread. Resolved
 * threads are folded behind a "Show resolved" toggle. The server decides who may do what (policy.ts);
 * the buttons offered here are the ones it allows.
 */
export function CommentThreads({ target, itemName }: { target: string; itemName: string }) {
  const doc = useBoardDoc();
  const me = useMe();
  const canEdit = useCanEdit();
  const comments = useComments(doc);
  const threads = threadsOn(comments, target);
  const open = threads.filter((t) => !t.root.resolved);
  const resolved = threads.filter((t) => t.root.resolved);
  const [showResolved, setShowResolved] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const focus = useStore(commentFocusFor(doc));

  // A marker or the Comments panel asked for this item's comments: bring them into view.
  useEffect(() => {
    if (!focus || focus.target !== target) return;
    if (focus.thread && resolved.some((t) => t.root.id === focus.thread)) setShowResolved(true);
    requestAnimationFrame(() => {
      const el = (focus.thread && ref.current?.querySelector(`[data-thread="${CSS.escape(focus.thread)}"]`)) || ref.current;
      el?.scrollIntoView({ block: 'nearest' });
      (el?.querySelector('textarea, button') as HTMLElement | null)?.focus({ preventScroll: true });
      // Handled: selecting this item again later must not pull the focus here again.
      commentFocusFor(doc).set(null);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.seq]);

  return (
    <section className="comments" aria-label={`Comments on ${itemName}`} ref={ref}>
      <h3 className="comments-head">
        Comments <span className="badge">{openLabel(open.length)}</span>
      </h3>
      {open.length === 0 && resolved.length === 0 && <p className="hint">No comments yet.</p>}
      <ol className="comment-threads">
        {open.map((t) => (
          <ThreadView key={t.root.id} thread={t} />
        ))}
      </ol>
      {resolved.length > 0 && (
        <button type="button" className="text-button small" aria-expanded={showResolved} onClick={() => setShowResolved(!showResolved)}>
          {showResolved ? 'Hide' : 'Show'} {resolved.length} resolved
        </button>
      )}
      {showResolved && (
        <ol className="comment-threads resolved">
          {resolved.map((t) => (
            <ThreadView key={t.root.id} thread={t} />
          ))}
        </ol>
      )}
      {canEdit && (
        <Composer label={`New comment on ${itemName}`} submitLabel="Comment" onSubmit={(text, mentions) => addComment(doc, target, { text, mentions }, me.userId)} />
      )}
    </section>
  );
}

export function ThreadView({ thread }: { thread: Thread }) {
  const doc = useBoardDoc();
  const me = useMe();
  const canEdit = useCanEdit();
  const [replying, setReplying] = useState(false);
  const { root, replies } = thread;
  const othersReplied = replies.some((r) => r.createdBy !== root.createdBy);
  return (
    <li className={`comment-thread${root.resolved ? ' is-resolved' : ''}`} data-thread={root.id} aria-label={`Thread by ${useAuthor(root)}`}>
      <CommentView comment={root} canDelete={!othersReplied} />
      {replies.length > 0 && (
        <ol className="comment-replies">
          {replies.map((r) => (
            <li key={r.id}>
              <CommentView comment={r} canDelete />
            </li>
          ))}
        </ol>
      )}
      {root.resolved && <p className="comment-resolved">✓ Resolved</p>}
      {canEdit && (
        <div className="comment-actions">
          {!root.resolved && (
            <button type="button" className="text-button small" aria-expanded={replying} onClick={() => setReplying(!replying)}>
              Reply
            </button>
          )}
          <button type="button" className="text-button small" onClick={() => setResolved(doc, root.id, !root.resolved)}>
            {root.resolved ? 'Reopen' : 'Resolve'}
          </button>
        </div>
      )}
      {replying && (
        <Composer
          label="Reply"
          submitLabel="Reply"
          autoFocus
          onCancel={() => setReplying(false)}
          onSubmit={(text, mentions) => {
            replyTo(doc, root.id, { text, mentions }, me.userId);
            setReplying(false);
          }}
        />
      )}
    </li>
  );
}

function useAuthor(c: Comment): string {
  return personName(useBoardPeople(), c.createdBy);
}

function CommentView({ comment: c, canDelete }: { comment: Comment; canDelete: boolean }) {
  const doc = useBoardDoc();
  const me = useMe();
  const people = useBoardPeople();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState(false);
  const mine = c.createdBy === me.userId;
  const author = personName(people, c.createdBy);
  const edited = c.updatedAt - c.createdAt > 1000 && c.updatedBy === c.createdBy;
  return (
    <article className="comment" aria-label={`Comment by ${author}`}>
      <header className="comment-meta">
        <strong>{author}</strong>{' '}
        <time dateTime={c.createdAt ? new Date(c.createdAt).toISOString() : undefined} title={c.createdAt ? new Date(c.createdAt).toLocaleString() : undefined}>
          {relativeTime(c.createdAt)}
        </time>
        {edited && <span className="muted"> (edited)</span>}
      </header>
      {editing ? (
        <Composer
          label="Edit comment"
          submitLabel="Save"
          initial={c.text}
          initialMentions={c.mentions}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={(text, mentions) => {
            editComment(doc, c.id, { text, mentions });
            setEditing(false);
          }}
        />
      ) : (
        <p className="comment-text">
          <CommentText comment={c} people={people} />
        </p>
      )}
      {canEdit && !editing && (mine || me.role === 'facilitator') && (
        <div className="comment-own">
          {mine && (
            <button type="button" className="link-button small" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {(canDelete || me.role === 'facilitator') && (
            <button type="button" className="link-button small" onClick={() => deleteComment(doc, c.id)}>
              Delete
            </button>
          )}
        </div>
      )}
    </article>
  );
}

/** The text, with the "@Name" of each mentioned person highlighted. */
export function CommentText({ comment, people }: { comment: Comment; people: ReadonlyMap<string, Person> }) {
  const names = comment.mentions.map((id) => personName(people, id));
  return (
    <>
      {mentionSegments(comment.text, names).map((s, i) =>
        s.mention ? (
          <mark key={i} className="mention">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
