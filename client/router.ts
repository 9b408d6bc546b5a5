import { useSyncExternalStore } from 'react';

/** The two pages: home, and a board at /b/<id>. The invite key, if any, is in the fragment. */
export type Route = { page: 'home' } | { page: 'board'; boardId: string } | { page: 'not-found' };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'home' };
  const m = /^\/b\/([A-Za-z0-9_-]{8,64})\/?$/.exec(pathname);
  return m ? { page: 'board', boardId: m[1]! } : { page: 'not-found' };
}

/** The invite key in `#invite=KEY`, or null. */
export function inviteFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const key = params.get('invite');
  return key && /^[A-Za-z0-9_-]{32,128}$/.test(key) ? key : null;
}

const listeners = new Set<() => void>();
function notify() {
  for (const l of [...listeners]) l();
}
window.addEventListener('popstate', notify);
window.addEventListener('hashchange', notify);

export function navigate(path: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  notify();
}

/** Drop the fragment (the invite key) from the address bar and history without reloading. */
export function stripHash(): void {
  history.replaceState(null, '', location.pathname + location.search);
  notify();
}

function snapshot(): string {
  return location.pathname + location.hash;
}

export function useLocation(): { pathname: string; hash: string } {
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    snapshot,
    snapshot,
  );
  return { pathname: location.pathname, hash: location.hash };
}
