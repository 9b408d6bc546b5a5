import { Suspense, type ReactNode } from 'react';
import { useSince } from './context';
import { lazyRetry } from '../lib/lazy-retry';

// The button and the panel exist only once "what changed" was worked out (a moment after the board
// arrived, see context.tsx), so their code comes then, with it (issue 13, first load).
const load = () => import('./SinceButton');
const SinceButton = lazyRetry(() => load().then((m) => ({ default: m.SinceButton })));
const SinceOverlay = lazyRetry(() => load().then((m) => ({ default: m.SinceOverlay })));

function OnceWorkedOut({ children }: { children: ReactNode }) {
  return useSince() ? <Suspense fallback={null}>{children}</Suspense> : null;
}

/** The top bar's "What changed" button, once there is a summary to show. */
export const SinceButtonSlot = () => (
  <OnceWorkedOut>
    <SinceButton />
  </OnceWorkedOut>
);

/** The "what changed" panel over the canvas, once there is a summary to show. */
export const SinceOverlaySlot = () => (
  <OnceWorkedOut>
    <SinceOverlay />
  </OnceWorkedOut>
);
