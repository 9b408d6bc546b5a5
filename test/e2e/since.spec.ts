import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

/** Opening a board on a loaded machine (two cores shared by many jobs) can take longer than the helpers' 15 s. */
const SLOW = 60_000;

test('a person returns after others changed things: the summary lists exactly those changes and leads to them', async ({ browser }) => {
  const { context: fayCtx, board: fay } = await BoardPage.open(browser);
  const page = fay.page;
  await page.goto('/');
  await page.getByLabel('Board title').fill('Since');
  await page.getByLabel('Display name').fill('Fay');
  await page.getByRole('button', { name: 'Create board' }).click();
  await expect(fay.status).toHaveText(/^(All changes saved|Connected)$/, { timeout: SLOW });
  const boardId = new URL(page.url()).pathname.split('/').pop()!;
  // Fay's page exposes its documents (?tb-debug), so the test can wait for the server to record Pat's leave.
  await page.goto(`/b/${boardId}?tb-debug`);
  await expect(fay.status).toHaveText(/^(All changes saved|Connected)$/, { timeout: SLOW });
  await fay.addNoteAt(200, 180, 'Keep me');
  await fay.addNoteAt(420, 180, 'Delete me');
  await fay.addNoteAt(640, 180, 'Pump spoofing');
  await fay.select('Pump spoofing');
  await fay.selectionToolbar.getByRole('combobox', { name: 'Make threat' }).selectOption('S');
  await expect(fay.outlineItem(/Pump spoofing/)).toContainText('T-1');
  const links = await fay.inviteLinks();

  // Pat joins, sees the board, and leaves.
  const { context: patCtx, board: pat } = await BoardPage.open(browser);
  await pat.page.goto(links.participant);
  await pat.page.getByLabel('Display name').fill('Pat');
  await pat.page.getByRole('button', { name: 'Join board' }).click();
  await expect(pat.status).toHaveText(/^(All changes saved|Connected)$/, { timeout: SLOW });
  await expect(pat.outlineItems).toHaveCount(3);
  await expect(pat.page.getByRole('button', { name: /^What changed/ })).toHaveCount(0);
  // Fay sees Pat go as soon as Pat's page says so; the server records the leave (Pat's lastSeenAt, and the
  // board as Pat saw it) when Pat's socket closes, a moment later. Fay's edits must come after that.
  const patLeft = () =>
    page.evaluate(() => {
      const people = [...window.__threatboard!.board.getMap('people').values()] as { name?: string; lastSeenAt?: number | null }[];
      return people.some((p) => p.name === 'Pat' && typeof p.lastSeenAt === 'number');
    });
  expect(await patLeft()).toBe(false);
  await pat.page.close();
  await expect(page.getByRole('button', { name: /^Participants: 1 on this board/ })).toBeVisible();
  await expect.poll(patLeft).toBe(true);

  // Fay adds a threat, changes the existing threat's status and deletes a note.
  await fay.addNoteAt(420, 420, 'Replayed dose');
  await fay.select('Replayed dose');
  await fay.selectionToolbar.getByRole('combobox', { name: 'Make threat' }).selectOption('T');
  await expect(fay.outlineItem(/Replayed dose/)).toContainText('T-2');
  await fay.select(/Pump spoofing/);
  await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Properties', exact: true }).click();
  await page.getByRole('tabpanel').getByLabel('Status', { exact: true }).selectOption('mitigated');
  await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Outline', exact: true }).click();
  await fay.select('Delete me');
  await page.keyboard.press('Delete');
  await expect(fay.outlineItems).toHaveCount(3);

  // Pat comes back: the summary lists exactly those three changes, by Fay.
  const back = new BoardPage(await patCtx.newPage());
  await back.page.goto(`/b/${boardId}`);
  await expect(back.status).toHaveText(/^(All changes saved|Connected)$/, { timeout: SLOW });
  const summary = back.page.getByRole('dialog', { name: /^Since you were last here/ });
  await expect(summary).toBeVisible({ timeout: SLOW });
  const threats = summary.getByRole('list', { name: 'Threats', exact: true }).locator(':scope > li');
  await expect(threats).toHaveCount(2);
  await expect(threats.nth(0)).toContainText('New');
  await expect(threats.nth(0)).toContainText('T-2 Replayed dose');
  await expect(threats.nth(0)).toContainText('added by Fay');
  await expect(threats.nth(1)).toContainText('Changed');
  await expect(threats.nth(1)).toContainText('T-1 Pump spoofing');
  await expect(threats.nth(1).getByRole('list', { name: /^Changes to/ })).toHaveText('Status: open → mitigated');
  const other = summary.getByRole('list', { name: 'Diagram and notes' }).locator(':scope > li');
  await expect(other).toHaveCount(1);
  await expect(other.first()).toContainText('Removed');
  await expect(other.first()).toContainText('Delete me');
  await expect(summary.locator('.since-group')).toHaveCount(2);
  await expect(back.page.getByRole('button', { name: 'What changed since you were last here: 3 not yet seen' })).toBeVisible();
  // The outline marks what changed.
  await expect(back.outlineItem(/Replayed dose/)).toContainText('new since your last visit');
  await expect(back.outlineItem(/Pump spoofing/)).toContainText('changed since your last visit');
  await expect(back.outlineItem('Keep me')).not.toContainText('since your last visit');
  await back.page.screenshot({ path: 'test-results/since-summary.png' });

  // An entry leads to the item: selected on the canvas, and seen.
  await threats.nth(0).getByRole('button').click();
  await expect(back.outlineItem(/Replayed dose/)).toHaveAttribute('aria-pressed', 'true');
  await expect(back.outlineItem(/Replayed dose/)).not.toContainText('since your last visit');
  await expect(back.page.getByRole('button', { name: 'What changed since you were last here: 2 not yet seen' })).toBeVisible();

  // Closed, it opens again from the top bar; "Mark all as seen" ends it.
  await summary.getByRole('button', { name: 'Close' }).click();
  await expect(summary).toBeHidden();
  await back.page.getByRole('button', { name: /^What changed since you were last here/ }).click();
  await summary.getByRole('button', { name: 'Mark all as seen' }).click();
  await expect(summary).toBeHidden();
  await expect(back.page.getByRole('button', { name: /^What changed/ })).toHaveCount(0);
  await expect(back.outlineItem(/Pump spoofing/)).not.toContainText('since your last visit');
  await fayCtx.close();
  await patCtx.close();
});
