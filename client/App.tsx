import { lazy, Suspense } from 'react';
import { parseRoute, useLocation } from './router';
import { Home } from './ui/Home';

// The board (Konva, Yjs, sync) is most of the code; the home page does not need to wait for it.
const BoardRoute = lazy(() => import('./ui/BoardRoute').then((m) => ({ default: m.BoardRoute })));

export function App() {
  const { pathname } = useLocation();
  const route = parseRoute(pathname);
  switch (route.page) {
    case 'home':
      return <Home />;
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
