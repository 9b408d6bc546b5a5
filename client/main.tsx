// First: asks for the board's shapes as it is evaluated, before the rest of the page's code (sync/prefetch.ts).
import './sync/prefetch';
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadRoute } from './App';
import './styles.css';

void preloadRoute(location.pathname).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// The app shell offline (client/sw/worker.js): a board opened before loads again without the network.
// Production builds only: the development server has no sw.js and changes files all the time. Registered a
// moment after load, so precaching the whole build does not compete with opening the board.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    setTimeout(() => {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
        console.warn('[threatboard] no offline support in this browser:', err);
      });
    }, 2000);
  });
}
