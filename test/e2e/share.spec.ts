import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

test('a facilitator revokes the invite links; the old participant link stops working and the new one works', async ({ browser }) => {
  const fay = await browser.newContext();
  const page = await fay.newPage();
  await page.goto('/');
  await page.getByLabel('Board title').fill('Rotation');
  await page.getByLabel('Display name').fill('Fay');
  await page.getByRole('button', { name: /create board/i }).click();
  await expect(page.getByRole('status').filter({ hasText: /^(connected|all changes saved)$/i }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const oldLink = await page.getByRole('textbox', { name: 'Participant link' }).inputValue();
  await page.getByRole('button', { name: 'Revoke links…' }).click();
  await page.getByRole('button', { name: 'Revoke old links and create new ones' }).click();
  await expect(page.getByRole('textbox', { name: 'Participant link' })).not.toHaveValue(oldLink);
  const newLink = await page.getByRole('textbox', { name: 'Participant link' }).inputValue();
  await page.screenshot({ path: 'test-results/share-revoked.png' });

  const pat = await browser.newContext();
  const p = await pat.newPage();
  await p.goto(oldLink);
  await p.getByLabel('Display name').fill('Pat');
  await p.getByRole('button', { name: 'Join board' }).click();
  await expect(p.getByText(/not valid/i)).toBeVisible();
  await p.goto(newLink);
  await p.reload();
  await p.getByLabel('Display name').fill('Pat');
  await p.getByRole('button', { name: 'Join board' }).click();
  await expect(p.getByRole('status').filter({ hasText: /^(connected|all changes saved)$/i }).first()).toBeVisible();
  await fay.close();
  await pat.close();
});

test('a co-facilitator makes a labelled link and revokes it; reopening a link keeps who you are', async ({ browser }) => {
  const fay = await BoardPage.open(browser);
  await fay.board.createBoard('Co-facilitation', 'Fay');
  const links = await fay.board.inviteLinks();

  // Gil joined with the facilitator link: he has no stored keys, but can list and make links.
  const gil = await BoardPage.open(browser);
  await gil.board.join(links.facilitator, 'Gil');
  const g = gil.board.page;
  await g.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = g.getByRole('dialog', { name: 'Share this board' });
  const active = dialog.getByRole('region', { name: 'Active links' }).getByRole('listitem');
  await expect(active).toHaveCount(3);
  await dialog.getByRole('button', { name: 'New link…' }).click();
  await dialog.getByLabel('Role').selectOption('participant');
  await dialog.getByLabel('Label').fill('Ward team B');
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const made = dialog.getByRole('textbox', { name: 'New participant link “Ward team B”' });
  const wardLink = await made.inputValue();
  await expect(active.filter({ hasText: 'Ward team B' })).toContainText('Participant · created just now by Gil');
  await g.screenshot({ path: 'test-results/share-new-link.png' });

  const pat = await BoardPage.open(browser);
  await pat.board.join(wardLink, 'Pat');
  const p = pat.board.page;
  // The same link again in Pat's browser: no second join, straight back to the board as Pat.
  await p.goto('/');
  await expect(p.getByRole('navigation', { name: 'Your boards' }).getByRole('listitem')).toContainText('as Pat (participant)');
  await p.getByRole('navigation', { name: 'Your boards' }).screenshot({ path: 'test-results/home-your-boards.png' });
  await p.goto(wardLink);
  await pat.board.waitConnected();
  await expect(p.getByRole('button', { name: /^Join/ })).toHaveCount(0);
  // A facilitator link offers a choice instead.
  await p.goto('/');
  await p.goto(links.facilitator);
  await expect(p.getByRole('button', { name: 'Continue as Pat (participant)' })).toBeVisible();
  await expect(p.getByRole('button', { name: 'Join as facilitator' })).toBeVisible();
  await p.screenshot({ path: 'test-results/join-choose.png' });

  await dialog.getByRole('button', { name: 'Revoke link “Ward team B” (participant)' }).click();
  await dialog.getByRole('button', { name: 'Revoke “Ward team B”' }).click();
  await expect(active).toHaveCount(3);
  await expect(active.filter({ hasText: 'Ward team B' })).toHaveCount(0);

  const late = await BoardPage.open(browser);
  await late.board.page.goto(wardLink);
  await expect(late.board.page.getByRole('alert')).toContainText('This invite link is not valid: it was revoked');
  await late.board.page.screenshot({ path: 'test-results/share-revoked-link.png' });
  for (const c of [fay, gil, pat, late]) await c.context.close();
});
