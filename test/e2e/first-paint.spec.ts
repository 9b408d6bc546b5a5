import { expect, test, type Browser, type WebSocketRoute } from '@playwright/test';
import { BoardPage } from './board-page';

const SLOW = 60_000;

/**
 * Fay makes a board with these notes and closes it; then she opens it on another device: her session, no
 * copy of the board kept there. The page is not yet navigated, so the test can hold or refuse what it asks.
 */
async function anotherDevice(browser: Browser, title: string, notes: string[]) {
  const { context, board: fay } = await BoardPage.open(browser);
  const boardId = await fay.createBoard(title, 'Fay');
  for (const [i, text] of notes.entries()) await fay.addNoteAt(200 + i * 220, 180, text);
  await expect(fay.status).toHaveText('All changes saved');
  const key = `threatboard:session:${boardId}`;
  const session = await fay.page.evaluate((k) => localStorage.getItem(k), key);
  await context.close();
  const device = await browser.newContext();
  await device.addInitScript(([k, v]) => localStorage.setItem(k!, v!), [key, session]);
  const page = await device.newPage();
  return { boardId, device, page, board: new BoardPage(page) };
}

/**
 * A board paints from the server's list of its shapes before its document arrives (client/sync/first-paint.ts):
 * here the board's socket is held back by the test, so the list is all the page has. The board is shown,
 * takes no edits, and once the document arrives it is the document, editable.
 */
test("a board is shown from the server's list while its document loads, and takes edits once it has arrived", async ({ browser }) => {
  // What the server sends on the board's socket to the other device is held here.
  const { boardId, device, page, board } = await anotherDevice(browser, 'First paint', ['Alpha', 'Beta']);
  const held: (string | Buffer)[] = [];
  let release: (() => void) | null = null;
  await page.routeWebSocket(/\/sync\//, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    if (new URL(ws.url()).pathname !== `/sync/${boardId}`) return;
    let holding = true;
    server.onMessage((m) => (holding ? held.push(m) : ws.send(m)));
    release = () => {
      holding = false;
      for (const m of held.splice(0)) ws.send(m);
    };
  });
  await page.goto(`/b/${boardId}`);
  await expect(board.outlineItem('Alpha')).toBeVisible({ timeout: SLOW });
  await expect(board.outlineItem('Beta')).toBeVisible();
  await expect(board.status).toHaveText('Connected, loading…');
  await expect.poll(() => held.length).toBeGreaterThan(0);
  // Nothing can be added yet, there is no document to write into: the tools that change the board rest
  // (their tooltip says why), and neither a double-click on the canvas nor the note key adds a note.
  await expect(board.tool('Note')).toBeDisabled();
  await expect(board.tool('Note')).toHaveAttribute('title', 'Note: the board is still loading');
  await expect(board.tool('Hand')).toBeEnabled();
  await page.screenshot({ path: 'test-results/first-paint-preview.png' });
  const box = (await board.canvas.boundingBox())!;
  await page.mouse.dblclick(box.x + 600, box.y + 400);
  await board.canvas.focus();
  await page.keyboard.press('n');
  await expect(board.noteEditor).toBeHidden();
  await expect(board.outlineItems).toHaveCount(2);
  await page.keyboard.press('Escape');

  release!();
  await expect(board.status).toHaveText('All changes saved', { timeout: SLOW });
  await expect(board.outlineItems).toHaveCount(2);
  await expect(board.tool('Note')).toBeEnabled();
  await board.addNoteAt(600, 400, 'Gamma');
  await expect(board.outlineItems).toHaveCount(3);
  await expect(board.status).toHaveText('All changes saved');
  await device.close();
});

/**
 * The list is only a head start: a page the server refuses it (rate-limited per address, RATE_SHAPES_PER_MIN,
 * answered 429) opens the board from its document as before.
 */
test('a page refused the list of shapes opens the board from its document', async ({ browser }) => {
  const { boardId, device, page, board } = await anotherDevice(browser, 'Refused list', ['Alpha']);
  let refused = 0;
  await page.route(/\/api\/boards\/[^/]+\/shapes$/, (route) => {
    refused++;
    return route.fulfill({ status: 429, headers: { 'Retry-After': '60' }, json: { error: 'too many requests from this address; try again in 60 seconds' } });
  });
  await page.goto(`/b/${boardId}`);
  await expect(board.status).toHaveText('All changes saved', { timeout: SLOW });
  await expect(board.outlineItem('Alpha')).toBeVisible();
  expect(refused).toBe(1);
  await board.addNoteAt(420, 180, 'Beta');
  await expect(board.outlineItems).toHaveCount(2);
  await device.close();
});
