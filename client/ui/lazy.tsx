import { Suspense, type ReactNode } from 'react';
import { useStore } from '../lib/useStore';
import { useRegisterUi } from '../register/state';
import { lazyRetry } from '../lib/lazy-retry';

/**
 * What the board page loads only when someone opens it (issue 11, first load): the register (with the
 * CVSS calculator), the register fields of a selected threat, and the threat library (its panel,
 * the suggestions for a selected element and the origin of a threat made from it), and the side
 * panel's Properties and Coverage tabs (issue 13: the outline is the tab shown first). Each is its own
 * chunk, fetched on first use; the canvas never waits for them.
 */
const RegisterArea = lazyRetry(() => import('../register/RegisterView').then((m) => ({ default: m.RegisterArea })));
export const LazyThreatRegisterFields = lazyRetry(() => import('../register/ThreatRegisterFields').then((m) => ({ default: m.ThreatRegisterFields })));
export const LazyLibraryOrigin = lazyRetry(() => import('./panels/LibraryOrigin').then((m) => ({ default: m.LibraryOrigin })));
export const LazySuggestions = lazyRetry(() => import('./panels/Suggestions').then((m) => ({ default: m.Suggestions })));
export const LazyLibrary = lazyRetry(() => import('./panels/Library').then((m) => ({ default: m.Library })));
export const LazyProperties = lazyRetry(() => import('./panels/Properties').then((m) => ({ default: m.Properties })));
export const LazyCoverage = lazyRetry(() => import('./panels/Coverage').then((m) => ({ default: m.Coverage })));

/** A placeholder while a chunk loads: announced as busy, takes no layout of its own. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="hint" aria-busy="true">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

/** The register in place of the canvas, loaded the first time it is opened. */
export function RegisterSlot() {
  const mode = useStore(useRegisterUi().mode);
  if (mode !== 'register') return null;
  return (
    <Loading>
      <RegisterArea />
    </Loading>
  );
}
