import { expect, test } from '@playwright/test';

test('a facilitator revokes the invite links; the old participant link stops working and the new one works', async ({ browser }) => {
  const fay = await browser.newContext();
  const page = await fay.newPage();
  await page.goto('/');
  await page.getByLabel('Board title').fill('Rotation');
  await page.getByLabel('Display name').fill('Fay');
  await page.getByRole('button', { name: /create board/i }).click();
  await expect(page.getByRole('status').filter({ hasText: /connected/i }).first()).toBeVisible();

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
  await expect(p.getByRole('status').filter({ hasText: /connected/i }).first()).toBeVisible();
  await fay.close();
  await pat.close();
});
