import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

/**
 * The outline's items are drawn outside React (client/ui/outline-items.ts) and kept in step with the board
 * by id. Someone using the outline must not notice: another person's edits, deletions and undos change
 * the items in place, in order, while the item this person is on keeps the keyboard focus.
 */
test("the outline follows others' changes while keeping this person's place in it", async ({ browser }) => {
  const { context: ctxA, board: alice } = await BoardPage.open(browser);
  const { context: ctxB, board: bob } = await BoardPage.open(browser);
  const A = alice.page;
  const B = bob.page;

  await alice.createBoard('Outline drill', 'Alice');
  for (const [i, text] of ['First threat', 'Second threat', 'Third threat'].entries()) await alice.addNoteAt(200 + i * 220, 200, text);
  const links = await alice.inviteLinks();
  await bob.join(links.participant, 'Bob');
  await expect.poll(() => bob.outlineTexts()).toEqual(['First threat', 'Second threat', 'Third threat']);
  // A screen reader hears a list of three (its items are block boxes, not list items, for speed: styles.css).
  await expect(B.getByRole('list', { name: 'Board outline' }).getByRole('listitem')).toHaveCount(3);

  // Bob is on the second item.
  await bob.select('Second threat');
  const second = bob.outlineItem(/^Yellow note/).filter({ hasText: 'Second' });
  await expect(second).toBeFocused();

  // Alice rewords it: Bob sees the new text on the same, still focused and selected, item.
  await alice.editText('Second threat', 'Second threat, reworded');
  await expect(bob.outlineItem('Second threat, reworded')).toHaveCount(1);
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute('aria-pressed', 'true');

  // Alice deletes the first: it leaves Bob's list, the others keep their order and Bob his place.
  await alice.select('First threat');
  await A.keyboard.press('Delete');
  await expect.poll(() => bob.outlineTexts()).toEqual(['Second threat, reworded', 'Third threat']);
  await expect(second).toBeFocused();

  // One tab stop, arrow keys move inside, Enter selects; Shift+click adds to the selection.
  await expect(bob.outlineItems.and(B.locator('[tabindex="0"]'))).toHaveCount(1);
  await B.keyboard.press('ArrowDown');
  const third = bob.outlineItem('Third threat');
  await expect(third).toBeFocused();
  await expect(third).toHaveAttribute('tabindex', '0');
  await expect(second).toHaveAttribute('tabindex', '-1');
  await B.keyboard.press('Enter');
  await expect(third).toHaveAttribute('aria-pressed', 'true');
  await expect(second).toHaveAttribute('aria-pressed', 'false');
  await second.click({ modifiers: ['Shift'] });
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  await expect(third).toHaveAttribute('aria-pressed', 'true');

  // Alice undoes the deletion: the note comes back in its old place.
  await A.keyboard.press('Control+z');
  await expect.poll(() => bob.outlineTexts()).toEqual(['First threat', 'Second threat, reworded', 'Third threat']);

  await ctxA.close();
  await ctxB.close();
});
