import { Suspense } from 'react';
import { parseRoute, useLocation } from './router';
import { lazyRetry } from './lib/lazy-retry';

// The board (Konva, Yjs, sync) is most of the code; the home page does not need to wait for it, nor
// the board page for the home page (its forms and the board import).
const BoardRoute = lazyRetry(() => import('./ui/BoardRoute').then((m) => ({ default: m.BoardRoute })));
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
