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
  await expect(choices).toHaveCount(5);
  await expect(page.getByRole('radio', { name: 'Blank board' })).toBeChecked();
  await shot(page, 'home-templates');
  const names = await page.getByRole('group', { name: 'Start from' }).locator('.template-title').allInnerTexts();
  expect(names).toHaveLength(5);

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

  await test.step('reorder by dragging a tab; arrow keys move between tabs', async () => {
    await page.getByRole('button', { name: 'Add view' }).click();
    await page.getByRole('menuitem', { name: 'Security use case view' }).click();
    await expect(ui.viewTabs).toHaveText(['Main', 'Update path', 'Security use case']);
    const main = (await ui.viewTab('Main').boundingBox())!;
    await ui.viewTab('Security use case').dragTo(ui.viewTab('Main'), { targetPosition: { x: 4, y: main.height / 2 } });
    await expect(ui.viewTabs).toHaveText(['Security use case', 'Main', 'Update path']);
    await ui.viewTab('Security use case').focus();
    await page.keyboard.press('ArrowRight');
    await expect(ui.viewTab('Main')).toHaveAttribute('aria-selected', 'true');
    await expect(ui.viewTab('Main')).toBeFocused();
    await page.keyboard.press('F2');
    await expect(page.getByRole('textbox', { name: 'View name' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(ui.viewTab('Main')).toBeVisible();
  });

  await test.step('delete it; ⌘Z brings it back', async () => {
    await ui.viewTab('Update path').click();
    await page.getByRole('button', { name: 'View options' }).click();
    await page.getByRole('menuitem', { name: 'Delete view' }).click();
    await page.getByRole('alertdialog', { name: /Delete the view “Update path”/ }).getByRole('button', { name: 'Delete view' }).click();
    await expect(ui.viewTabs).toHaveCount(2);
    await expect(page.getByRole('status').filter({ hasText: 'deleted' })).toBeVisible();
    await shot(page, 'view-deleted');
    await page.keyboard.press('ControlOrMeta+z');
    await expect(ui.viewTabs).toHaveCount(3);
    await expect(ui.viewTab('Update path')).toBeVisible();
  });

  await test.step('delete again; the toast Undo brings it back with its description', async () => {
    await ui.viewTab('Update path').click();
    await page.getByRole('button', { name: 'View options' }).click();
    await page.getByRole('menuitem', { name: 'Delete view' }).click();
    await page.getByRole('alertdialog', { name: /Delete the view “Update path”/ }).getByRole('button', { name: 'Delete view' }).click();
    await expect(ui.viewTabs).toHaveCount(2);
    await page.getByRole('status').filter({ hasText: 'deleted' }).getByRole('button', { name: 'Undo' }).click();
    await expect(ui.viewTab('Update path')).toHaveAttribute('aria-selected', 'true');
    await ui.open('Properties');
    await expect(ui.panel.getByLabel('Description')).toHaveValue(/update path from the build server/);
  });
  await context.close();
});

test('properties edited in one browser show in another; library, coverage and suggestions', async ({ browser }) => {
  const { context: ctxA, board: alice } = await BoardPage.open(browser);
  const { context: ctxB, board: bob } = await BoardPage.open(browser);
  const A = new Panels(alice.page);
  const B = new Panels(bob.page);
  await createFromTemplate(alice, 'Ankle monitor workshop', /ankle monitor/i);
  const links = await alice.inviteLinks();
  await bob.join(links.participant, 'Bob');

  await test.step('select an element via the outline and rename it', async () => {
    await A.open('Outline');
    const item = alice.outline.getByRole('button', { name: /^Process\s*:\s*Patient phone app$/ });
    await item.click();
    await expect(item).toHaveAttribute('aria-pressed', 'true');
    const props = await A.open('Properties');
    await expect(props.getByText('Process', { exact: true })).toBeVisible();
    await expect(props.getByLabel('Runs on')).toHaveValue('phone');
    await props.getByLabel('Name').fill('Patient app (iOS/Android)');
    await props.getByLabel('Name').press('Enter');
    await B.open('Outline');
    await expect(bob.outline.getByRole('button', { name: /^Process\s*:\s*Patient app \(iOS\/Android\)$/ })).toHaveCount(1);
  });

  await test.step('edit a flow: protocol and encryption; the other browser sees it', async () => {
    await A.selectElement('Readings, settings');
    let props = await A.open('Properties');
    await expect(props.getByText('Data flow', { exact: true })).toBeVisible();
    await expect(props.getByText(/Ankle sensor firmware ↔ Patient app/)).toBeVisible();
    await expect(props.getByText('Crosses none')).toBeVisible();
    await expect(props.getByLabel('Protocol')).toHaveValue('BLE');
    await props.getByLabel('Protocol').selectOption('Wi-Fi');
    await props.getByRole('checkbox', { name: 'Encrypted' }).uncheck();

    await B.selectElement('Readings, settings');
    const bprops = await B.open('Properties');
    await expect(bprops.getByLabel('Protocol')).toHaveValue('Wi-Fi');
    await expect(bprops.getByRole('checkbox', { name: 'Encrypted' })).not.toBeChecked();
    await expect(bprops.getByRole('checkbox', { name: 'Authenticated' })).toBeChecked();
    // Live while both look at it.
    await props.getByRole('checkbox', { name: 'Authenticated' }).uncheck();
    await expect(bprops.getByRole('checkbox', { name: 'Authenticated' })).not.toBeChecked();
    await shot(alice.page, 'flow-properties');

    await props.getByRole('checkbox', { name: 'Out of scope' }).check();
    await expect(props.getByRole('alert')).toContainText('Say why');
    await props.getByLabel('Reason (required)').fill('Replaced by the Wi-Fi path in release 2');
    await props.getByLabel('Reason (required)').blur();
    await expect(props.getByRole('alert')).toHaveCount(0);
    await props.getByRole('checkbox', { name: 'Out of scope' }).uncheck();
    props = A.panel;
  });

  await test.step('attach a threat from the library (button); coverage marks the letter covered', async () => {
    const gap = alice.page.getByRole('button', { name: 'Elevation of privilege gap on Analytics back end' });
    const coverage = await A.open('Coverage');
    await expect(coverage.getByText(/of \d+ applicable categories covered/)).toBeVisible();
    await expect(gap).toHaveCount(1);
    await A.selectElement('Analytics back end');
    const library = await A.open('Library');
    await library.getByLabel('Category').selectOption('E');
    await library.getByLabel('Applies to').selectOption('process');
    const entry = library.getByRole('list', { name: 'Threat library entries' }).getByRole('listitem').first();
    const title = (await entry.getAttribute('aria-label'))!;
    await entry.getByRole('heading').getByRole('button').click();
    await expect(entry.getByRole('heading').getByRole('button')).toHaveAttribute('aria-expanded', 'true');
    await expect(entry.getByText('Example mitigations')).toBeVisible();
    await shot(alice.page, 'library');
    await entry.getByRole('button', { name: /^Add to selected element: / }).click();
    await A.open('Coverage');
    await expect(gap).toHaveCount(0);
    await shot(alice.page, 'coverage');
    const props = await A.open('Properties');
    await expect(props.getByRole('list', { name: 'Threats on this element' })).toContainText(title);
    // Bob's coverage agrees.
    await B.open('Coverage');
    await expect(bob.page.getByRole('button', { name: 'Elevation of privilege gap on Analytics back end' })).toHaveCount(0);
  });

  await test.step('a coverage gap offers a threat of that letter', async () => {
    await A.open('Coverage');
    const gap = alice.page.getByRole('button', { name: /^D gap: Denial of service gap on Patient database/ });
    await gap.click();
    await alice.page.getByRole('button', { name: 'Add Denial of service threat' }).click();
    await expect(gap).toHaveCount(0);
    // Focus goes to the new threat, selected on the canvas, not to the page body.
    await expect(alice.page.getByRole('application', { name: 'Board canvas' })).toBeFocused();
  });

  await test.step('suggestions: add one, dismiss one', async () => {
    await A.selectElement('Reading upload');
    const props = await A.open('Properties');
    await expect(props.getByText(/^⚠ Crosses .*Patient's home/)).toBeVisible();
    await expect(props.getByRole('heading', { name: /Threats on this element \(\d+\)/ })).toBeVisible();
    const before = Number((await props.getByRole('heading', { name: /Threats on this element/ }).innerText()).match(/\((\d+)\)/)![1]);
    await props.getByRole('button', { name: 'Suggest threats' }).click();
    const list = props.getByRole('list', { name: 'Suggested threats' });
    await expect(list.getByRole('listitem').first()).toBeVisible();
    await expect(list.getByRole('listitem').first()).toContainText('Why:');
    await list.scrollIntoViewIfNeeded();
    await shot(alice.page, 'suggestions');
    const first = list.getByRole('listitem').first();
    const addName = (await first.getByRole('button', { name: /^Add / }).getAttribute('aria-label'))!;
    await first.getByRole('button', { name: /^Add / }).click();
    await expect(props.getByRole('heading', { name: `Threats on this element (${before + 1})` })).toBeVisible();
    await expect(list.getByRole('button', { name: addName })).toHaveCount(0);
    const second = list.getByRole('listitem').first();
    const dismissName = (await second.getByRole('button', { name: /^Dismiss / }).getAttribute('aria-label'))!;
    await second.getByRole('button', { name: /^Dismiss / }).click();
    await expect(list.getByRole('button', { name: dismissName })).toHaveCount(0);
    await expect(props.getByRole('heading', { name: `Threats on this element (${before + 1})` })).toBeVisible();
  });

  await test.step('a threat: STRIDE, status and attached elements', async () => {
    const props = A.panel;
    await props.getByRole('list', { name: 'Threats on this element' }).getByRole('button').first().click();
    await expect(props.getByText('Threat', { exact: true })).toBeVisible();
    await expect(props.getByText(/^T-\d+$/)).toBeVisible();
    await props.getByLabel('Status').selectOption('mitigated');
    await props.getByLabel('Attach to…').selectOption({ label: 'Cloud API (process)' });
    await expect(props.getByRole('list', { name: 'Attached elements' }).getByRole('listitem')).toHaveCount(2);
    await props.getByRole('button', { name: 'Detach from Cloud API' }).click();
    await expect(props.getByRole('list', { name: 'Attached elements' }).getByRole('listitem')).toHaveCount(1);
    await shot(alice.page, 'threat-properties');
  });

  await test.step('drag a library entry onto an element on the canvas', async () => {
    await A.selectElement('Cloud API');
    const toolbar = alice.selectionToolbar;
    await expect(toolbar).toBeVisible();
    const tb = (await toolbar.boundingBox())!;
    const canvas = (await alice.canvas.boundingBox())!;
    await alice.page.getByRole('button', { name: 'Hide panel' }).isVisible();
    const props = await A.open('Properties');
    const count = async () => Number((await props.getByRole('heading', { name: /Threats on this element/ }).innerText()).match(/\((\d+)\)/)![1]);
    const before = await count();
    const library = await A.open('Library');
    await library.getByRole('searchbox', { name: 'Search threat library' }).fill('CAPEC-94');
    const entry = library.getByRole('list', { name: 'Threat library entries' }).getByRole('listitem').first();
    // Just below the selection toolbar is the top of the selected element; aim a little inside it.
    const target = { x: tb.x + tb.width / 2 - canvas.x, y: tb.y + tb.height + 12 + 12 - canvas.y };
    await entry.dragTo(alice.canvas, { targetPosition: target });
    await A.selectElement('Cloud API');
    await A.open('Properties');
    await expect.poll(count).toBe(before + 1);
  });

  await test.step('a viewer sees tabs and properties but no editing controls', async () => {
    const { context: ctxC, board: carol } = await BoardPage.open(browser);
    const C = new Panels(carol.page);
    await carol.join(links.viewer, 'Carol');
    await expect(C.viewTabs.first()).toBeVisible();
    await expect(carol.page.getByRole('button', { name: 'Add view' })).toHaveCount(0);
    await expect(carol.page.getByRole('button', { name: 'View options' })).toHaveCount(0);
    await C.selectElement('Reading upload');
    const props = await C.open('Properties');
    await expect(props.getByLabel('Name')).toHaveAttribute('readonly', '');
    await expect(props.getByLabel('Protocol')).toBeDisabled();
    await expect(props.getByRole('checkbox', { name: 'Encrypted' })).toBeDisabled();
    await expect(props.getByRole('button', { name: 'Suggest threats' })).toHaveCount(0);
    const library = await C.open('Library');
    await expect(library.getByRole('button', { name: /^Add to selected element: / })).toHaveCount(0);
    await shot(carol.page, 'viewer');
    await ctxC.close();
  });

  await ctxA.close();
  await ctxB.close();
});
