import { useState } from 'react';
import { Loading } from '../lazy';
import { lazyRetry } from '../../lib/lazy-retry';

/** The history panel is its own chunk, fetched the first time someone opens it (the board page stays small). */
const HistoryPanel = lazyRetry(() => import('./HistoryPanel').then((m) => ({ default: m.HistoryPanel })));

export function HistoryButton({ boardId }: { boardId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="text-button" aria-expanded={open} onClick={() => setOpen(!open)} title="Versions of this board: view, compare and restore">
        History
      </button>
      {open && (
        <Loading>
          <HistoryPanel boardId={boardId} onClose={() => setOpen(false)} />
        </Loading>
      )}
    </>
  );
}
