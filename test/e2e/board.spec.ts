import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BoardPage, centre } from './board-page';

/**
 * Two people (and later a viewer) on one board, each in their own browser context: what one does
 * appears for the other, undo is per person, a viewer cannot change anything.
 */
test('two people collaborate on a board; a viewer watches', async ({ browser }) => {
  const { context: ctxA, board: alice } = await BoardPage.open(browser, { clipboard: true });
  const { context: ctxB, board: bob } = await BoardPage.open(browser);
  const A = alice.page;
  const B = bob.page;

  const note1 = 'Spoofed BLE pairing request';
  const note2 = 'Firmware update not signed';
  let links: Awaited<ReturnType<BoardPage['inviteLinks']>>;

  await test.step('Alice creates a board and shares the participant link', async () => {
    await alice.createBoard('Insulin pump threat model', 'Alice');
    await expect(A.getByRole('heading', { level: 1 })).toHaveText('Insulin pump threat model');
    await expect(A.getByText('This board is empty')).toBeVisible();
    links = await alice.inviteLinks();
    expect(links.participant).toMatch(/\/b\/[A-Za-z0-9_-]+#invite=[A-Za-z0-9_-]{32,}$/);
    expect(new Set(Object.values(links)).size).toBe(3);

    await A.getByRole('button', { name: 'Share', exact: true }).click();
    await A.getByRole('button', { name: 'Copy participant link' }).click();
    await expect(A.getByRole('button', { name: 'Copy participant link' })).toHaveText('Copied');
    expect(await A.evaluate(() => navigator.clipboard.readText())).toBe(links.participant);
    await A.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  });

  await test.step('Bob joins with the participant link', async () => {
    await bob.join(links.participant, 'Bob');
    await expect(B.getByRole('heading', { level: 1 })).toHaveText('Insulin pump threat model');
    await expect(B.getByText('View only')).toHaveCount(0);
  });

  await test.step('notes created by one appear for the other', async () => {
    await alice.addNoteAt(300, 220, note1);
    await expect(bob.outlineItem(note1)).toHaveCount(1);
    await bob.addNoteAt(650, 420, note2);
    await expect(alice.outlineItem(note2)).toHaveCount(1);
    await expect(alice.outlineItems).toHaveCount(2);
    await expect(bob.outlineItems).toHaveCount(2);
  });

  await test.step('double-click on empty canvas creates a note; N creates one at the pointer', async () => {
    const canvas = (await alice.canvas.boundingBox())!;
    await A.mouse.dblclick(canvas.x + 820, canvas.y + 150);
    await expect(alice.noteEditor).toBeFocused();
    await A.keyboard.type('Replay of bolus command');
    await A.keyboard.press('Control+Enter');
    await expect(bob.outlineItem('Replay of bolus command')).toHaveCount(1);

    await A.mouse.move(canvas.x + 150, canvas.y + 520);
    await A.keyboard.press('n');
    await expect(alice.noteEditor).toBeFocused();
    await A.keyboard.type('Scratch note');
    await A.keyboard.press('Escape');
    await expect(bob.outlineItem('Scratch note')).toHaveCount(1);
    // …and Delete removes it for everyone (it is still selected after editing).
    await A.keyboard.press('Delete');
    await expect(bob.outlineItem('Scratch note')).toHaveCount(0);
  });

  await test.step('a drag by Alice moves the note for Bob', async () => {
    await bob.select(note1);
    const before = (await bob.selectionToolbar.boundingBox())!;
    const box = await alice.noteBox(note1);
    const [zA, zB] = [await alice.zoom(), await bob.zoom()];
    const from = centre(box);
    await alice.drag(from, { x: from.x + 120, y: from.y + 90 });
    await expect
      .poll(async () => {
        const now = (await bob.selectionToolbar.boundingBox())!;
        return [Math.round((now.x - before.x) / zB), Math.round((now.y - before.y) / zB)];
      })
      .toEqual([Math.round(120 / zA), Math.round(90 / zA)]);
  });

  await test.step('a drag by Bob moves the note for Alice', async () => {
    await alice.select(note2);
    const before = (await alice.selectionToolbar.boundingBox())!;
    const box = await bob.noteBox(note2);
    const [zA, zB] = [await alice.zoom(), await bob.zoom()];
    const from = centre(box);
    await bob.drag(from, { x: from.x - 100, y: from.y + 60 });
    await expect
      .poll(async () => {
        const now = (await alice.selectionToolbar.boundingBox())!;
        return [Math.round((now.x - before.x) / zA), Math.round((now.y - before.y) / zA)];
      })
      .toEqual([Math.round(-100 / zB), Math.round(60 / zB)]);
  });

  await test.step('text edits sync both ways', async () => {
    // Alice opens the editor with a double-click on the note itself.
    const box = await alice.noteBox(note1);
    await A.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await expect(alice.noteEditor).toBeFocused();
    await A.keyboard.press('End');
    await A.keyboard.type(' from a rogue phone');
    await A.keyboard.press('Escape');
    await expect(bob.outlineItem(`${note1} from a rogue phone`)).toHaveCount(1);

    await bob.editText(note2, 'Firmware update image is not signed');
    await expect(alice.outlineItem('Firmware update image is not signed')).toHaveCount(1);
  });

  await test.step('undo undoes only your own change', async () => {
    await alice.select(note1);
    await alice.selectionToolbar.getByRole('button', { name: 'Colour pink' }).click();
    await expect(bob.outlineItem(note1)).toContainText('Pink note');

    await bob.select('Firmware update image');
    await bob.selectionToolbar.getByRole('button', { name: 'Colour green' }).click();
    await expect(alice.outlineItem('Firmware update image')).toContainText('Green note');

    // Alice's undo reverts her colour change, not Bob's later one.
    await alice.tool('Undo').click();
    await expect(bob.outlineItem(note1)).toContainText('Yellow note');
    await expect(alice.outlineItem('Firmware update image')).toContainText('Green note');
    await expect(bob.outlineItem('Firmware update image')).toContainText('Green note');

    await A.keyboard.press('Control+Shift+Z');
    await expect(bob.outlineItem(note1)).toContainText('Pink note');

    // Bob deletes a note with the Delete button and brings it back with Ctrl+Z.
    await bob.select('Replay of bolus command');
    await bob.selectionToolbar.getByRole('button', { name: 'Delete' }).click();
    await expect(alice.outlineItem('Replay of bolus command')).toHaveCount(0);
    await B.keyboard.press('Control+z');
    await expect(alice.outlineItem('Replay of bolus command')).toHaveCount(1);
  });

  await test.step('remote cursors and the participant list', async () => {
    const canvas = (await bob.canvas.boundingBox())!;
    await B.mouse.move(canvas.x + 500, canvas.y + 300);
    await B.mouse.move(canvas.x + 520, canvas.y + 310, { steps: 4 });
    await expect(alice.canvas.getByText('Bob', { exact: true })).toBeVisible();

    await A.getByRole('button', { name: /^Participants: 2 on this board/ }).click();
    const list = A.getByRole('list', { name: 'Participants list' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('listitem').filter({ hasText: 'Alice (you)' })).toContainText('Facilitator');
    await expect(list.getByRole('listitem').filter({ hasText: 'Bob' })).toContainText('Participant');
    await A.keyboard.press('Escape');
    await expect(list).toBeHidden();
  });

  await test.step('reload keeps the board', async () => {
    await B.reload();
    await bob.waitConnected();
    await expect(bob.outlineItems).toHaveCount(3);
    await expect(bob.outlineItem(`${note1} from a rogue phone`)).toContainText('Pink note');
    await expect(bob.outlineItem('Firmware update image is not signed')).toContainText('Green note');
  });

  const { context: ctxC, board: victor } = await BoardPage.open(browser);
  const C = victor.page;

  await test.step('a viewer sees live changes but cannot edit', async () => {
    await victor.join(links.viewer, 'Victor');
    await expect(C.getByText('View only', { exact: true })).toBeVisible();
    await expect(victor.outlineItems).toHaveCount(3);
    await expect(victor.tool('Note')).toHaveCount(0);
    await expect(victor.tool('Undo')).toHaveCount(0);
    await expect(victor.tool('Select')).toBeVisible();
    await expect(victor.tool('Hand')).toBeVisible();

    // None of these may change the board.
    const canvas = (await victor.canvas.boundingBox())!;
    await C.mouse.dblclick(canvas.x + canvas.width - 120, canvas.y + 60);
    await expect(victor.noteEditor).toHaveCount(0);
    await C.keyboard.press('n');
    await victor.select(note1);
    await expect(victor.selectionToolbar).toHaveCount(0);
    await C.keyboard.press('Delete');

    // Barrier: once Victor sees Alice's next note, he would have seen anything he had done himself.
    await alice.addNoteAt(480, 120, 'Clinician account shared on ward');
    await expect(victor.outlineItem('Clinician account shared on ward')).toHaveCount(1);
    await expect(victor.outlineItems).toHaveCount(4);
    await expect(alice.outlineItems).toHaveCount(4);
    await expect(bob.outlineItems).toHaveCount(4);
  });

  await test.step('screenshot', async () => {
    const canvas = (await bob.canvas.boundingBox())!;
    await B.mouse.move(canvas.x + 420, canvas.y + 330, { steps: 3 });
    const vc = (await victor.canvas.boundingBox())!;
    await C.mouse.move(vc.x + 700, vc.y + 200, { steps: 3 });
    await expect(alice.canvas.getByText('Victor', { exact: true })).toBeVisible();
    mkdirSync('test-results', { recursive: true });
    await A.screenshot({ path: 'test-results/board.png' });
  });

  await ctxC.close();
  await ctxB.close();
  await ctxA.close();
});

test('an invite link is needed to open a board', async ({ page }) => {
  const board = new BoardPage(page);
  const id = await board.createBoard('Private board', 'Alice');
  // A fresh browser without a session or invite gets an explanation, not an error.
  const other = await page.context().browser()!.newContext();
  const p2 = await other.newPage();
  await p2.goto(`/b/${id}`);
  await expect(p2.getByText('You need an invite link to open this board')).toBeVisible();
  await p2.goto(`/b/${id}#invite=${'x'.repeat(43)}`);
  await p2.getByLabel('Display name').fill('Mallory');
  await p2.getByRole('button', { name: 'Join board' }).click();
  await expect(p2.getByRole('alert')).toContainText('not valid');
  await other.close();
});

test('a session the server no longer accepts is explained, not retried silently forever', async ({ page }) => {
  const board = new BoardPage(page);
  const id = await board.createBoard('Stale session', 'Alice');
  // Simulate a token the server refuses (as after a secret rotation): corrupt its signature.
  await page.evaluate((boardId) => {
    const key = `threatboard:session:${boardId}`;
    const s = JSON.parse(localStorage.getItem(key)!);
    s.token = s.token.slice(0, -4) + (s.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    localStorage.setItem(key, JSON.stringify(s));
  }, id);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('does not accept this browser', { timeout: 20_000 });
  await expect(board.status).toHaveText(/^Connecting|^Reconnecting/);
  await page.getByRole('button', { name: 'Forget this session' }).click();
  await expect(page.getByText('You need an invite link to open this board')).toBeVisible();
});

test('a board address opens straight to the board, with no "Loading the board…" placeholder first', async ({ page }) => {
  const board = new BoardPage(page);
  await board.createBoard('No flash', 'Alice');
  await board.addNoteAt(300, 200, 'Still here');
  // Every text the page showed while it loaded, as it was added.
  await page.addInitScript(() => {
    const shown: string[] = ((window as unknown as { __shown: string[] }).__shown = []);
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.textContent) shown.push(n.textContent);
    }).observe(document, { subtree: true, childList: true });
  });
  await page.reload();
  await board.waitConnected();
  await expect(board.outlineItems).toHaveCount(1);
  const shown = await page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
  expect(shown.some((t) => t.includes('Still here'))).toBe(true);
  expect(shown.filter((t) => t.includes('Loading the board'))).toEqual([]);
});
