import type * as Y from 'yjs';

declare global {
  interface Window {
    /** The page's documents, for end-to-end tests that play a tampered client (see exposeForTests). */
    __threatboard?: { board: Y.Doc; facilitation: Y.Doc; private: Y.Doc | null };
  }
}

/**
 * With `?tb-debug` in the address, put the board's documents on `window.__threatboard`, so an end-to-end test
 * can act as a tampered client (test/e2e/tamper.spec.ts). It gives nothing a user's own devtools do not: the
 * server, not the page, decides what is allowed. Returns the clean-up.
 */
export function exposeForTests(docs: NonNullable<Window['__threatboard']>): () => void {
  if (!new URLSearchParams(location.search).has('tb-debug')) return () => {};
  window.__threatboard = docs;
  return () => {
    if (window.__threatboard === docs) delete window.__threatboard;
  };
}
