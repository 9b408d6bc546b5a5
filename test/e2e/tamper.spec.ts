import { expect, test, type Page } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api';
import { BoardPage } from './board-page';

/**
 * A participant's tampered client (here: Playwright evaluating in the page, through the `?tb-debug` handle of
 * client/debug.ts) forges a vote count on a threat and renames the board, which only facilitators may do.
 * The facilitator's and another participant's browsers must never show either, not even for a moment: a
 * MutationObserver in their pages records every text that ever appears.
 */

const FORGED_TITLE = 'Pwned by Mallory';
const FORGED_VOTES = '4242';

/** Start recording, in `page`, whether any of `needles` ever appears in the page's text. */
async function watchFor(page: Page, needles: string[]): Promise<void> {
  await page.evaluate((list) => {
    const w = window as unknown as { __seen: string[] };
    w.__seen = [];
    const check = () => {
      const text = document.body.innerText;
      for (const n of list) if (text.includes(n) && !w.__seen.includes(n)) w.__seen.push(n);
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
    check();
  }, needles);
}
const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

async function openRegister(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Main area' }).getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('table', { name: /^Threat register/ })).toBeVisible();
}

test('a tampered participant cannot forge vote counts or rename the board for anyone else', async ({ browser, request, baseURL }) => {
  const res = await request.post('/api/boards', { data: { title: 'Tamper drill', template: 'threatboard' } });
  expect(res.status()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const link = (role: keyof CreateBoardResponse['invites'], query = '') => `${baseURL}/b/${board.id}${query}#invite=${board.invites[role]}`;

  const { context: c1, board: fay } = await BoardPage.open(browser);
  const { context: c2, board: olive } = await BoardPage.open(browser);
  const { context: c3, board: mallory } = await BoardPage.open(browser);
  await fay.join(link('facilitator'), 'Fay');
  await olive.join(link('participant'), 'Olive');
  // Mallory's address keeps the query (BoardPage.join expects none).
  await mallory.page.goto(link('participant', '?tb-debug'));
  await mallory.page.getByLabel('Display name').fill('Mallory');
  await mallory.page.getByRole('button', { name: 'Join board' }).click();
  await mallory.waitConnected();
  await fay.page.screenshot({ path: 'test-results/tamper-board.png' });
  for (const p of [fay, olive]) {
    await openRegister(p.page);
    await expect(p.page.getByRole('table', { name: /^Threat register/ }).getByText('T-1', { exact: true })).toBeVisible();
    // T-1's details are open, so its authorship line is on screen when Mallory claims Fay made her edit.
    await p.page.getByRole('button', { name: 'Details for T-1' }).click();
    await watchFor(p.page, [FORGED_TITLE, FORGED_VOTES, 'Created by Fay', 'changed by Fay']);
  }

  await test.step('Mallory’s page writes server-owned votes and the title straight into its document', async () => {
    await mallory.page.waitForFunction(() => window.__threatboard !== undefined);
    await mallory.page.evaluate(
      ({ title, votes }) => {
        const doc = window.__threatboard!.board;
        const shapes = doc.getMap<{ get(k: string): unknown; set(k: string, v: unknown): void }>('shapes');
        doc.transact(() => {
          shapes.forEach((m) => {
            if (m.get('kind') === 'threat') m.set('votes', votes);
          });
          doc.getMap('meta').set('title', title);
        });
      },
      { title: FORGED_TITLE, votes: Number(FORGED_VOTES) },
    );
  });

  await test.step('an honest edit by Mallory after the forgery reaches the others, stamped with her name whatever author she claims', async () => {
    await mallory.page.evaluate(() => {
      const doc = window.__threatboard!.board;
      const people = doc.getMap<{ name: string }>('people');
      const fayId = [...people.entries()].find(([, p]) => p.name === 'Fay')![0];
      const shapes = doc.getMap<{ get(k: string): unknown; set(k: string, v: unknown): void }>('shapes');
      doc.transact(() => {
        for (const m of shapes.values()) {
          if (m.get('kind') !== 'threat' || m.get('num') !== 1) continue;
          m.set('title', 'Sentinel after the forgery');
          m.set('createdBy', fayId);
          m.set('updatedBy', fayId);
        }
      });
    });
    for (const p of [fay, olive]) {
      await expect(p.page.getByRole('table', { name: /^Threat register/ }).getByText('Sentinel after the forgery')).toHaveCount(1);
      await expect(p.page.getByRole('dialog', { name: /^T-1 / }).locator('.authorship')).toContainText('Last changed by Mallory');
    }
  });

  await test.step('neither the facilitator nor the other participant ever saw the forged values', async () => {
    for (const p of [fay, olive]) {
      expect(await seen(p.page)).toEqual([]);
      await expect(p.page.locator('.board-title')).toHaveText('Tamper drill');
      await expect(p.page.getByRole('table', { name: /^Threat register/ }).getByText(FORGED_VOTES, { exact: true })).toHaveCount(0);
    }
    await fay.page.screenshot({ path: 'test-results/tamper-facilitator.png' });
    // And the tampered page itself is put back, so it does not drift away from everyone else.
    await expect(mallory.page.locator('.board-title')).toHaveText('Tamper drill');
  });

  await c1.close();
  await c2.close();
  await c3.close();
});
