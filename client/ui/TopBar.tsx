import { useCanEdit, useMe } from '../editor/context';
import { navigate } from '../router';
import { describeStatus, type ConnectionStatus } from '../sync/status';
import { Participants } from './Participants';
import { ShareButton } from './ShareDialog';
import { ExportMenu } from './ExportMenu';
import { RegisterToggle } from '../register/RegisterToggle';
import { ViewTabs } from './views/ViewTabs';
import { BoardTitle } from './BoardTitle';
import { HistoryButton } from './history/HistoryButton';
import { SinceButton } from '../since/SinceButton';
import { CommentsButton } from '../comments/CommentsPanel';

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
      <SinceButton />
      <ConnectionIndicator status={status} />
      <Participants boardId={boardId} />
      <ShareButton boardId={boardId} role={me.role} />
      <CommentsButton />
      <HistoryButton boardId={boardId} />
      <ExportMenu boardId={boardId} />
    </header>
  );
}

/** Connection state in words (and a shape, never colour alone). */
function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const ok = status.phase === 'connected' && status.synced && !status.savingPaused;
  const icon = ok ? '●' : status.phase === 'offline' || status.phase === 'closed' ? '○' : '◐';
  return (
    <div className={`connection ${ok ? 'ok' : status.savingPaused ? 'paused' : status.phase}`}>
      <span aria-hidden="true" className="connection-icon">
        {icon}
      </span>
      <span role="status">{describeStatus(status)}</span>
    </div>
  );
}
