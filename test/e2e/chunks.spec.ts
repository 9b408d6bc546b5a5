import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

/**
 * A part of the page that arrives as its own chunk (here the Share dialog) and fails to load — the
 * server restarting, a network blip — is tried again (client/lib/lazy-retry.ts), and the board stays on
 * screen meanwhile: an error in a lazy chunk used to unmount the whole page.
 */
test('a chunk that fails to load is tried again, and the board stays', async ({ browser }) => {
  // No service worker: it would serve the chunk from its cache, past the route below.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[pageerror] ${e.message}`));
  const board = new BoardPage(page);
  await board.createBoard('Chunk drill', 'Alice');
  await board.addNoteAt(300, 200, 'Still here');

  let failed = 0;
  await page.route(/\/assets\/ShareDialog-[\w-]+\.js$/, (route) => (failed++ < 2 ? route.abort('connectionreset') : route.continue()));
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this board' });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  expect(failed).toBeGreaterThanOrEqual(3);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(board.outlineItem('Still here')).toHaveCount(1);
  await board.waitConnected();
  await context.close();
});
