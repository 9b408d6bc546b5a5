import { useEffect, useRef, useState } from 'react';
import { useBoardDoc } from '../editor/context';
import { useStore } from '../lib/useStore';
import { Icon } from '../ui/Icon';
import { CommentThreads } from './CommentThreads';
import { commentFocusFor, openLabel, requestCommentFocus, useOpenCounts } from './store';

/** The open-thread count of an item in a register cell; a button that opens the item's comments. */
export function CommentCount({ target, itemName, onOpen, hideZero = false }: { target: string; itemName: string; onOpen(from: HTMLElement): void; hideZero?: boolean }) {
  const doc = useBoardDoc();
  const n = useOpenCounts(doc).get(target) ?? 0;
  if (hideZero && n === 0) return null;
  return (
    <button
      type="button"
      className="link-button cell-link comment-count-badge"
      aria-label={`${openLabel(n)} on ${itemName}`}
      title="Show comments"
      onClick={(e) => {
        onOpen(e.currentTarget);
        requestCommentFocus(doc, target);
      }}
    >
      <Icon name="comment" /> {n}
    </button>
  );
}

/**
 * A mitigation's comments in its register row: the count as a button that unfolds the threads in a
 * popover below it (also opened when the Comments panel asks for this mitigation).
 */
export function MitigationComments({ target, itemName }: { target: string; itemName: string }) {
  const doc = useBoardDoc();
  const n = useOpenCounts(doc).get(target) ?? 0;
  const [open, setOpen] = useState(false);
  const focus = useStore(commentFocusFor(doc));
  const seen = useRef(focus?.seq);
  useEffect(() => {
    if (focus && focus.seq !== seen.current && focus.target === target) setOpen(true);
    seen.current = focus?.seq;
  }, [focus, target]);
  return (
    <div className="comments-cell">
      <button type="button" className="link-button cell-link comment-count-badge" aria-expanded={open} aria-label={`${openLabel(n)} on ${itemName}`} onClick={() => setOpen(!open)}>
        <Icon name="comment" /> {n}
      </button>
      {open && (
        <div className="comments-popover" onKeyDown={(e) => e.key === 'Escape' && !e.defaultPrevented && setOpen(false)}>
          <CommentThreads target={target} itemName={itemName} />
        </div>
      )}
    </div>
  );
}
