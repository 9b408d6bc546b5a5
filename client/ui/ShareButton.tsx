import { Suspense, useState } from 'react';
import type { Role } from '../../shared/roles';
import { lazyRetry } from '../lib/lazy-retry';

const ShareDialog = lazyRetry(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog })));

/**
 * The Share button. Its dialog (invite links, the facilitators' link list) is a chunk of its own, fetched
 * the first time someone presses Share (issue 13, first load); it then opens on every press.
 */
export function ShareButton({ boardId, role }: { boardId: string; role: Role }) {
  const [opened, setOpened] = useState(0);
  return (
    <>
      <button type="button" className="primary share-button" aria-haspopup="dialog" onClick={() => setOpened((n) => n + 1)}>
        Share
      </button>
      {opened > 0 && (
        <Suspense fallback={null}>
          <ShareDialog boardId={boardId} role={role} opened={opened} />
        </Suspense>
      )}
    </>
  );
}
