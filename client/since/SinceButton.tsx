import { Suspense } from 'react';
import { useSince, useSinceState } from './context';
import './since.css';
import { lazyRetry } from '../lib/lazy-retry';

const SincePanel = lazyRetry(() => import('./SincePanel').then((m) => ({ default: m.SincePanel })));

/** The panel, over the top right of the canvas (beside the right panel, not over it). */
export function SinceOverlay() {
  const controller = useSince();
  const state = useSinceState();
  if (!controller || !state?.open || state.dismissed) return null;
  return (
    <Suspense fallback={null}>
      <SincePanel controller={controller} state={state} />
    </Suspense>
  );
}

/**
 * The top bar's "What changed" button, with how many entries are not yet seen; it opens the panel again
 * after it was closed, until "Mark all as seen". Shown only when others changed something since this
 * person's last visit.
 */
export function SinceButton() {
  const controller = useSince();
  const state = useSinceState();
  if (!controller || !state || state.phase !== 'ready' || state.dismissed || !state.summary) return null;
  const unseen = controller.unseenCount(state);
  return (
    <button
      type="button"
      className="text-button since-button"
      aria-expanded={state.open}
      aria-label={`What changed since you were last here: ${unseen} not yet seen`}
      title="What others changed since you were last here"
      onClick={() => controller.setOpen(!state.open)}
    >
      What changed{' '}
      <span className="since-badge" aria-hidden="true">
        {unseen}
      </span>
    </button>
  );
}
