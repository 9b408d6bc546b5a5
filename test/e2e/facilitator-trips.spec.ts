import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { flowLabels } from '../../shared/model/labels';
import type { Shape } from '../../shared/model/schema';
import { BoardPage } from './board-page';

/**
 * What a facilitator trips over in front of a room (issue 11): where new threat notes land, library
 * search, renaming the board, the join page's role, raised hands across a reload, turning a note into a
 * threat, and each person's camera across a reload.
 */

mkdirSync('test-results', { recursive: true });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/trips-${name}.png` });

function panelTab(page: Page, name: 'Properties' | 'Coverage' | 'Library' | 'Outline'): Locator {
  return page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name, exact: true });
}

async function openPanel(page: Page, name: 'Properties' | 'Coverage' | 'Library' | 'Outline'): Promise<Locator> {
  await panelTab(page, name).click();
  await expect(panelTab(page, name)).toHaveAttribute('aria-selected', 'true');
  return page.getByRole('tabpanel');
}

async function createFromTemplate(board: BoardPage, title: string, template: string | RegExp): Promise<string> {
  const page = board.page;
  await page.goto('/');
  await page.getByRole('form', { name: 'Create a board' }).waitFor();
  await page.getByLabel('Board title').fill(title);
  await page.getByLabel('Display name').fill('Fay');
  await page.getByRole('group', { name: 'Start from' }).getByRole('radio', { name: template }).check();
  await page.getByRole('button', { name: 'Create board' }).click();
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/);
  await board.waitConnected();
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** The board's shapes as the server has them (JSON export with this browser's session). */
async function serverShapes(page: Page, boardId: string): Promise<Shape[]> {
  const token = await page.evaluate((id) => JSON.parse(localStorage.getItem(`threatboard:session:${id}`)!).token as string, boardId);
  const res = await page.request.get(`/api/boards/${boardId}/export?format=json`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { shapes: Shape[] }).shapes;
}

type Box = { x: number; y: number; w: number; h: number };
const overlap = (a: Box, b: Box) => Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);
const boxOf = (s: Shape): Box | null => ('pos' in s ? { ...s.pos, ...s.size } : null);

test('five threats added to one element land beside it, covering no shape, label or note', async ({ browser }) => {
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;
  const boardId = await createFromTemplate(board, 'Placement', /ankle monitor/i);
  const coverage = await openPanel(page, 'Coverage');
  await coverage.getByRole('list', { name: 'STRIDE coverage' }).getByRole('button', { name: /^Cloud API/ }).first().click();
  const library = await openPanel(page, 'Library');
  await library.getByLabel('Applies to').selectOption('process');
  const add = library.getByRole('list', { name: 'Threat library entries' }).getByRole('button', { name: /^Add to selected element: / });
  for (let i = 0; i < 5; i++) await add.nth(i).click();

  const cloudThreats = async () => {
    const shapes = await serverShapes(page, boardId);
    const cloud = shapes.find((s) => s.kind === 'process' && s.label === 'Cloud API' && s.view === shapes.find((x) => x.kind === 'process')!.view)!;
    return { shapes, cloud, threats: shapes.filter((s) => s.kind === 'threat' && s.elements.includes(cloud.id) && s.libraryId) };
  };
  await expect.poll(async () => (await cloudThreats()).threats.length).toBe(5);
  const { shapes, cloud, threats } = await cloudThreats();
  const here = shapes.filter((s) => s.view === cloud.view);
  const pills = [...flowLabels(here).values()].filter((l) => l.text).map((l) => l.rect);
  const cloudBox = boxOf(cloud)!;
  for (const t of threats) {
    const r = boxOf(t)!;
    for (const other of here) {
      const o = boxOf(other);
      if (other.id === t.id || other.kind === 'boundary' || !o) continue;
      expect(overlap(r, o), `threat "${t.kind === 'threat' ? t.title : ''}" overlaps ${other.kind} ${'label' in other ? other.label : 'title' in other ? other.title : ''}`).toBe(false);
    }
    for (const p of pills) expect(overlap(r, p), 'threat covers a flow label').toBe(false);
    const gap = Math.hypot(Math.max(0, r.x - cloudBox.x - cloudBox.w, cloudBox.x - r.x - r.w), Math.max(0, r.y - cloudBox.y - cloudBox.h, cloudBox.y - r.y - r.h));
    expect(gap, 'threat far from its element').toBeLessThanOrEqual(400);
  }
  // Look at it: the element and its five notes.
  await page.getByRole('button', { name: 'Zoom to fit' }).click();
  await shot(page, 'five-threats');
  await context.close();
});

test('library search "BLE" matches the word, not "vulnerable", and says why', async ({ browser }) => {
  const { context, board } = await BoardPage.open(browser);
  await board.createBoard('Search', 'Fay');
  const library = await openPanel(board.page, 'Library');
  const entries = library.getByRole('list', { name: 'Threat library entries' }).getByRole('listitem');
  // The library's data is loaded when the panel first opens.
  await expect.poll(() => entries.count()).toBeGreaterThan(0);
  const all = await entries.count();
  await library.getByRole('searchbox', { name: 'Search threat library' }).fill('BLE');
  await expect.poll(() => entries.count()).toBeLessThan(all / 3);
  const n = await entries.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const e = entries.nth(i);
    await expect(e.getByText(/^Matched in /)).toBeVisible();
    expect(await e.innerText()).toMatch(/\bBLE\b/);
  }
  await context.close();
});

test('rename the board, join pages that say the role, a raised hand that survives a reload', async ({ browser }) => {
  const fay = await BoardPage.open(browser);
  const pat = await BoardPage.open(browser);
  await fay.board.createBoard('Pump workshop', 'Fay');
  const links = await fay.board.inviteLinks();

  await test.step('the join page says which role the link gives', async () => {
    await pat.board.page.goto(links.viewer);
    await expect(pat.board.page.getByText('You are joining as a viewer')).toBeVisible();
    await pat.board.page.goto(links.participant);
    await expect(pat.board.page.getByText('You are joining as a participant')).toBeVisible();
    await shot(pat.board.page, 'join-role');
    await pat.board.page.getByLabel('Display name').fill('Pat');
    await pat.board.page.getByRole('button', { name: 'Join board' }).click();
    await pat.board.waitConnected();
  });

  await test.step('the facilitator renames the board; the participant sees it, and cannot rename', async () => {
    await fay.board.page.getByRole('button', { name: /rename board/ }).click();
    const input = fay.board.page.getByRole('textbox', { name: 'Board title' });
    await expect(input).toBeFocused();
    await input.fill('Insulin pump workshop');
    await input.press('Enter');
    await expect(fay.board.page.getByRole('heading', { level: 1 })).toHaveText('Insulin pump workshop');
    await expect(pat.board.page.getByRole('heading', { level: 1 })).toHaveText('Insulin pump workshop');
    await expect(pat.board.page.getByRole('button', { name: /rename board/ })).toHaveCount(0);
  });

  await test.step('a raised hand stays up for the facilitator when the participant reloads', async () => {
    const bar = pat.board.page.getByRole('region', { name: 'Session' });
    const strip = fay.board.page.getByRole('toolbar', { name: 'Facilitator controls' });
    await bar.getByRole('button', { name: 'Raise hand' }).click();
    await expect(strip.getByRole('button', { name: 'Raised hands: 1' })).toBeVisible();
    await pat.board.page.reload();
    await pat.board.waitConnected();
    await expect(bar.getByRole('button', { name: 'Lower hand' })).toBeVisible();
    await expect(strip.getByRole('button', { name: 'Raised hands: 1' })).toBeVisible();
    await strip.getByRole('button', { name: 'Raised hands: 1' }).click();
    const hands = fay.board.page.getByRole('dialog', { name: 'Hands and attention' });
    await expect(hands.getByRole('list', { name: /Raised hands/ })).toContainText('Pat');
    await hands.getByRole('button', { name: "Lower Pat's hand" }).click();
    await expect(bar.getByRole('button', { name: 'Raise hand' })).toBeVisible();
    await expect(strip.getByRole('button', { name: 'Raised hands: 0' })).toBeVisible();
    await pat.board.page.reload();
    await pat.board.waitConnected();
    await expect(bar.getByRole('button', { name: 'Raise hand' })).toBeVisible();
    await expect(strip.getByRole('button', { name: 'Raised hands: 0' })).toBeVisible();
  });
  await fay.context.close();
  await pat.context.close();
});

test('a note becomes a threat and back, keeping its text; the camera of a view survives a reload', async ({ browser }) => {
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;
  await board.createBoard('Convert', 'Fay');
  await board.addNoteAt(400, 300, 'Bolus replayed over BLE');

  await test.step('note → threat (Tampering) → note', async () => {
    await board.select('Bolus replayed over BLE');
    await board.selectionToolbar.getByRole('combobox', { name: 'Make threat' }).selectOption('T');
    await expect(board.outlineItem(/Bolus replayed over BLE/)).toContainText(/T-\d+/);
    await board.selectionToolbar.getByRole('button', { name: 'Make note' }).click();
    await expect(board.outlineItem(/Bolus replayed over BLE/)).not.toContainText(/T-\d+/);
    await board.tool('Undo').click();
    await expect(board.outlineItem(/Bolus replayed over BLE/)).toContainText(/T-\d+/);
  });

  await test.step('zoom in, reload: the same zoom', async () => {
    const zoomIn = page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Zoom in' });
    await zoomIn.click();
    await zoomIn.click();
    const zoom = await board.zoom();
    // Saved a moment after the camera stops: wait for the final zoom (the first press's is saved too).
    const saved = () =>
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('threatboard:camera:')).map((k) => (JSON.parse(localStorage.getItem(k)!) as { zoom: number }).zoom));
    await expect.poll(saved).toContain(zoom);
    await page.reload();
    await board.waitConnected();
    await expect.poll(() => board.zoom()).toBe(zoom);
  });
  await context.close();
});

test('the register fits a 1,366 px laptop with the side panel open; what it covers cannot be reached', async ({ browser }) => {
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;
  await createFromTemplate(board, 'Register fit', /ankle monitor/i);
  await expect(page.getByRole('tablist', { name: 'Panels' })).toBeVisible();
  await page.getByRole('group', { name: 'Main area' }).getByRole('button', { name: 'Register' }).click();
  const table = page.getByRole('table', { name: /^Threat register/ });
  await expect(table).toBeVisible();
  const wrap = table.locator('xpath=..');
  const fits = () => wrap.evaluate((el) => `${el.scrollWidth} <= ${el.clientWidth}: ${el.scrollWidth <= el.clientWidth}`);
  expect(await fits()).toMatch(/true$/);
  for (const header of ['Strategy', 'Owner', 'Mitigations']) await expect(table.getByRole('columnheader', { name: header })).toBeVisible();
  await page.screenshot({ path: 'test-results/trips-register-1366.png' });

  // The hidden canvas, tools and zoom buttons are inert; element links are at least 24 px tall.
  await expect(board.canvas).toHaveAttribute('inert', '');
  await expect(page.getByRole('toolbar', { name: 'Tools' })).toHaveAttribute('inert', '');
  const link = table.locator('.element-link').first();
  expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(24);

  // More columns on demand, then the table scrolls sideways with ID and title kept in view.
  await page.getByRole('button', { name: /^Columns \(/ }).click();
  await page.getByRole('group', { name: 'Columns shown' }).getByRole('checkbox', { name: 'CVSS 3.1' }).check();
  await expect(table.getByRole('columnheader', { name: 'CVSS 3.1' })).toBeVisible();
  await page.getByRole('group', { name: 'Columns shown' }).getByRole('button', { name: 'Default columns' }).click();
  await expect(table.getByRole('columnheader', { name: 'CVSS 3.1' })).toHaveCount(0);
  await page.getByRole('group', { name: 'Main area' }).getByRole('button', { name: 'Canvas' }).click();
  await expect(board.canvas).not.toHaveAttribute('inert', '');
  await context.close();
});

test('the strip opens one popover at a time; vote results never stack on the vote popover or cover the strip', async ({ browser }) => {
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;
  await createFromTemplate(board, 'Popovers', /ankle monitor/i);
  const strip = page.getByRole('toolbar', { name: 'Facilitator controls' });
  const votePanel = page.getByRole('dialog', { name: 'Dot vote' });
  const results = page.getByRole('dialog', { name: 'Vote results' });
  const brainstorm = page.getByRole('dialog', { name: 'Silent brainstorm' });
  const voteButton = strip.getByRole('button', { name: 'Vote', exact: true });
  const panels = [votePanel, results, brainstorm, page.getByRole('dialog', { name: 'Small groups' }), page.getByRole('dialog', { name: 'Agenda' })];
  const visible = async () => {
    const boxes: { x: number; y: number; w: number; h: number }[] = [];
    for (const p of panels) {
      const b = (await p.count()) > 0 ? await p.boundingBox() : null;
      if (b) boxes.push({ x: b.x, y: b.y, w: b.width, h: b.height });
    }
    return boxes;
  };

  await test.step('a vote closed from the popover: the results replace the popover', async () => {
    await voteButton.click();
    await votePanel.getByRole('button', { name: 'Start vote' }).click();
    await votePanel.getByRole('button', { name: 'Close vote' }).click();
    await expect(results).toBeVisible();
    await expect(votePanel).toHaveCount(0);
    expect(await visible()).toHaveLength(1);
    await results.getByRole('button', { name: 'Close vote results' }).click();
  });

  await test.step('"Show results" in the vote popover: one panel, focus in it, clear of every strip control', async () => {
    await voteButton.click();
    await expect(votePanel).toBeVisible();
    await votePanel.getByRole('button', { name: 'Show results' }).click();
    await expect(results).toBeVisible();
    await expect(votePanel).toHaveCount(0);
    await expect(voteButton).toHaveAttribute('aria-expanded', 'false');
    await expect(results).toBeFocused();
    const shown = await visible();
    expect(shown).toHaveLength(1);
    const r = shown[0]!;
    const controls = strip.locator('button, select, input');
    for (let i = 0; i < (await controls.count()); i++) {
      const b = (await controls.nth(i).boundingBox())!;
      expect(overlap(r, { x: b.x, y: b.y, w: b.width, h: b.height }), `results cover strip control ${i}`).toBe(false);
    }
    await shot(page, 'strip-results');
  });

  await test.step('opening a popover closes the results, and the popovers close each other like menus', async () => {
    await voteButton.click();
    await expect(votePanel).toBeVisible();
    await expect(results).toHaveCount(0);
    await strip.getByRole('button', { name: /Brainstorm/ }).click();
    await expect(brainstorm).toBeVisible();
    await expect(votePanel).toHaveCount(0);
    // By keyboard too: Enter on another popover button while one is open.
    await strip.getByRole('button', { name: /^Groups/ }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Small groups' })).toBeVisible();
    await expect(brainstorm).toHaveCount(0);
    expect(await visible()).toHaveLength(1);
  });
  await context.close();
});
