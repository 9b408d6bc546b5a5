import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useBoardDoc, useBoardShapes, useMe, useSession } from '../editor/context';
import { useStore } from '../lib/useStore';
import { useMitigations } from '../register/hooks';
import { registerUi } from '../register/state';
import { countMine } from './mine';
import { MineToggle } from './MineToggle';
import './people.css';

/**
 * "Assigned to me" on the board page: a toggle at the canvas's corner (dims everything but my threats;
 * the register filters with the same flag), and on opening a board, once per visit, a polite notice
 * "3 items are assigned to you — Show" when threats or mitigations name me as owner. "Show" turns the
 * filter on and opens the register, where both lists are.
 */
export function AssignedToMe({ synced }: { synced: boolean }) {
  const session = useSession();
  const ui = registerUi(session);
  const filters = useStore(ui.filters);
  const myName = useMe().name;
  const { list } = useBoardShapes();
  const mitigations = useMitigations(useBoardDoc());
  const threats = useMemo(() => list.filter((s) => s.kind === 'threat'), [list]);
  const myThreats = useMemo(() => countMine(threats, myName), [threats, myName]);
  const total = myThreats + countMine(mitigations, myName);

  // Decided once, when the board's content has arrived: later assignments do not pop a notice up.
  const decided = useRef(false);
  const [notice, setNotice] = useState<number | null>(null);
  useEffect(() => {
    if (!synced || decided.current) return;
    decided.current = true;
    if (total > 0) setNotice(total);
  }, [synced, total]);

  const show = () => {
    ui.filters.set({ ...ui.filters.get(), mine: true });
    ui.tab.set(myThreats > 0 ? 'threats' : 'mitigations');
    ui.mode.set('register');
    setNotice(null);
  };

  return (
    <>
      {(myThreats > 0 || filters.mine) && (
        <div className="canvas-mine">
          <MineToggle pressed={filters.mine} count={myThreats} what="threats" onChange={(mine) => ui.filters.set({ ...ui.filters.get(), mine })} />
        </div>
      )}
      {notice !== null &&
        createPortal(
          <div className="toast assigned-notice" role="status">
            <span>{notice === 1 ? '1 item is assigned to you' : `${notice} items are assigned to you`}</span>
            <button type="button" className="toast-action" onClick={show}>
              Show
            </button>
            <button type="button" className="icon-button toast-close" aria-label="Dismiss" onClick={() => setNotice(null)}>
              <span aria-hidden="true">×</span>
            </button>
          </div>,
          document.body,
        )}
    </>
  );
}
