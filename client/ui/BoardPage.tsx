import { Suspense, useEffect, type ReactNode } from 'react';
import { CloseCode } from '../../shared/protocol';
import { BoardStage } from '../canvas/BoardStage';
import { useShortcuts } from '../canvas/useShortcuts';
import { EditorProvider, useBoardMeta, useBoardShapes, useCanEdit, useCurrentView, useTool } from '../editor/context';
import type { Editor } from '../editor/editor';
import { useConnectionStatus } from '../model/hooks';
import { rememberTitle, type StoredSession } from '../session';
import { boardShown } from '../sync/status';
import { focusCanvas } from './panels/actions';
import { RightPanel } from './panels/RightPanel';
import { ImportWarnings } from './ImportWarnings';
import { RegisterSlot } from './lazy';
import { Toolbar } from './Toolbar';
import { TopBar } from './TopBar';
import { SessionBar } from './session/SessionBar';
import { SessionOverlays } from './session/SessionOverlays';
import { useBoard } from './useBoard';
import { SinceProvider, useSinceForBoard } from '../since/context';
import { SinceOverlaySlot } from '../since/slots';
import { ZoomControls } from './ZoomControls';
import { useLater } from '../lib/later';
import { lazyRetry } from '../lib/lazy-retry';

/** A reminder, shown a moment after the board arrived (see later.ts): its own chunk. */
const AssignedToMe = lazyRetry(() => import('../people/AssignedToMe').then((m) => ({ default: m.AssignedToMe })));

interface Props {
  boardId: string;
  session: StoredSession;
  fallbackTitle: string;
  onSessionInvalid(): void;
}

export function BoardPage({ boardId, session, fallbackTitle, onSessionInvalid }: Props) {
  const editor = useBoard(boardId, session);
  if (!editor) return <main className="board-loading" aria-busy="true" />;
  return (
    <EditorProvider editor={editor}>
      <WithSince boardId={boardId} editor={editor}>
        <Board key={boardId} boardId={boardId} editor={editor} fallbackTitle={fallbackTitle} onSessionInvalid={onSessionInvalid} />
      </WithSince>
    </EditorProvider>
  );
}

/** "What changed since you were last here" for the top bar, the outline and the canvas. */
function WithSince({ boardId, editor, children }: { boardId: string; editor: Editor; children: ReactNode }) {
  return <SinceProvider value={useSinceForBoard(boardId, editor)}>{children}</SinceProvider>;
}

function Board({ boardId, editor, fallbackTitle, onSessionInvalid }: { boardId: string; editor: Editor; fallbackTitle: string; onSessionInvalid(): void }) {
  const status = useConnectionStatus(editor.conn.status);
  const meta = useBoardMeta();
  const title = status.synced || meta.title !== 'Untitled board' ? meta.title : fallbackTitle || meta.title;
  useShortcuts(editor);
  const remind = useLater(status.synced);

  useEffect(() => {
    document.title = `${title} – Threatboard`;
    if (status.synced) rememberTitle(boardId, title);
    return () => {
      document.title = 'Threatboard';
    };
  }, [boardId, title, status.synced]);

  const ended = status.phase === 'closed' ? sessionEnd(status.closedCode) : null;
  if (ended) {
    return (
      <main className="centered-page">
        <h1>{title}</h1>
        <p className="lead" role="alert">
          {ended.message}
        </p>
        <p>{ended.next}</p>
        <button type="button" className={ended.rejoin ? 'primary' : 'secondary'} onClick={onSessionInvalid}>
          {ended.rejoin ? 'Join again' : 'Forget this session'}
        </button>
      </main>
    );
  }

  return (
    <div className="board-page">
      <SkipToCanvas />
      <TopBar boardId={boardId} title={title} status={status} />
      <SessionBar />
      <div className="board-body">
        <main className="board-main" aria-label="Board">
          <BoardStage editor={editor} />
          <Toolbar editor={editor} />
          <ZoomControls />
          {remind && (
            <Suspense fallback={null}>
              <AssignedToMe synced={status.synced} />
            </Suspense>
          )}
          <BoardHints synced={boardShown(status)} />
          <RegisterSlot />
          <SessionOverlays />
          <SinceOverlaySlot />
          <ImportWarnings boardId={boardId} />
          {status.refused && status.phase !== 'connected' && (
            <div className="banner warning" role="alert">
              The server is up but does not accept this browser's session for the board; it may have expired or been
              revoked. Open your invite link again.{' '}
              <button type="button" className="link-button" onClick={onSessionInvalid}>
                Forget this session
              </button>
            </div>
          )}
          {status.readOnly && editor.canEdit && (
            <p className="banner warning" role="alert">
              The server is not accepting your changes. Reload the page; if this persists, rejoin with your invite link.
            </p>
          )}
        </main>
        <RightPanel />
      </div>
    </div>
  );
}

/** Close codes after which this session cannot come back by reconnecting (see shared/protocol.ts). */
function sessionEnd(code: number | undefined): { message: string; next: string; rejoin: boolean } | null {
  switch (code) {
    case CloseCode.Removed:
      return { message: 'You were removed from this board.', next: 'A facilitator removed you. If you think this is a mistake, ask them.', rejoin: false };
    case CloseCode.Unauthorized:
      return { message: 'Your session for this board has expired.', next: 'Join again with the invite link you were given.', rejoin: true };
    case CloseCode.Forbidden:
      return { message: 'You no longer have access to this board.', next: 'Open the invite link you were given again, or ask the facilitator for a new one.', rejoin: false };
    default:
      return null;
  }
}

/** What to do first on an empty board, and what the note tool is waiting for. */
function BoardHints({ synced }: { synced: boolean }) {
  const { list, errors } = useBoardShapes();
  const tool = useTool();
  const view = useCurrentView();
  const canEdit = useCanEdit();
  const empty = synced && !list.some((s) => s.view === view);
  const boardEmpty = empty && list.length === 0;
  return (
    <>
      {tool === 'note' && (
        <p className="banner" role="status">
          Click on the board to place a note. Press Esc to cancel.
        </p>
      )}
      {empty && tool !== 'note' && (
        <div className="empty-hint">
          <h2>{boardEmpty ? 'This board is empty' : 'This view is empty'}</h2>
          {canEdit ? (
            <p>
              Draw what you are working on first: processes, data stores, external entities and the flows between them,
              with the tools on the left. Then add threats to each element, from the Library tab or as notes (<kbd>N</kbd>).
            </p>
          ) : (
            <p>Nothing here yet. The diagram will appear as participants draw it.</p>
          )}
        </div>
      )}
      {errors.length > 0 && (
        <p className="banner warning" role="status">
          {errors.length === 1 ? '1 item on this board could not be read and is not shown.' : `${errors.length} items on this board could not be read and are not shown.`}
        </p>
      )}
    </>
  );
}

/**
 * The first tab stop of the board page: straight to the canvas, past the top bar, the session bar and the
 * tools (WCAG 2.4.1). Visible only while focused.
 */
function SkipToCanvas() {
  return (
    <a
      className="skip-link"
      href="#board-canvas"
      onClick={(e) => {
        e.preventDefault();
        focusCanvas();
      }}
    >
      Skip to canvas
    </a>
  );
}
