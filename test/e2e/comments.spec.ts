import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

/**
 * Comments, two people: Alice comments on a threat and mentions Bob through the @ list; Bob sees the
 * marker on the canvas and the thread under "Mentions of me" in the Comments panel, and replies; Alice
 * resolves it, and it leaves the open list for both.
 */
test('a comment with a mention is answered and resolved', async ({ browser }) => {
  const { context: ctxA, board: alice } = await BoardPage.open(browser);
  const { context: ctxB, board: bob } = await BoardPage.open(browser);
  const A = alice.page;
  const B = bob.page;

  await A.goto('/');
  await A.getByLabel('Board title').fill('Comments');
  await A.getByLabel('Display name').fill('Alice');
  await A.getByRole('group', { name: 'Start from' }).getByRole('radio', { name: /exerciser boot/ }).check();
  await A.getByRole('button', { name: 'Create board' }).click();
  await A.waitForURL(/\/b\/[A-Za-z0-9_-]+$/);
  // The first connection also loads the server's code paths for the room: generous on a loaded machine.
  await expect(alice.status).toHaveText(/^(All changes saved|Connected)$/, { timeout: 45_000 });
  const links = await alice.inviteLinks();
  await B.goto(links.participant);
  await B.getByLabel('Display name').fill('Bob');
  await B.getByRole('button', { name: 'Join board' }).click();
  await expect(bob.status).toHaveText(/^(All changes saved|Connected)$/, { timeout: 45_000 });

  const panelTab = (p: typeof A, name: string) => p.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name, exact: true });
  const thread = A.getByRole('region', { name: /^Comments on T-\d+ Crafted command/ });

  await test.step('Alice comments on a threat and picks Bob from the @ list with the keyboard', async () => {
    await panelTab(A, 'Outline').click();
    await alice.outlineItem(/Crafted command/).click();
    await panelTab(A, 'Properties').click();
    const box = thread.getByRole('combobox', { name: /^New comment on T-\d+ Crafted command/ });
    await box.fill('Is the boot image signed? @Bo');
    const list = thread.getByRole('listbox', { name: 'People to mention' });
    await expect(list.getByRole('option', { name: 'Bob' })).toBeVisible();
    await box.press('Enter');
    await expect(box).toHaveValue('Is the boot image signed? @Bob ');
    await box.pressSequentially('please check');
    await thread.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(thread.getByRole('article', { name: 'Comment by Alice' })).toContainText('@Bob please check');
    await expect(thread.locator('mark.mention')).toHaveText('@Bob');
  });

  await test.step('Bob sees the marker and the thread under "Mentions of me", and replies', async () => {
    await expect(B.getByRole('button', { name: /^1 open comment on T-\d+ Crafted command/ })).toBeVisible();
    await B.getByRole('button', { name: 'Comments, 1 open' }).click();
    const panel = B.getByRole('dialog', { name: 'Comments' });
    await panel.getByLabel('Mentions of me').check();
    const item = panel.getByRole('region', { name: /^T-\d+ Crafted command/ });
    await expect(item.getByRole('article', { name: 'Comment by Alice' })).toContainText('Is the boot image signed? @Bob please check');
    await item.getByRole('button', { name: 'Reply' }).click();
    await item.getByRole('combobox', { name: 'Reply' }).fill('Yes, with the vendor key.');
    await item.getByRole('button', { name: 'Reply', exact: true }).last().click();
    await expect(item.getByRole('article', { name: 'Comment by Bob' })).toContainText('Yes, with the vendor key.');
  });

  await test.step('Alice sees the reply and resolves; the thread leaves the open list for both', async () => {
    await expect(thread.getByRole('article', { name: 'Comment by Bob' })).toContainText('Yes, with the vendor key.');
    await expect(A.getByRole('button', { name: 'Comments, 1 open' })).toBeVisible();
    await thread.screenshot({ path: 'test-results/comments-thread.png' });
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await expect(thread.getByText('✓ Resolved')).toHaveCount(0); // folded under "Show 1 resolved"
    await expect(thread.getByRole('button', { name: 'Show 1 resolved' })).toBeVisible();
    await expect(A.getByRole('button', { name: 'Comments, 0 open' })).toBeVisible();
    await expect(B.getByRole('button', { name: 'Comments, 0 open' })).toBeVisible();
    const panel = B.getByRole('dialog', { name: 'Comments' });
    await expect(panel.getByText('No open threads mention you.')).toBeVisible();
    await expect(B.getByRole('button', { name: /open comment on T-\d+ Crafted command/ })).toHaveCount(0);
    await panel.getByLabel('Show resolved').check();
    await expect(panel.getByRole('region', { name: /^T-\d+ Crafted command/ }).getByText('✓ Resolved')).toBeVisible();
  });

  await ctxA.close();
  await ctxB.close();
});
