import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

/**
 * Page object for the board: everything is reached by role and accessible name, the way a keyboard or
 * screen-reader user would. Canvas content is read through the HTML outline list.
 */
export class BoardPage {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, options: { clipboard?: boolean } = {}): Promise<{ context: BrowserContext; board: BoardPage }> {
    const context = await browser.newContext(options.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {});
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[pageerror] ${e.message}`));
    return { context, board: new BoardPage(page) };
  }

  get canvas(): Locator {
    return this.page.getByRole('application', { name: 'Board canvas' });
  }
  get outline(): Locator {
    return this.page.getByRole('list', { name: 'Board outline' });
  }
  get outlineItems(): Locator {
    return this.outline.getByRole('button');
  }
  get status(): Locator {
    return this.page.getByRole('banner').getByRole('status');
  }
  tool(name: 'Select' | 'Hand' | 'Note' | 'Undo' | 'Redo'): Locator {
    return this.page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name, exact: true });
  }
  get selectionToolbar(): Locator {
    return this.page.getByRole('toolbar', { name: /^Selection/ });
  }
  get noteEditor(): Locator {
    return this.page.getByRole('textbox', { name: 'Note text' });
  }

  /** Home page → create a board → lands on the board as facilitator. Returns the board id. */
  async createBoard(title: string, name: string): Promise<string> {
    await this.page.goto('/');
    await this.page.getByRole('form', { name: 'Create a board' }).waitFor();
    await this.page.getByLabel('Board title').fill(title);
    await this.page.getByLabel('Display name').fill(name);
    await this.page.getByRole('button', { name: 'Create board' }).click();
    await this.page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/);
    await this.waitConnected();
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }

  async join(url: string, name: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByLabel('Display name').fill(name);
    await this.page.getByRole('button', { name: 'Join board' }).click();
    await this.waitConnected();
    await expect(this.page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/); // invite key stripped from the address
  }

  /** Connected and in sync: "All changes saved" (people who can edit) or "Connected" (viewers). */
  async waitConnected(): Promise<void> {
    await expect(this.status).toHaveText(/^(All changes saved|Connected)$/, { timeout: 30_000 });
  }

  /** The three invite links from the Share dialog. */
  async inviteLinks(): Promise<Record<'facilitator' | 'participant' | 'viewer', string>> {
    await this.page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Share this board' });
    await expect(dialog).toBeVisible();
    const links = {
      facilitator: await dialog.getByLabel('Facilitator link', { exact: true }).inputValue(),
      participant: await dialog.getByLabel('Participant link', { exact: true }).inputValue(),
      viewer: await dialog.getByLabel('Viewer link', { exact: true }).inputValue(),
    };
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    return links;
  }

  /** Place a note with the Note tool at a screen point of the canvas and type its text. */
  async addNoteAt(x: number, y: number, text: string): Promise<void> {
    await this.tool('Note').click();
    const box = (await this.canvas.boundingBox())!;
    await this.page.mouse.click(box.x + x, box.y + y);
    await expect(this.noteEditor).toBeFocused();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Escape');
    await expect(this.noteEditor).toBeHidden();
  }

  outlineItem(text: string | RegExp): Locator {
    return this.outlineItems.filter({ hasText: text });
  }

  async outlineTexts(): Promise<string[]> {
    // Text content, not rendered text: items out of sight skip rendering (content-visibility: auto).
    return (await this.outline.locator('.outline-text').allTextContents()).map((t) => t.trim());
  }

  /** Select a note through the outline. */
  async select(text: string | RegExp): Promise<void> {
    await this.outlineItem(text).click();
    await expect(this.outlineItem(text)).toHaveAttribute('aria-pressed', 'true');
  }

  /**
   * Where a note is on screen: select it in the outline and open its text editor, which is laid exactly
   * over the note, then close the editor again without changes.
   */
  async noteBox(text: string | RegExp): Promise<{ x: number; y: number; width: number; height: number }> {
    await this.select(text);
    await this.selectionToolbar.getByRole('button', { name: 'Edit text' }).click();
    await expect(this.noteEditor).toBeVisible();
    const box = (await this.noteEditor.boundingBox())!;
    await this.page.keyboard.press('Escape');
    await expect(this.noteEditor).toBeHidden();
    return box;
  }

  async editText(text: string | RegExp, next: string): Promise<void> {
    await this.select(text);
    await this.selectionToolbar.getByRole('button', { name: 'Edit text' }).click();
    await expect(this.noteEditor).toBeFocused();
    await this.noteEditor.fill(next);
    await this.page.keyboard.press('Escape');
    await expect(this.noteEditor).toBeHidden();
  }

  /** Drag with the mouse in small steps, like a person would. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    const m = this.page.mouse;
    await m.move(from.x, from.y);
    await m.down();
    await m.move(from.x + (to.x - from.x) / 4, from.y + (to.y - from.y) / 4, { steps: 3 });
    await m.move(to.x, to.y, { steps: 8 });
    await m.up();
  }

  async zoom(): Promise<number> {
    const label = await this.page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: /^Zoom \d+%/ }).innerText();
    return Number.parseInt(label, 10) / 100;
  }
}

export function centre(b: { x: number; y: number; width: number; height: number }): { x: number; y: number } {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}
