import { chromium, type Browser, type Page } from '@playwright/test';
import type { JoinResponse } from '../shared/api';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * A 1366×768 page with a board session already in localStorage (as the client stores it after joining),
 * not yet navigated. `page.goto(boardUrl)` then opens the board straight away.
 */
export async function boardPage(browser: Browser, boardId: string, session: JoinResponse, name = 'Bench'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(
    ([key, value]) => localStorage.setItem(key!, value!),
    [`threatboard:session:${boardId}`, JSON.stringify({ token: session.token, userId: session.userId, role: session.role, name })],
  );
  // tsx wraps functions in __name(); functions handed to page.evaluate run in the page, which lacks it.
  await context.addInitScript('window.__name = (f) => f;');
  return context.newPage();
}

/** What `watchOpening` has the page note, on the page's clock. */
interface Opening {
  painted: Promise<number>;
  editable: Promise<number>;
}

/**
 * Before navigating `page`: have the page itself note two moments of its opening, on its own clock, from
 * its first script on. *Painted*: the outline lists `n` items (the page holds every note; the canvas
 * draws the visible ones in the same commit) and the frame after next has begun, so that frame is on
 * screen. *Editable*: the top bar says all changes are saved (the document is applied, not only the
 * server's first-paint list of shapes). Measured inside the page, the figures hold none of the bench's
 * own work: no round trip to the bench between seeing the list and counting frames (the board's document
 * is applied a few frames after the first paint and would otherwise hold up the count), and no
 * Playwright helper script compiled into the page while it loads (`waitForFunction` injects one).
 * The page checks once per frame, as `waitForFunction` with `polling: 'raf'` does.
 */
export async function watchOpening(page: Page, n: number): Promise<void> {
  await page.addInitScript((k) => {
    const settle = () => {
      let resolve!: (ms: number) => void;
      const promise = new Promise<number>((r) => (resolve = r));
      return { promise, resolve };
    };
    const painted = settle();
    const editable = settle();
    let listed = false;
    let saved = false;
    const frame = () => {
      if (!listed && (document.querySelector('[aria-label="Board outline"]')?.childElementCount ?? 0) >= k) {
        listed = true;
        requestAnimationFrame(() => requestAnimationFrame(() => painted.resolve(performance.now())));
      }
      if (!saved && [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent === 'All changes saved')) {
        saved = true;
        editable.resolve(performance.now());
      }
      if (!listed || !saved) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    (window as unknown as { __threatboardOpening: Opening }).__threatboardOpening = { painted: painted.promise, editable: editable.promise };
  }, n);
}

/** When the page `watchOpening` watches had painted all its notes (page clock, ms from navigation). */
export function allPainted(page: Page): Promise<number> {
  return opening(page, 'painted');
}

/** When the page `watchOpening` watches first took edits (page clock, ms from navigation). */
export function editable(page: Page): Promise<number> {
  return opening(page, 'editable');
}

function opening(page: Page, moment: keyof Opening): Promise<number> {
  const wait = page.evaluate((m) => (window as unknown as { __threatboardOpening: Opening }).__threatboardOpening[m], moment);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the board was not ${moment} within 120 s`)), 120_000)));
  return Promise.race([wait, timeout]).finally(() => clearTimeout(timer));
}
