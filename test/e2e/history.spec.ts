import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

test('history: a named version, a confirmed bulk delete, restoring one item and then the whole board; a participant cannot delete views or restore', async ({ browser }) => {
  const { context: fayCtx, board: fay } = await BoardPage.open(browser);
  await fay.createBoard('History', 'Fay');
  const links = await fay.inviteLinks();
  const notes = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'];
  for (const [i, text] of notes.entries()) await fay.addNoteAt(180 + (i % 3) * 190, 160 + Math.floor(i / 3) * 160, text);
  await expect(fay.outlineItems).toHaveCount(6);

  // A named version.
  const page = fay.page;
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Version history' });
  await panel.getByLabel('Version name').fill('end of day 1');
  await panel.getByRole('button', { name: 'Save version' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved version “end of day 1”.');
  const versions = panel.getByRole('list', { name: 'Versions' });
  await expect(versions.getByRole('button', { name: /end of day 1/ })).toBeVisible();
  await expect(versions.getByRole('button', { name: /end of day 1/ })).toContainText('Fay: 6 added');
  await panel.getByRole('button', { name: 'Close history' }).click();

  // Deleting more than five items asks first, then offers Undo.
  await fay.select('Alpha');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('alertdialog', { name: 'Delete 6 items?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(fay.outlineItems).toHaveCount(6);
  await page.keyboard.press('Delete');
  await confirm.getByRole('button', { name: 'Delete 6 items' }).click();
  await expect(fay.outlineItems).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '6 items deleted' })).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // Restore one deleted item, then the whole board, from the History panel.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await versions.getByRole('button', { name: /end of day 1/ }).click();
  const diff = panel.getByRole('region', { name: 'Changes since end of day 1' });
  await expect(diff.getByRole('list', { name: 'Deleted since' }).getByRole('listitem')).toHaveCount(6);
  await page.screenshot({ path: 'test-results/history-panel.png' });
  await diff.getByRole('button', { name: 'Restore Charlie' }).click();
  await expect(fay.outlineItem('Charlie')).toHaveCount(1);
  await expect(fay.outlineItems).toHaveCount(1);
  await expect(diff.getByRole('list', { name: 'Deleted since' }).getByRole('listitem')).toHaveCount(5);
  await diff.getByRole('button', { name: 'Restore whole board' }).click();
  await expect(fay.outlineItems).toHaveCount(6);
  await expect(versions.getByRole('button', { name: /Before a restore/ })).toHaveCount(2);
  await page.screenshot({ path: 'test-results/history-restored.png' });

  // A participant sees the restored board, can list and compare, but neither restore nor delete a view.
  const { context: patCtx, board: pat } = await BoardPage.open(browser);
  await pat.join(links.participant, 'Pat');
  await expect(pat.outlineItems).toHaveCount(6);
  await pat.page.getByRole('button', { name: 'View options' }).click();
  await expect(pat.page.getByRole('menuitem', { name: /Rename view/ })).toBeVisible();
  await expect(pat.page.getByRole('menuitem', { name: /Delete view/ })).toHaveCount(0);
  await pat.page.keyboard.press('Escape');
  await pat.page.getByRole('button', { name: 'History', exact: true }).click();
  const patPanel = pat.page.getByRole('complementary', { name: 'Version history' });
  await patPanel.getByRole('list', { name: 'Versions' }).getByRole('button', { name: /end of day 1/ }).click();
  await expect(patPanel.getByRole('region', { name: 'Changes since end of day 1' })).toBeVisible();
  await expect(patPanel.getByRole('button', { name: /Restore/ })).toHaveCount(0);
  await expect(patPanel.getByLabel('Version name')).toHaveCount(0);
  await pat.page.screenshot({ path: 'test-results/history-participant.png' });
  await fayCtx.close();
  await patCtx.close();
});
