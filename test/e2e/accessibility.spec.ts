import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { inviteUrl, type CreateBoardResponse } from '../../shared/api';
import { BoardPage } from './board-page';

/**
 * WCAG 2.2 AA in a real Chromium: axe-core over every screen (a serious or critical violation fails), and
 * a workshop done with the keyboard alone — join, add a note, add a threat, open the register, change a
 * severity — with no mouse event at all.
 */

async function boardWithTemplate(request: APIRequestContext, title: string): Promise<CreateBoardResponse> {
  const res = await request.post('/api/boards', { data: { title, template: 'therapy-boot' } });
  expect(res.status()).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}


/** Serious and critical WCAG 2.x A/AA violations on the page as it is now, as readable lines. */
async function violations(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => ({ v, n })))
    .slice(0, 20)
    .map(({ v, n }) => `${screen}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`);
}

/** Press Tab until `target` has focus (at most `max` presses); fails if it never does. */
async function tabTo(page: Page, target: Locator, max = 60, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('axe-core finds no serious or critical WCAG 2.2 AA violation on any screen', async ({ browser, request }) => {
  test.setTimeout(360_000); // axe walks the whole page, a dozen times, on a shared 2-core machine
  const created = await boardWithTemplate(request, 'Axe check');
  const found: string[] = [];
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;

  await page.goto('/');
  await page.getByRole('form', { name: 'Create a board' }).waitFor();
  found.push(...(await violations(page, 'home')));

  await page.goto(inviteUrl(new URL(page.url()).origin, created.id, created.invites.facilitator));
  await page.getByRole('button', { name: 'Join board' }).waitFor();
  found.push(...(await violations(page, 'join')));
  await page.getByLabel('Display name').fill('Ada');
  await page.getByRole('button', { name: 'Join board' }).click();
  await board.waitConnected();
  found.push(...(await violations(page, 'board canvas with facilitator strip')));

  for (const tab of ['Properties', 'Coverage', 'Library', 'Outline']) {
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
    found.push(...(await violations(page, `side panel ${tab}`)));
  }

  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('dialog', { name: 'Share this board' })).toBeVisible();
  found.push(...(await violations(page, 'share dialog')));
  await page.keyboard.press('Escape');

  await page.getByRole('group', { name: 'Main area' }).getByRole('button', { name: 'Register' }).click();
  const tabs = page.getByRole('tablist', { name: /register/i }).getByRole('tab');
  await expect(tabs.first()).toBeVisible();
  for (const name of await tabs.allInnerTexts()) {
    await page.getByRole('tablist', { name: /register/i }).getByRole('tab', { name: name.trim(), exact: true }).click();
    found.push(...(await violations(page, `register ${name.trim()}`)));
  }
  await page.getByRole('tablist', { name: /register/i }).getByRole('tab', { name: 'Threats', exact: true }).click();
  await page.getByRole('button', { name: /^Details for T-\d+$/ }).first().click();
  await expect(page.getByRole('dialog', { name: /^T-\d+ / })).toBeVisible();
  found.push(...(await violations(page, 'register threat detail drawer')));
  expect(found).toEqual([]);
  await context.close();
});

test('keyboard only: join, add a note, add a threat, open the register, change a severity', async ({ browser, request }) => {
  const created = await boardWithTemplate(request, 'Keyboard walk');
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;
  await page.goto(inviteUrl(new URL((await request.get('/api/health')).url()).origin, created.id, created.invites.participant));

  // Join: the name field, then Enter.
  await tabTo(page, page.getByLabel('Display name'));
  await page.keyboard.type('Kim');
  await page.keyboard.press('Enter');
  await board.waitConnected();

  // The first Tab stop is the skip link; it goes straight to the canvas.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to canvas' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(board.canvas).toBeFocused();

  // A note: N on the canvas, type, Ctrl+Enter.
  await page.keyboard.press('n');
  await expect(board.noteEditor).toBeFocused();
  await page.keyboard.type('Ask about the service port');
  await page.keyboard.press('Control+Enter');
  await expect(board.outline.getByRole('button', { name: /Ask about the service port/ })).toHaveCount(1);

  // A threat: Coverage tab by keyboard, a gap letter, "Add … threat"; focus lands on the canvas.
  const coverageTab = page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Coverage', exact: true });
  await tabTo(page, page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { selected: true }));
  while (!(await coverageTab.evaluate((el) => el === document.activeElement))) await page.keyboard.press('ArrowRight');
  await expect(coverageTab).toHaveAttribute('aria-selected', 'true');
  const gap = page.getByRole('button', { name: /^S gap: Spoofing gap on / }).first();
  await tabTo(page, gap, 120);
  await page.keyboard.press('Enter');
  const add = page.getByRole('button', { name: 'Add Spoofing threat' });
  await tabTo(page, add);
  await page.keyboard.press('Enter');
  await expect(board.canvas).toBeFocused();

  // The register, by keyboard, and a severity changed in it.
  const registerButton = page.getByRole('group', { name: 'Main area' }).getByRole('button', { name: 'Register' });
  await tabTo(page, registerButton, 120, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const table = page.getByRole('table', { name: /^Threat register/ });
  await expect(table).toBeVisible();
  // Severity is not among the default columns (they fit a laptop): show it with the column chooser.
  await tabTo(page, page.getByRole('button', { name: /^Columns \(/ }), 120);
  await page.keyboard.press('Enter');
  const severityColumn = page.getByRole('group', { name: 'Columns shown' }).getByRole('checkbox', { name: 'Severity', exact: true });
  await tabTo(page, severityColumn, 40);
  await page.keyboard.press('Space');
  await expect(severityColumn).toBeChecked();
  const severity = table.getByRole('combobox', { name: /^Severity of T-\d+$/ }).first();
  await tabTo(page, severity, 120);
  await page.keyboard.press('ArrowDown');
  await expect(severity).not.toHaveValue('');
  await context.close();
});
