import { useCanEdit, useMe } from '../editor/context';
import { navigate } from '../router';
import { describeStatus, type ConnectionStatus } from '../sync/status';
import { Participants } from './Participants';
import { ShareButton } from './ShareButton';
import { ExportButton } from './ExportButton';
import { RegisterToggle } from '../register/RegisterToggle';
import { ViewTabs } from './views/ViewTabs';
import { BoardTitle } from './BoardTitle';
import { HistoryButton } from './history/HistoryButton';
import { SinceButtonSlot } from '../since/slots';
import { CommentsButton } from '../comments/CommentsButton';

interface Props {
  boardId: string;
  title: string;
  status: ConnectionStatus;
}

export function TopBar({ boardId, title, status }: Props) {
  const me = useMe();
  const canEdit = useCanEdit();
  return (
    <header className="topbar">
      <a
        href="/"
        className="home-link"
        aria-label="Threatboard home"
        title="Threatboard home"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
      >
        <span className="brand-mark" aria-hidden="true" />
      </a>
      <BoardTitle title={title} />
      {!canEdit && (
        <span className="badge" title="You can watch this board but not change it">
          View only
        </span>
      )}
      <ViewTabs />
      <RegisterToggle />
      <div className="topbar-spacer" />
      <SinceButtonSlot />
      <ConnectionIndicator status={status} canEdit={canEdit} />
      <Participants boardId={boardId} />
      <ShareButton boardId={boardId} role={me.role} />
      <CommentsButton />
      <HistoryButton boardId={boardId} />
      <ExportButton boardId={boardId} />
    </header>
  );
}

/**
 * Connection state in words (and a shape, never colour alone), in a polite live region: "Offline — changes
 * saved on this device", "N changes waiting to sync", "Syncing…", "All changes saved".
 */
function ConnectionIndicator({ status, canEdit }: { status: ConnectionStatus; canEdit: boolean }) {
  const ok = status.phase === 'connected' && status.synced && !status.savingPaused;
  const icon = ok ? '●' : status.phase === 'offline' || status.phase === 'closed' ? '○' : '◐';
  const hint =
    status.phase === 'offline' && canEdit
      ? status.stored
        ? 'No network. Keep working: your changes are kept in this browser, also across a reload, and are sent when the connection returns.'
        : 'No network. Keep working: your changes are kept in this tab (this browser cannot store them) and are sent when the connection returns.'
      : undefined;
  return (
    <div className={`connection ${ok ? 'ok' : status.savingPaused ? 'paused' : status.phase}`} title={hint}>
      <span aria-hidden="true" className="connection-icon">
        {icon}
      </span>
      <span role="status">{describeStatus(status, canEdit)}</span>
    </div>
  );
}
