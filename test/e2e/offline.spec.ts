import { expect, test } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api';
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

/**
 * A change of over 256 KB (here one transaction of another person's; the same for a fresh client's first
 * sync) is applied without the local copy and the provider seeing it update by update (client/sync/
 * connect.ts, quietSync). It must still be kept on this device (stored whole when the browser is idle),
 * and edits made after it must still reach the others.
 */
test('a large change is kept on this device and edits after it reach the others', async ({ browser, request, baseURL }) => {
  const res = await request.post('/api/boards', { data: { title: 'Large board' } });
  expect(res.status()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const NOTES = 150;
  const large = (b: BoardPage) => b.outlineItems.filter({ hasText: /Large note \d+ x/ });
  const { context: fayContext, board: fay } = await BoardPage.open(browser);
  await fay.page.goto(`${baseURL}/b/${board.id}?tb-debug#invite=${board.invites.facilitator}`);
  await fay.page.getByLabel('Display name').fill('Fay');
  await fay.page.getByRole('button', { name: 'Join board' }).click();
  await fay.waitConnected();
  // Bob's copy on this device is open before the large change arrives.
  const { context: bobContext, board: bob } = await BoardPage.open(browser);
  await bob.join(`${baseURL}/b/${board.id}#invite=${board.invites.participant}`, 'Bob');
  await bob.addNoteAt(300, 200, 'Bob before the large change');
  await expect(fay.outlineItem('Bob before the large change')).toHaveCount(1);

  // Fay's page writes 150 notes of 2,000 characters straight into its document (the ?tb-debug handle).
  await fay.page.evaluate((count) => {
    const doc = window.__threatboard!.board;
    const shapes = doc.getMap('shapes');
    const YMap = shapes.constructor as new () => typeof shapes;
    doc.transact(() => {
      for (let i = 0; i < count; i++) {
        const m = new YMap();
        const id = `large${String(i).padStart(4, '0')}`;
        shapes.set(id, m);
        const fields = { id, kind: 'note', pos: { x: (i % 15) * 220, y: 400 + Math.floor(i / 15) * 180 }, text: `Large note ${i} ${'x'.repeat(2000)}` };
        for (const [k, v] of Object.entries(fields)) m.set(k, v);
      }
    });
  }, NOTES);
  await expect(large(bob)).toHaveCount(NOTES);
  await bob.addNoteAt(500, 200, 'Bob after the large change');
  await expect(fay.outlineItem('Bob after the large change')).toHaveCount(1);

  // Someone opening the board now gets it all in their first sync.
  const { context: carolContext, board: carol } = await BoardPage.open(browser);
  await carol.join(`${baseURL}/b/${board.id}#invite=${board.invites.viewer}`, 'Carol');
  await expect(large(carol)).toHaveCount(NOTES);
  await expect(carol.outlineItem(/Bob (before|after) the large change/)).toHaveCount(2);
  await carolContext.close();

  // Bob's copy on this device holds the large change (stored when the browser was idle).
  const storedBytes = () =>
    bob.page.evaluate(async (id) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(`threatboard:${id}:`) && n.endsWith(':board'));
      let bytes = 0;
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((ok, fail) => Object.assign(indexedDB.open(name), { onsuccess: (e: Event) => ok((e.target as IDBOpenDBRequest).result), onerror: fail }));
        const all = await new Promise<unknown[]>((ok, fail) => Object.assign(db.transaction('updates').objectStore('updates').getAll(), { onsuccess: (e: Event) => ok((e.target as IDBRequest).result as unknown[]), onerror: fail }));
        for (const u of all) if (u instanceof Uint8Array) bytes += u.byteLength;
        db.close();
      }
      return bytes;
    }, board.id);
  await expect.poll(storedBytes).toBeGreaterThan(NOTES * 2000);

  await bob.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => bob.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await bobContext.setOffline(true);
  await bob.page.reload();
  await expect(large(bob)).toHaveCount(NOTES);
  await expect(bob.outlineItem(/Bob (before|after) the large change/)).toHaveCount(2);

  await bobContext.close();
  await fayContext.close();
});
