import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

declare global {
  interface Window {
    __violations: string[];
    __injected?: number;
  }
}

/**
 * The app page runs under a Content-Security-Policy (server/csp.ts) that allows no script but the
 * build's files and its one inline preload script: the board works under it (no violation while a person
 * uses it), and markup that would run a script (a hostile note text that ever reached the DOM as HTML)
 * does not run.
 */
test('the board works under its Content-Security-Policy, and an injected script does not run', async ({ browser, request }) => {
  const res = await request.get('/b/some-board');
  const policy = res.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self' 'sha256-");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).toContain("frame-ancestors 'none'");

  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[pageerror] ${e.message}`));
  const board = new BoardPage(page);
  await board.createBoard('Policy drill', 'Alice');
  await board.addNoteAt(300, 200, '<img src=x onerror="window.__injected=1">');
  await expect(board.outlineItem('<img src=x')).toHaveCount(1);

  // The panels and dialogs that arrive as their own chunks, and the exports that make files in the page.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByRole('dialog', { name: 'Share this board' }).getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Version history' })).toBeVisible();
  await page.getByRole('button', { name: 'Close history' }).click();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /^PNG of this view/ }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [report] = await Promise.all([context.waitForEvent('page'), page.getByRole('menuitem', { name: /^Open printable report/ }).click()]);
  await expect(report.locator('body')).toContainText('Policy drill');
  expect(await page.evaluate(() => window.__violations)).toEqual([]);

  // Markup that would run code: an inline script and an event-handler attribute, both refused.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = 2';
    document.body.append(s);
    const div = document.createElement('div');
    div.innerHTML = '<img src="data:," onerror="window.__injected = 3">';
    document.body.append(div);
  });
  // Both refused (the handler when its error event fires), and neither ran.
  await expect.poll(() => page.evaluate(() => window.__violations.filter((v) => v.startsWith('script-src')).length)).toBe(2);
  expect(await page.evaluate(() => window.__injected ?? null)).toBeNull();
  await context.close();
});
