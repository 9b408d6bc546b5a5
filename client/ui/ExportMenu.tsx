import { useEffect, useState } from 'react';
import { useBoardDoc, useBoardMeta, useBoardViews, useSession } from '../editor/context';
import { EXPORT_FORMATS } from '../../shared/formats/registry';
import '../register/register.css';
import { MenuButton, type MenuItem } from './views/MenuButton';
import { EXPORT_TITLE } from './ExportButton';

/**
 * How exports are made (fetch, save, PNG, report): its own chunk, fetched when the pointer or focus
 * reaches the Export button. Once loaded, an item runs within the click, so the report's tab opens
 * while the click still counts as a user gesture (see openPrintableReport).
 */
type Exports = typeof import('../register/exports');
let loaded: Exports | null = null;
const loadExports = async (): Promise<Exports> => (loaded ??= await import('../register/exports'));
const prefetch = () => void loadExports().catch(() => undefined);

type Feedback = { kind: 'busy' | 'done' | 'failed'; text: string } | null;

/**
 * Export in the top bar: the board's files (built by the server from the live document), a PNG of the
 * current view, and the printable report in a new tab. Progress and failures are said in words. Its own
 * chunk, fetched when the pointer reaches the button or on the first press (ExportButton.tsx).
 */
export function ExportMenu({ boardId, startOpen = false }: { boardId: string; startOpen?: boolean }) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const doc = useBoardDoc();
  const session = useSession();
  const meta = useBoardMeta();
  const views = useBoardViews();
  useEffect(() => {
    if (!feedback || feedback.kind === 'busy') return;
    const t = setTimeout(() => setFeedback(null), feedback.kind === 'failed' ? 8000 : 3000);
    return () => clearTimeout(t);
  }, [feedback]);

  const run = async (what: string, job: (x: Exports) => Promise<string | void>) => {
    setFeedback({ kind: 'busy', text: `Preparing ${what}…` });
    let x: Exports | null = null;
    try {
      x = loaded ?? (await loadExports());
      const name = await job(x);
      setFeedback({ kind: 'done', text: name ? `Downloaded ${name}` : `${what.charAt(0).toUpperCase()}${what.slice(1)} is open in a new tab.` });
    } catch (e) {
      setFeedback({ kind: 'failed', text: x && e instanceof x.ExportError ? e.message : `Could not export ${what}. Try again.` });
    }
  };

  const items: MenuItem[] = [
    ...EXPORT_FORMATS.map((f) => ({
      label: f.label,
      hint: f.hint,
      onSelect: () =>
        void run(f.what, async (x) => {
          const { blob, filename } = await x.fetchExport(boardId, f);
          x.saveFile(blob, filename);
          return filename;
        }),
    })),
    {
      label: 'PNG of this view',
      hint: '.png',
      onSelect: () =>
        void run('the picture of this view', async (x) => {
          const blob = await x.viewPng(doc, session);
          const viewTitle = views.find((v) => v.id === session.currentView.get())?.title;
          const filename = `${safeName(meta.title)}${viewTitle ? ` - ${safeName(viewTitle)}` : ''}.png`;
          x.saveFile(blob, filename);
          return filename;
        }),
    },
    {
      label: 'Open printable report',
      hint: 'Print → PDF',
      onSelect: () => void run('the printable report', (x) => x.openPrintableReport(boardId)),
    },
  ];

  return (
    <div className="export-menu" onPointerEnter={prefetch} onPointerDown={prefetch} onFocus={prefetch}>
      <MenuButton label="Export" className="secondary share-button" content="Export" items={items} title={EXPORT_TITLE} startOpen={startOpen} />
      {feedback && (
        <p className={`export-feedback ${feedback.kind}`} role={feedback.kind === 'failed' ? 'alert' : 'status'}>
          {feedback.text}
        </p>
      )}
    </div>
  );
}

function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'board';
}
