import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** Tries of a chunk that failed to load, with pauses doubling from the first: 0.5 s … 8 s, 15.5 s in all. */
const TRIES = 6;
const FIRST_PAUSE_MS = 500;

/**
 * `React.lazy` for the board page's chunks, tried again when a chunk fails to load (the server
 * restarting, a network blip) rather than letting the error unmount the whole page: a server restart
 * while the board's idle-time extras load, or while someone opens the Share dialog, must not blank their
 * board. After the last try the part is left out (nothing rendered, a console warning): the board stays.
 */
export function lazyRetry<T extends ComponentType<any>>(load: () => Promise<{ default: T }>): LazyExoticComponent<T> {
  return lazy(() =>
    retry(load).catch((err: unknown) => {
      console.warn('[threatboard] a part of the page could not be loaded; reload to try again.', err);
      return { default: Missing as unknown as T };
    }),
  );
}

function Missing(): null {
  return null;
}

async function retry<T>(load: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await load();
    } catch (err) {
      if (i >= TRIES) throw err;
      await new Promise((resolve) => setTimeout(resolve, FIRST_PAUSE_MS * 2 ** (i - 1)));
    }
  }
}
