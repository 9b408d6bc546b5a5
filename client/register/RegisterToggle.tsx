import { useSession } from '../editor/context';
import { useStore } from '../lib/useStore';
import { registerUi, type MainMode } from './state';
// The toggle's look (and the register's) lives there; CSS is not part of the first JavaScript.
import './register.css';

/**
 * Canvas | Register in the top bar: what the main area shows. Going back to the canvas brings the
 * threat selected in the register into view.
 */
export function RegisterToggle() {
  const session = useSession();
  const ui = registerUi(session);
  const mode = useStore(ui.mode);
  const set = (next: MainMode) => {
    if (next === mode) return;
    ui.mode.set(next);
    if (next === 'canvas') {
      const sel = [...session.selection.get()];
      if (sel.length === 1) requestAnimationFrame(() => session.focusShape(sel[0]!));
    }
  };
  return (
    <div className="mode-toggle" role="group" aria-label="Main area">
      <button type="button" aria-pressed={mode === 'canvas'} onClick={() => set('canvas')} title="Draw and brainstorm on the canvas">
        Canvas
      </button>
      <button type="button" aria-pressed={mode === 'register'} onClick={() => set('register')} title="Work on the threats in a table: risk, response, mitigations">
        Register
      </button>
    </div>
  );
}
