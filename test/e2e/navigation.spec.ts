import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

/** Camera and selection gestures on one's own board: zoom controls, panning in every way, marquee. */
test('zoom, pan and select', async ({ page }) => {
  const board = new BoardPage(page);
  await board.createBoard('Navigation', 'Alice');
  await board.addNoteAt(400, 300, 'Anchor');
  const canvas = (await board.canvas.boundingBox())!;
  const at = (x: number, y: number) => ({ x: canvas.x + x, y: canvas.y + y });
  const zoomLabel = page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: /^Zoom \d+%/ });
  const boxOf = async () => {
    const b = await board.noteBox('Anchor');
    return { x: Math.round(b.x), y: Math.round(b.y) };
  };

  await test.step('zoom buttons, keys and ctrl+wheel', async () => {
    await expect(zoomLabel).toHaveText('100%');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(zoomLabel).toHaveText('125%');
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await expect(zoomLabel).toHaveText('100%');
    await page.mouse.click(at(900, 600).x, at(900, 600).y); // focus the canvas on an empty spot
    await page.keyboard.press('-');
    await expect(zoomLabel).toHaveText('90%');
    await page.keyboard.press('+');
    await expect(zoomLabel).toHaveText('100%');
    await page.mouse.move(at(400, 300).x, at(400, 300).y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await expect.poll(async () => board.zoom()).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await expect(zoomLabel).toHaveText('100%'); // one note: fit never enlarges beyond 100 %
  });

  const start = await boxOf();
  const expectMovedBy = async (dx: number, dy: number) => expect.poll(boxOf).toEqual({ x: start.x + dx, y: start.y + dy });

  await test.step('hand tool drag pans', async () => {
    await board.tool('Hand').click();
    await expect(board.tool('Hand')).toHaveAttribute('aria-pressed', 'true');
    await board.drag(at(150, 600), at(250, 650));
    await expectMovedBy(100, 50);
    await page.keyboard.press('v');
    await expect(board.tool('Select')).toHaveAttribute('aria-pressed', 'true');
  });

  await test.step('space-drag, right-drag and the wheel pan', async () => {
    await page.mouse.move(at(250, 650).x, at(250, 650).y);
    await page.keyboard.down('Space');
    await board.drag(at(250, 650), at(150, 600));
    await page.keyboard.up('Space');
    await expectMovedBy(0, 0);

    await page.mouse.move(at(150, 600).x, at(150, 600).y);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(at(190, 640).x, at(190, 640).y, { steps: 5 });
    await page.mouse.up({ button: 'right' });
    await expectMovedBy(40, 40);

    await page.mouse.move(at(700, 500).x, at(700, 500).y);
    await page.mouse.wheel(40, 40);
    await expectMovedBy(0, 0);
  });

  await test.step('marquee, shift-click and arrow keys', async () => {
    await board.addNoteAt(700, 300, 'Second');
    await page.mouse.click(at(900, 560).x, at(900, 560).y);
    await expect(board.outline.locator('[aria-pressed="true"]')).toHaveCount(0);
    await board.drag(at(200, 150), at(850, 450));
    await expect(board.outline.locator('[aria-pressed="true"]')).toHaveCount(2);
    await expect(board.selectionToolbar).toHaveAccessibleName('Selection: 2 items');

    await board.select('Anchor');
    const second = await board.noteBox('Second');
    await board.select('Anchor');
    await page.keyboard.down('Shift');
    await page.mouse.click(second.x + second.width - 15, second.y + second.height - 15); // clear of the selection toolbar
    await page.keyboard.up('Shift');
    await expect(board.outline.locator('[aria-pressed="true"]')).toHaveCount(2);

    await board.select('Anchor');
    await page.mouse.move(at(900, 560).x, at(900, 560).y);
    await board.canvas.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await expectMovedBy(10, 50);
  });
});
