import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

/**
 * Offline: a board opened before loads again with the network down (the service worker serves the app
 * shell, IndexedDB the board), edits go on across a reload, and everything reaches the others when the
 * network returns.
 */
test('edits made offline survive a reload and reach the others when the network returns', async ({ browser }) => {
  const { context: aliceContext, board: alice } = await BoardPage.open(browser);
  const page = alice.page;
  await alice.createBoard('Offline drill', 'Alice');
  const links = await alice.inviteLinks();
  const { context: bobContext, board: bob } = await BoardPage.open(browser);
  await bob.join(links.participant, 'Bob');
  await alice.addNoteAt(300, 200, 'Written online');
  await expect(bob.outlineItem('Written online')).toHaveCount(1);

  // The service worker has cached the app and controls the page before the network goes.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await aliceContext.setOffline(true);
  await expect(alice.status).toHaveText('Offline — changes saved on this device');
  await alice.addNoteAt(500, 300, 'First offline note');
  await expect(alice.status).toHaveText('Offline — changes saved on this device. 1 change waiting to sync');

  // A reload without network: the page, the board and the count of waiting changes come from this device.
  await page.reload();
  await expect(alice.outlineItem('First offline note')).toHaveCount(1);
  await expect(alice.outlineItem('Written online')).toHaveCount(1);
  await alice.addNoteAt(650, 420, 'Second offline note');
  await expect(alice.status).toHaveText('Offline — changes saved on this device. 2 changes waiting to sync');
  await page.getByRole('banner').screenshot({ path: 'test-results/offline-indicator.png' });
  await expect(bob.outlineItem(/offline note/)).toHaveCount(0);

  await aliceContext.setOffline(false);
  await alice.waitConnected();
  await expect(bob.outlineItem('First offline note')).toHaveCount(1);
  await expect(bob.outlineItem('Second offline note')).toHaveCount(1);

  await bobContext.close();
  await aliceContext.close();
});
