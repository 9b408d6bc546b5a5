import { parseRoute, useLocation } from './router';
import { BoardRoute } from './ui/BoardRoute';
import { Home } from './ui/Home';

export function App() {
  const { pathname } = useLocation();
  const route = parseRoute(pathname);
  switch (route.page) {
    case 'home':
      return <Home />;
    case 'board':
      return <BoardRoute key={route.boardId} boardId={route.boardId} />;
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
