import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

/**
 * Regenerates docs/screenshot.png (a board with a few notes and two other people's cursors) for the
 * README. Opt-in, so ordinary test runs never rewrite a tracked file: UPDATE_DOCS_SCREENSHOT=1.
 */
test('docs screenshot', async ({ browser }) => {
  test.skip(!process.env.UPDATE_DOCS_SCREENSHOT, 'set UPDATE_DOCS_SCREENSHOT=1 to regenerate docs/screenshot.png');
  const { context: ca, board: alice } = await BoardPage.open(browser);
  const { context: cb, board: bob } = await BoardPage.open(browser);
  const { context: cc, board: chen } = await BoardPage.open(browser);

  await alice.createBoard('Insulin pump – threat model workshop', 'Alice Martin');
  const links = await alice.inviteLinks();
  await bob.join(links.participant, 'Bob Okafor');
  await chen.join(links.participant, 'Chen Wei');

  const notes: [number, number, string, string][] = [
    [180, 150, 'Rogue phone pairs with the pump over BLE and sends bolus commands', 'pink'],
    [380, 150, 'Replay of a captured bolus command', 'pink'],
    [580, 150, 'Firmware update image is not signed', 'orange'],
    [180, 330, 'Dose history can be altered on the phone app', 'yellow'],
    [380, 330, 'Cloud API leaks glucose data of other patients', 'blue'],
    [580, 330, 'Alarm flood hides a real occlusion alarm', 'green'],
    [800, 240, 'Assumption: clinicians use shared ward tablets', 'purple'],
  ];
  for (const [x, y, text, colour] of notes) {
    await alice.addNoteAt(x, y, text);
    if (colour !== 'yellow') await alice.selectionToolbar.getByRole('button', { name: `Colour ${colour}` }).click();
  }
  await expect(bob.outlineItems).toHaveCount(notes.length);
  await alice.select('Replay of a captured bolus command');
  await bob.select('Cloud API leaks');

  const bc = (await bob.canvas.boundingBox())!;
  await bob.page.mouse.move(bc.x + 470, bc.y + 420, { steps: 4 });
  const cc2 = (await chen.canvas.boundingBox())!;
  await chen.page.mouse.move(cc2.x + 700, cc2.y + 130, { steps: 4 });
  await expect(alice.canvas.getByText('Bob Okafor', { exact: true })).toBeVisible();
  await expect(alice.canvas.getByText('Chen Wei', { exact: true })).toBeVisible();

  mkdirSync('docs', { recursive: true });
  await alice.page.screenshot({ path: 'docs/screenshot.png' });
  await Promise.all([ca.close(), cb.close(), cc.close()]);
});
