import { expect, test } from '@playwright/test';

test('a facilitator removes a participant: their page says so and stops reconnecting; the others carry on', async ({ browser }) => {
  const fay = await browser.newContext();
  const page = await fay.newPage();
  await page.goto('/');
  await page.getByLabel('Board title').fill('Removal');
  await page.getByLabel('Display name').fill('Fay');
  await page.getByRole('button', { name: /create board/i }).click();
  await expect(page.getByRole('status').filter({ hasText: /^(connected|all changes saved)$/i }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Participant link' }).inputValue();
  await page.keyboard.press('Escape');

  const mal = await browser.newContext();
  const m = await mal.newPage();
  await m.goto(link);
  await m.getByLabel('Display name').fill('Mallory');
  await m.getByRole('button', { name: 'Join board' }).click();
  await expect(m.getByRole('status').filter({ hasText: /^(connected|all changes saved)$/i }).first()).toBeVisible();

  await page.getByRole('button', { name: /^Participants: 2 on this board/ }).click();
  await page.getByRole('button', { name: 'Remove Mallory from board…' }).click();
  const confirm = page.getByRole('alertdialog', { name: /Remove Mallory from this board\?/ });
  await expect(confirm).toBeVisible();
  await page.screenshot({ path: 'test-results/people-remove-confirm.png' });
  await confirm.getByRole('button', { name: 'Remove Mallory' }).click();

  await expect(m.getByRole('alert').filter({ hasText: 'You were removed from this board.' })).toBeVisible();
  await m.screenshot({ path: 'test-results/people-removed.png' });
  await expect(page.getByRole('button', { name: /^Participants: 1 on this board/ })).toBeVisible();
  // A reload does not bring them back.
  await m.reload();
  await expect(m.getByText(/does not accept this browser's session|removed/i).first()).toBeVisible({ timeout: 20_000 });
  await fay.close();
  await mal.close();
});
