import { Suspense } from 'react';
import { parseRoute, useLocation } from './router';
import { lazyRetry } from './lib/lazy-retry';

// The board (Konva, Yjs, sync) is most of the code; the home page does not need to wait for it, nor
// the board page for the home page (its forms and the board import).
const loadBoardRoute = () => import('./ui/BoardRoute');
const BoardRoute = lazyRetry(() => loadBoardRoute().then((m) => ({ default: m.BoardRoute })));
let boardRouteLoaded: typeof import('./ui/BoardRoute').BoardRoute | null = null;

/**
 * Load the board page's chunk before the first render of a board address (main.tsx). A lazy component
 * suspends on its first render even when its chunk is already in, and React then holds the board back
 * until 300 ms after the "Loading the board…" fallback appeared (its throttle for revealing suspended
 * content): measured, that pause was 150 ms of a 2,000-note board's first paint. A failed load is left to
 * the lazy component, which tries again.
 */
export function preloadRoute(pathname: string): Promise<void> {
  if (parseRoute(pathname).page !== 'board') return Promise.resolve();
  return loadBoardRoute().then(
    (m) => void (boardRouteLoaded = m.BoardRoute),
    () => undefined,
  );
}

const Home = lazyRetry(() => import('./ui/Home').then((m) => ({ default: m.Home })));

export function App() {
  const { pathname } = useLocation();
  const route = parseRoute(pathname);
  switch (route.page) {
    case 'home':
      return (
        <Suspense fallback={<main className="centered-page muted" aria-busy="true" />}>
          <Home />
        </Suspense>
      );
    case 'board':
      if (boardRouteLoaded) {
        const Loaded = boardRouteLoaded;
        return <Loaded key={route.boardId} boardId={route.boardId} />;
      }
      return (
        <Suspense
          fallback={
            <main className="centered-page muted" aria-busy="true">
              Loading the board…
            </main>
          }
        >
          <BoardRoute key={route.boardId} boardId={route.boardId} />
        </Suspense>
      );
    case 'not-found':
      return (
        <main className="centered-page">
          <h1>Page not found</h1>
          <p>
            There is nothing at this address. <a href="/">Go to the start page</a>.
          </p>
        </main>
      );
  }
}
