import { useEffect, useState } from 'react';

/** How long after the board arrived the things that can wait are started (see later). */
export const LATER_MS = 1000;

/**
 * Run `fn` a moment after the board has arrived, when the page is idle: for what is about the past or a
 * reminder ("what changed", "assigned to you"). Their code then stays out of the board page's first load
 * (issue 13), and the first paint never waits for them. Returns a cancel function.
 */
export function later(fn: () => void): () => void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if ('requestIdleCallback' in window) idle = requestIdleCallback(fn, { timeout: 2000 });
    else fn();
  }, LATER_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

/** False until a moment after `ready` first became true (see later), then true. */
export function useLater(ready: boolean): boolean {
  const [due, setDue] = useState(false);
  useEffect(() => {
    if (!ready || due) return;
    return later(() => setDue(true));
  }, [ready, due]);
  return due;
}

/** False until `on` is first true, then true for good. */
export function useSticky(on: boolean): boolean {
  const [was, setWas] = useState(on);
  if (on && !was) setWas(true);
  return was || on;
}

/**
 * Settles in a task after the page has produced `frames` more frames, or after `maxMs` if it produces
 * none (a tab in the background draws no frames).
 */
export function afterFrames(frames: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    const next = (left: number): void =>
      void requestAnimationFrame(() => {
        if (left > 1) return next(left - 1);
        setTimeout(() => {
          clearTimeout(timer);
          resolve();
        }, 0);
      });
    next(frames);
  });
}
