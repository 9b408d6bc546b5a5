import { Suspense, useState } from 'react';
import { lazyRetry } from '../lib/lazy-retry';

export const EXPORT_TITLE = "Download the board's files, a picture or the report";

const load = () => import('./ExportMenu');
const ExportMenu = lazyRetry(() => load().then((m) => ({ default: m.ExportMenu })));

const prefetch = () => void load().catch(() => undefined);

/**
 * The Export button of the top bar. The menu behind it (formats, PNG, report) is a chunk of its own
 * (issue 13, first load): the pointer reaching the button or focus fetches it, and the first press puts
 * the real menu in the button's place, open. (Swapping on the pointer's arrival could replace the button
 * between press and release, and the click was lost: a flaky export e2e.)
 */
export function ExportButton({ boardId }: { boardId: string }) {
  const [wanted, setWanted] = useState(false);
  const standIn = (
    <div className="export-menu">
      <div className="menu-host">
        <button
          type="button"
          className="secondary share-button"
          aria-haspopup="menu"
          aria-expanded={false}
          aria-label="Export"
          title={EXPORT_TITLE}
          onPointerEnter={prefetch}
          onFocus={prefetch}
          onClick={() => setWanted(true)}
        >
          Export
        </button>
      </div>
    </div>
  );
  if (!wanted) return standIn;
  return (
    <Suspense fallback={standIn}>
      <ExportMenu boardId={boardId} startOpen />
    </Suspense>
  );
}
