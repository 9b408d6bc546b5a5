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

/** Wait until the outline lists `n` items, then for the frame after next: everything is on screen. */
export async function allPainted(page: Page, n: number): Promise<number> {
  await page.waitForFunction((k) => document.querySelectorAll('[aria-label="Board outline"] li').length >= k, n, { timeout: 120_000, polling: 'raf' });
  return page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
}

/**
 * Wait until the board takes edits (the top bar says its changes are saved: the document is applied,
 * not only the server's first-paint list of shapes), and return that moment on the page's clock.
 */
export async function editable(page: Page): Promise<number> {
  await page.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent === 'All changes saved'), null, { timeout: 120_000, polling: 'raf' });
  return page.evaluate(() => performance.now());
}
