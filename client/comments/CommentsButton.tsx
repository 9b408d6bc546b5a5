import { Suspense, useState } from 'react';
import { useBoardDoc } from '../editor/context';
import { useOpenCounts } from './store';
import './comments.css';
import { lazyRetry } from '../lib/lazy-retry';

/** The panel is a chunk of its own, fetched when it is first opened (issue 13, first load). */
const CommentsPanel = lazyRetry(() => import('./CommentsPanel').then((m) => ({ default: m.CommentsPanel })));

/** "Comments 3" in the top bar: opens the panel of the board's open threads. */
export function CommentsButton() {
  const doc = useBoardDoc();
  const counts = useOpenCounts(doc);
  const [open, setOpen] = useState(false);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return (
    <>
      <button
        type="button"
        className="text-button comments-button"
        aria-expanded={open}
        aria-label={`Comments, ${total} open`}
        title="Open comment threads on this board"
        onClick={() => setOpen(!open)}
      >
        Comments {total > 0 && <span className="badge">{total}</span>}
      </button>
      {open && (
        <Suspense fallback={null}>
          <CommentsPanel onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
