import { lazy, Suspense, useState } from 'react';

export const EXPORT_TITLE = "Download the board's files, a picture or the report";

const load = () => import('./ExportMenu');
const ExportMenu = lazy(() => load().then((m) => ({ default: m.ExportMenu })));

/**
 * The Export button of the top bar. The menu behind it (formats, PNG, report) is a chunk of its own
 * (issue 13, first load): the pointer reaching the button puts the real menu in its place, focus fetches
 * it, and a press before it arrived opens it as soon as it has.
 */
export function ExportButton({ boardId }: { boardId: string }) {
  const [wanted, setWanted] = useState<'no' | 'shown' | 'open'>('no');
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
          onPointerEnter={() => setWanted((w) => (w === 'no' ? 'shown' : w))}
          onFocus={() => void load().catch(() => undefined)}
          onClick={() => setWanted('open')}
        >
          Export
        </button>
      </div>
    </div>
  );
  if (wanted === 'no') return standIn;
  return (
    <Suspense fallback={standIn}>
      <ExportMenu boardId={boardId} startOpen={wanted === 'open'} />
    </Suspense>
  );
}
