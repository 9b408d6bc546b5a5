import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BoardPage } from './board-page';

/**
 * The board's panels and views: templates from the home page, view tabs (add, rename, delete, undo),
 * properties edited in one browser and seen in another, the threat library, STRIDE coverage and threat
 * suggestions. Everything is reached by role and name, like a keyboard or screen-reader user would.
 */

mkdirSync('test-results', { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/panels-${name}.png` });

/** The parts of the board page this spec uses, on top of the shared page object. */
class Panels {
  constructor(readonly page: Page) {}
  get viewTabs(): Locator {
    return this.page.getByRole('tablist', { name: 'Board views' }).getByRole('tab');
  }
  viewTab(name: string | RegExp): Locator {
    return this.page.getByRole('tablist', { name: 'Board views' }).getByRole('tab', { name });
  }
  panelTab(name: 'Properties' | 'Coverage' | 'Library' | 'Outline'): Locator {
    return this.page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name, exact: true });
  }
  get panel(): Locator {
    return this.page.getByRole('tabpanel');
  }
  async open(name: 'Properties' | 'Coverage' | 'Library' | 'Outline'): Promise<Locator> {
    await this.panelTab(name).click();
    await expect(this.panelTab(name)).toHaveAttribute('aria-selected', 'true');
    return this.panel;
  }
  coverageRow(name: string): Locator {
    return this.page.getByRole('list', { name: 'STRIDE coverage' }).getByRole('listitem').filter({ has: this.page.getByRole('button', { name, exact: false }).first() });
  }
  /** Select a diagram element (flows included) through the Coverage list, which names every element. */
  async selectElement(name: string): Promise<void> {
    await this.open('Coverage');
    await this.page.getByRole('list', { name: 'STRIDE coverage' }).getByRole('button', { name: new RegExp(`^${escape(name)}`) }).first().click();
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function createFromTemplate(board: BoardPage, title: string, template: string | RegExp): Promise<void> {
  const page = board.page;
  await page.goto('/');
  await page.getByRole('form', { name: 'Create a board' }).waitFor();
  await page.getByLabel('Board title').fill(title);
  await page.getByLabel('Display name').fill('Alice');
  await page.getByRole('group', { name: 'Start from' }).getByRole('radio', { name: template }).check();
  await page.getByRole('button', { name: 'Create board' }).click();
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/);
  await board.waitConnected();
}

test('a board from each template has its views and elements', async ({ browser }) => {
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;
  const ui = new Panels(page);
  await page.goto('/');
  const choices = page.getByRole('group', { name: 'Start from' }).getByRole('radio');
  await expect(choices).toHaveCount(4);
  await expect(page.getByRole('radio', { name: 'Blank board' })).toBeChecked();
  await shot(page, 'home-templates');
  const names = await page.getByRole('group', { name: 'Start from' }).locator('.template-title').allInnerTexts();
  expect(names).toHaveLength(4);

  for (const name of names.slice(1)) {
    await test.step(`template: ${name}`, async () => {
      await createFromTemplate(board, `From template: ${name}`, name);
      await expect(ui.viewTabs.first()).toBeVisible();
      expect(await ui.viewTabs.count()).toBeGreaterThanOrEqual(2);
      await expect(ui.viewTabs.first()).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByText('This board is empty')).toHaveCount(0);
      await ui.open('Outline');
      expect(await board.outlineItems.count()).toBeGreaterThan(3);
      // Every view has something on it.
      for (const tab of await ui.viewTabs.all()) {
        await tab.click();
        await expect(tab).toHaveAttribute('aria-selected', 'true');
        await expect(board.outlineItems.first()).toBeVisible();
      }
      await ui.viewTabs.first().click();
      await shot(page, `template-${names.indexOf(name)}`);
    });
  }
  await context.close();
});

test('views: add an updatability view, rename it, delete it, undo', async ({ browser }) => {
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;
  const ui = new Panels(page);
  await board.createBoard('Views board', 'Alice');
  await expect(ui.viewTabs).toHaveCount(1);

  await test.step('add a view of kind Updatability', async () => {
    await page.getByRole('button', { name: 'Add view' }).click();
    await page.getByRole('menuitem', { name: /Updatability/ }).click();
    await expect(ui.viewTabs).toHaveCount(2);
    await expect(ui.viewTab(/Updatability/)).toHaveAttribute('aria-selected', 'true');
    await ui.open('Properties');
    await expect(ui.panel.getByLabel('Kind of view')).toHaveValue('updatability');
    await ui.panel.getByLabel('Description').fill('The update path from the build server to the device, end to end.');
    await ui.panel.getByLabel('Description').blur();
  });

  await test.step('rename it by double-click', async () => {
    await ui.viewTab(/Updatability/).dblclick();
    const input = page.getByRole('textbox', { name: 'View name' });
    await expect(input).toBeFocused();
    await input.fill('Firmware update path');
    await input.press('Enter');
    await expect(ui.viewTab('Firmware update path')).toHaveAttribute('aria-selected', 'true');
    await expect(ui.panel.getByLabel('View title')).toHaveValue('Firmware update path');
  });

  await test.step('rename from the menu, move it left', async () => {
    await page.getByRole('button', { name: 'View options' }).click();
    await page.getByRole('menuitem', { name: 'Rename view' }).click();
    await page.getByRole('textbox', { name: 'View name' }).fill('Update path');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'View options' }).click();
    await page.getByRole('menuitem', { name: 'Move view left' }).click();
    await expect(ui.viewTabs.first()).toHaveText('Update path');
    await page.getByRole('button', { name: 'View options' }).click();
    await page.getByRole('menuitem', { name: 'Move view right' }).click();
    await expect(ui.viewTabs.last()).toHaveText('Update path');
  });

  await test.step('delete it; ⌘Z brings it back', async () => {
    await ui.viewTab('Update path').click();
    await page.getByRole('button', { name: 'View options' }).click();
    await page.getByRole('menuitem', { name: 'Delete view' }).click();
    await expect(ui.viewTabs).toHaveCount(1);
    await expect(page.getByRole('status').filter({ hasText: 'deleted' })).toBeVisible();
    await shot(page, 'view-deleted');
    await page.keyboard.press('ControlOrMeta+z');
    await expect(ui.viewTabs).toHaveCount(2);
    await expect(ui.viewTab('Update path')).toBeVisible();
  });

  await test.step('delete again; the toast Undo brings it back with its description', async () => {
    await ui.viewTab('Update path').click();
    await page.getByRole('button', { name: 'View options' }).click();
    await page.getByRole('menuitem', { name: 'Delete view' }).click();
    await expect(ui.viewTabs).toHaveCount(1);
    await page.getByRole('status').filter({ hasText: 'deleted' }).getByRole('button', { name: 'Undo' }).click();
    await expect(ui.viewTab('Update path')).toHaveAttribute('aria-selected', 'true');
    await ui.open('Properties');
    await expect(ui.panel.getByLabel('Description')).toHaveValue(/update path from the build server/);
  });
  await context.close();
});
