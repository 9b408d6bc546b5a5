import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Locator, type Page, type WebSocket } from '@playwright/test';
import { BoardPage } from './board-page';

/**
 * A facilitated live session with a facilitator and three participants, each in their own browser
 * context: phase, timer, summon and "Follow me", lock, raised hands, silent brainstorm with reveal, and a
 * secret dot vote with the ranking shown to everyone. One participant records every WebSocket frame it
 * receives, to check that another participant's hidden note and ballots never reach it early.
 */

mkdirSync('test-results', { recursive: true });

const VIEW = 'Security use case: pairing a new phone';

interface Frame {
  url: string;
  at: number;
  bytes: Buffer;
}

/** Record every frame a page's WebSockets receive (board, facilitation and private documents). */
function recordFrames(page: Page): Frame[] {
  const frames: Frame[] = [];
  page.on('websocket', (ws: WebSocket) => {
    ws.on('framereceived', ({ payload }) => {
      frames.push({ url: ws.url(), at: Date.now(), bytes: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload) });
    });
  });
  return frames;
}

const received = (frames: Frame[], text: string, exceptUrl?: RegExp) =>
  frames.some((f) => !(exceptUrl && exceptUrl.test(f.url)) && f.bytes.includes(Buffer.from(text, 'utf8')));

/** The live-session parts of the board page. */
class Session {
  constructor(readonly board: BoardPage) {}
  get page(): Page {
    return this.board.page;
  }
  get bar(): Locator {
    return this.page.getByRole('region', { name: 'Session' });
  }
  get strip(): Locator {
    return this.page.getByRole('toolbar', { name: 'Facilitator controls' });
  }
  get timer(): Locator {
    return this.page.getByRole('timer', { name: 'Time left' });
  }
  /** Seconds left on the displayed countdown. */
  async secondsLeft(): Promise<number> {
    const [m, s] = (await this.timer.innerText()).split(':').map(Number);
    return m! * 60 + s!;
  }
  viewTab(name: string): Locator {
    return this.page.getByRole('tablist', { name: 'Board views' }).getByRole('tab', { name });
  }
  /** Open one of the facilitator strip's popovers. */
  async open(button: string | RegExp, panel: string): Promise<Locator> {
    const dialog = this.page.getByRole('dialog', { name: panel });
    if (!(await dialog.isVisible())) await this.strip.getByRole('button', { name: button }).click();
    await expect(dialog).toBeVisible();
    return dialog;
  }
  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
  get brainstorm(): Locator {
    return this.page.getByRole('region', { name: 'Silent brainstorm' });
  }
  async addHiddenThreat(title: string): Promise<void> {
    await this.brainstorm.getByLabel('New threat').fill(title);
    await this.brainstorm.getByRole('button', { name: 'Add hidden threat' }).click();
    await expect(this.brainstorm.getByLabel('New threat')).toHaveValue('');
  }
  get vote(): Locator {
    return this.page.getByRole('region', { name: 'Dot vote' });
  }
  get results(): Locator {
    return this.page.getByRole('dialog', { name: 'Vote results' });
  }
  /**
   * Where a shape is on screen: selected through the outline, the selection toolbar floats 56 px above
   * its top edge, centred on it (see SelectionToolbar).
   */
  async shapeTop(outlineText: string | RegExp): Promise<{ x: number; y: number }> {
    await this.board.select(outlineText);
    const bar = (await this.board.selectionToolbar.boundingBox())!;
    return { x: bar.x + bar.width / 2, y: bar.y + 56 };
  }
}

async function createFromTemplate(board: BoardPage, title: string, template: RegExp): Promise<void> {
  const page = board.page;
  await page.goto('/');
  await page.getByRole('form', { name: 'Create a board' }).waitFor();
  await page.getByLabel('Board title').fill(title);
  await page.getByLabel('Display name').fill('Fay');
  await page.getByRole('group', { name: 'Start from' }).getByRole('radio', { name: template }).check();
  await page.getByRole('button', { name: 'Create board' }).click();
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/);
  await board.waitConnected();
}

async function participant(browser: Browser, url: string, name: string, record = false): Promise<{ s: Session; frames: Frame[] }> {
  const { board } = await BoardPage.open(browser);
  const frames = record ? recordFrames(board.page) : [];
  await board.join(url, name);
  return { s: new Session(board), frames };
}

test('a facilitated session: phase, timer, summon, lock, hands, silent brainstorm and a secret dot vote', async ({ browser }) => {
  // A whole session with four browsers; a slower machine needs the room (each step still polls with its own bound).
  test.setTimeout(300_000);
  const { board: fayBoard } = await BoardPage.open(browser);
  await createFromTemplate(fayBoard, 'Bootcamp day 2', /ankle monitor/i);
  const fay = new Session(fayBoard);
  const links = await fayBoard.inviteLinks();
  const { s: ada } = await participant(browser, links.participant, 'Ada');
  const { s: bo } = await participant(browser, links.participant, 'Bo');
  const { s: cy, frames } = await participant(browser, links.participant, 'Cy', true);
  const { s: vic } = await participant(browser, links.viewer, 'Vic');
  const people = [ada, bo, cy];
  const everyone = [fay, ...people];
  const errors: string[] = [];
  for (const p of [...everyone, vic]) p.page.on('pageerror', (e) => errors.push(e.message));
  await expect(fay.page.getByRole('button', { name: /^Participants: 5 on this board/ })).toBeVisible();

  await test.step('phase: the facilitator moves on, everyone sees the new question and its prompt', async () => {
    for (const p of people) await expect(p.bar).toContainText('What are we working on?');
    await fay.page.getByRole('combobox', { name: 'Current phase' }).selectOption({ label: '2. What can go wrong?' });
    for (const p of [...people, vic]) {
      await expect(p.bar).toContainText('What can go wrong?');
      await expect(p.bar).toContainText('Walk each element and flow through STRIDE');
      await expect(p.bar).toContainText('Step 2 of 4');
    }
  });

  await test.step('timer: everyone counts down the same seconds', async () => {
    const timerPanel = await fay.open('Timer', 'Start a timer');
    await timerPanel.getByRole('button', { name: '5 min', exact: true }).click();
    for (const p of [...everyone, vic]) await expect(p.timer).toHaveText(/^04:[0-5]\d$/);
    await fay.page.waitForTimeout(1200);
    const secs = await Promise.all([...everyone, vic].map((p) => p.secondsLeft()));
    expect(Math.max(...secs) - Math.min(...secs)).toBeLessThanOrEqual(1);
    expect(Math.min(...secs)).toBeLessThan(300);
    // Pause stops every countdown at the same value.
    await fay.strip.getByRole('button', { name: 'Pause timer' }).click();
    for (const p of people) await expect(p.bar).toContainText('paused');
    const paused = await Promise.all(everyone.map((p) => p.secondsLeft()));
    expect(Math.max(...paused) - Math.min(...paused)).toBeLessThanOrEqual(1);
    await fay.strip.getByRole('button', { name: 'Resume timer' }).click();
    await expect(fay.strip.getByRole('button', { name: 'Pause timer' })).toBeVisible();
  });

  await test.step('summon: "Bring everyone here" moves every participant to the facilitator\'s view and zoom', async () => {
    await fay.viewTab(VIEW).click();
    await expect(fay.viewTab(VIEW)).toHaveAttribute('aria-selected', 'true');
    await fay.page.getByRole('button', { name: 'Zoom in' }).click();
    const zoom = await fay.board.zoom();
    for (const p of people) await expect(p.viewTab(VIEW)).toHaveAttribute('aria-selected', 'false');
    await fay.strip.getByRole('button', { name: 'Bring everyone here' }).click();
    for (const p of people) {
      await expect(p.viewTab(VIEW)).toHaveAttribute('aria-selected', 'true');
      await expect.poll(() => p.board.zoom()).toBe(zoom);
    }
  });

  await test.step('"Follow me": cameras follow until a participant moves on their own', async () => {
    await fay.strip.getByRole('button', { name: 'Follow me' }).click();
    await expect(fay.strip.getByRole('button', { name: 'Follow me' })).toHaveAttribute('aria-pressed', 'true');
    for (const p of people) await expect(p.page.getByRole('status').filter({ hasText: 'Following Fay' })).toBeVisible();
    await fay.page.getByRole('button', { name: 'Zoom in' }).click();
    const zoom = await fay.board.zoom();
    for (const p of people) await expect.poll(() => p.board.zoom()).toBe(zoom);
    // Bo zooms out himself: he stops following and is offered to follow again.
    await bo.page.getByRole('button', { name: 'Zoom out' }).click();
    await expect(bo.page.getByRole('button', { name: 'Follow again' })).toBeVisible();
    await fay.page.getByRole('button', { name: 'Zoom out' }).click();
    const back = await fay.board.zoom();
    await expect.poll(() => ada.board.zoom()).toBe(back);
    await bo.page.getByRole('button', { name: 'Follow again' }).click();
    await expect.poll(() => bo.board.zoom()).toBe(back);
    await fay.strip.getByRole('button', { name: 'Follow me' }).click();
    for (const p of people) await expect(p.page.getByRole('status').filter({ hasText: 'Following Fay' })).toHaveCount(0);
    // Anyone can follow anyone from the participant list.
    await cy.page.getByRole('button', { name: /^Participants:/ }).click();
    await cy.page.getByRole('dialog', { name: 'Participants' }).getByRole('button', { name: 'Follow Ada' }).click();
    await cy.page.keyboard.press('Escape');
    await ada.page.getByRole('button', { name: 'Zoom in' }).click();
    const adaZoom = await ada.board.zoom();
    await expect.poll(() => cy.board.zoom()).toBe(adaZoom);
    await cy.page.getByRole('button', { name: 'Stop following' }).click();
    await ada.page.getByRole('button', { name: 'Zoom out' }).click();
    await ada.page.waitForTimeout(400);
    expect(await cy.board.zoom()).toBe(adaZoom);
  });

  await test.step('lock: a participant cannot move a diagram element while the diagram is locked', async () => {
    await fay.strip.getByRole('button', { name: 'Lock diagram' }).click();
    await expect(fay.strip.getByRole('button', { name: 'Unlock diagram' })).toHaveAttribute('aria-pressed', 'true');
    await expect(ada.page.getByText('Diagram locked by the facilitator')).toBeVisible();
    const element = /^Process: Cloud API$/;
    const top = await ada.shapeTop(element);
    await expect(ada.board.selectionToolbar).toContainText('Locked by the facilitator');
    await expect(ada.board.selectionToolbar.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    const before = (await ada.board.selectionToolbar.boundingBox())!;
    await ada.board.drag({ x: top.x, y: top.y + 20 }, { x: top.x + 140, y: top.y + 90 });
    await ada.page.waitForTimeout(300);
    expect(await ada.board.selectionToolbar.boundingBox()).toEqual(before);
    await ada.page.keyboard.press('Delete');
    await expect(ada.board.outlineItem(element)).toHaveCount(1);
    await expect(ada.page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name: 'Process' })).toBeDisabled();
    await ada.page.keyboard.press('Escape');
  });

  await test.step('hands: a raised hand shows to the facilitator, who lowers it', async () => {
    await expect(vic.bar.getByRole('button', { name: 'Raise hand' })).toHaveCount(0);
    await ada.bar.getByRole('button', { name: 'Raise hand' }).click();
    await expect(ada.bar.getByRole('button', { name: 'Lower hand' })).toBeVisible();
    const hands = await fay.open('Raised hands: 1', 'Hands and attention');
    await expect(hands.getByRole('list', { name: /Raised hands/ })).toContainText('Ada');
    await hands.getByRole('button', { name: "Lower Ada's hand" }).click();
    await expect(ada.bar.getByRole('button', { name: 'Raise hand' })).toBeVisible();
    await expect(fay.strip.getByRole('button', { name: 'Raised hands: 0' })).toBeVisible();

    // Cursors: hidden for participants, still shown to the facilitator.
    const cursorOf = (p: Session, name: string) => p.page.locator('.cursors .cursor-label', { hasText: name });
    const canvas = (await bo.board.canvas.boundingBox())!;
    const wiggle = async () => {
      await bo.page.mouse.move(canvas.x + 300, canvas.y + 200);
      await bo.page.mouse.move(canvas.x + 320, canvas.y + 220, { steps: 3 });
    };
    await wiggle();
    await expect(cursorOf(ada, 'Bo')).toBeVisible();
    await hands.getByRole('checkbox', { name: "Hide everyone's cursors" }).check();
    await wiggle();
    await expect(cursorOf(fay, 'Bo')).toBeVisible();
    await expect(cursorOf(ada, 'Bo')).toHaveCount(0);
    await hands.getByRole('checkbox', { name: "Hide everyone's cursors" }).uncheck();
    await wiggle();
    await expect(cursorOf(ada, 'Bo')).toBeVisible();
    await fay.close();
  });

  const secretAda = `Replayed pairing passkey ${Date.now()}`;
  const secretBo = `Cloned bonding keys from a repair shop ${Date.now()}`;

  await test.step('silent brainstorm: notes stay with their authors, the facilitator sees counts only', async () => {
    const panel = await fay.open('Brainstorm', 'Silent brainstorm');
    await panel.getByRole('button', { name: 'Start silent brainstorm' }).click();
    await expect(panel.getByRole('button', { name: 'Reveal now' })).toBeVisible();
    for (const p of people) await expect(p.brainstorm).toBeVisible();
    await ada.addHiddenThreat(secretAda);
    await bo.addHiddenThreat(secretBo);
    // Authors see their own note in place, marked hidden.
    await expect(ada.board.outlineItem(secretAda)).toContainText('hidden until reveal');
    await expect(ada.brainstorm).toContainText('1 hidden note');
    // A hidden note moves like any other (in Ada's private document).
    const spot = await ada.shapeTop(secretAda);
    await ada.board.drag({ x: spot.x, y: spot.y + 60 }, { x: spot.x, y: spot.y + 200 });
    await expect.poll(async () => (await ada.shapeTop(secretAda)).y).toBeGreaterThan(spot.y + 100);
    await expect(bo.board.outlineItem(secretBo)).toBeVisible();
    // The facilitator sees how many each person has, not what they wrote.
    const counts = panel.getByRole('list', { name: 'Hidden notes per person' });
    await expect(counts.getByRole('listitem').filter({ hasText: 'Ada' })).toContainText('1');
    await expect(counts.getByRole('listitem').filter({ hasText: 'Bo' })).toContainText('1');
    await expect(panel).toContainText('2 hidden notes from 2 people');
    await fay.page.screenshot({ path: 'test-results/facilitator-console.png' });
    await ada.board.select(secretAda);
    await ada.page.screenshot({ path: 'test-results/participant-view.png' });
    for (const other of [fay, cy]) {
      await expect(other.board.outlineItem(secretAda)).toHaveCount(0);
      const html = await other.page.content();
      expect(html).not.toContain(secretAda);
      expect(html).not.toContain(secretBo);
    }
    await expect(ada.board.outlineItem(secretBo)).toHaveCount(0);
    // Nothing of Ada's or Bo's notes reached Cy's browser, on any socket.
    expect(received(frames, secretAda)).toBe(false);
    expect(received(frames, secretBo)).toBe(false);

    await panel.getByRole('button', { name: 'Reveal now' }).click();
    for (const p of everyone) {
      await expect(p.board.outlineItem(secretAda)).toHaveCount(1);
      await expect(p.board.outlineItem(secretBo)).toHaveCount(1);
    }
    await expect(ada.board.outlineItem(secretAda)).not.toContainText('hidden until reveal');
    await expect(panel).toContainText('No hidden notes yet.');
    expect(received(frames, secretAda)).toBe(true);
    await panel.getByRole('button', { name: 'Stop and reveal' }).click();
    for (const p of people) await expect(p.brainstorm).toHaveCount(0);
    await fay.close();
  });

  await test.step('dot vote: secret ballots, "3 voted", ranking for everyone after close', async () => {
    const closedBefore = frames.length;
    const panel = await fay.open('Vote', 'Dot vote');
    await panel.getByRole('button', { name: 'Start vote' }).click();
    await expect(panel.getByText('0 people have voted')).toBeVisible();
    for (const p of people) {
      await expect(p.vote).toContainText('Voting: click threats to place your dots');
      await expect(p.vote).toContainText('3 of 3 dots left');
    }
    // Ada clicks her threat note on the canvas.
    await ada.page.keyboard.press('Escape');
    const top = await ada.shapeTop(secretAda);
    await ada.page.keyboard.press('Escape');
    await ada.page.mouse.click(top.x, top.y + 70);
    await expect(ada.vote).toContainText('2 of 3 dots left');
    // The others vote from the list (the keyboard way).
    const addDot = async (p: Session, title: string) => {
      const list = p.vote.getByRole('list', { name: 'Threats to vote on' });
      if (!(await list.isVisible())) await p.vote.getByRole('button', { name: 'Vote from a list' }).click();
      await list.getByRole('listitem').filter({ hasText: title }).getByRole('button', { name: /^Add a dot/ }).click();
    };
    await addDot(ada, secretBo);
    await addDot(ada, 'Nearby device pairs first');
    await expect(ada.vote).toContainText('0 of 3 dots left');
    await addDot(bo, secretBo);
    await addDot(bo, secretAda);
    await addDot(cy, secretBo);
    await expect(cy.vote).toContainText('2 of 3 dots left');
    await expect(panel.getByText('3 people have voted')).toBeVisible();
    // A viewer watches: no dots to place.
    await expect(vic.bar).toContainText('Vote open');
    await expect(vic.vote).toHaveCount(0);
    // Until the close, no ballot and no tally reached Cy, except on Cy's own private document.
    expect(received(frames.slice(closedBefore), 'ballots', /\/private\//)).toBe(false);
    expect(received(frames, 'tallies')).toBe(false);

    await panel.getByRole('button', { name: 'Close vote' }).click();
    for (const p of everyone) {
      await expect(p.results).toBeVisible();
      const rows = p.results.getByRole('row');
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(1)).toContainText(secretBo);
      await expect(rows.nth(1).getByRole('cell').first()).toHaveText('1');
      await expect(rows.nth(1).getByRole('cell').last()).toHaveText('3');
      await expect(rows.nth(2)).toContainText(secretAda);
      await expect(rows.nth(2).getByRole('cell').last()).toHaveText('2');
      await expect(rows.nth(3)).toContainText('Nearby device pairs first');
    }
    await expect(fay.results).toContainText('3 voted, 0 dots ignored');
    await expect(cy.results).toContainText('3 people voted');
    await expect(vic.results.getByRole('row').nth(1)).toContainText(secretBo);
    expect(received(frames, 'tallies')).toBe(true);
    for (const p of people) await expect(p.vote).toHaveCount(0);
  });

  await test.step('small groups: assigned or picked, sent to their views, and back', async () => {
    await fay.results.getByRole('button', { name: 'Close vote results' }).click();
    const panel = await fay.open(/^Groups/, 'Small groups');
    await panel.getByRole('button', { name: 'Add group' }).click();
    await panel.getByRole('button', { name: 'Add group' }).click();
    await panel.getByRole('combobox', { name: 'View of Group 1' }).selectOption({ label: 'Global system view' });
    await panel.getByRole('combobox', { name: 'View of Group 2' }).selectOption({ label: 'Multi-patient harm view' });
    await panel.getByRole('combobox', { name: 'Add a person to Group 1' }).selectOption({ label: 'Ada' });
    await expect(panel.getByRole('list', { name: 'Members of Group 1' })).toContainText('Ada');
    await panel.getByRole('checkbox', { name: 'Let people pick their group' }).check();
    await bo.bar.getByRole('combobox', { name: 'Your group' }).selectOption({ label: 'Group 2 (Multi-patient harm view)' });
    await expect(panel.getByRole('list', { name: 'Members of Group 2' })).toContainText('Bo');
    await panel.getByRole('checkbox', { name: 'Let people pick their group' }).uncheck();
    await expect(bo.bar).toContainText('Your group: Group 2');
    await panel.getByRole('button', { name: 'Send groups to their views' }).click();
    await expect(ada.viewTab('Global system view')).toHaveAttribute('aria-selected', 'true');
    await expect(bo.viewTab('Multi-patient harm view')).toHaveAttribute('aria-selected', 'true');
    await expect(cy.viewTab(VIEW)).toHaveAttribute('aria-selected', 'true');
    await panel.getByRole('button', { name: 'Everyone back' }).click();
    for (const p of people) await expect(p.viewTab(VIEW)).toHaveAttribute('aria-selected', 'true');
    await fay.close();
  });

  await test.step("timer at zero: everyone sees \"Time's up\"", async () => {
    await fay.strip.getByRole('button', { name: 'Stop timer' }).click();
    const timerPanel = await fay.open('Timer', 'Start a timer');
    await timerPanel.getByLabel('Minutes').fill('0.1');
    await timerPanel.getByRole('button', { name: 'Start timer' }).click();
    for (const p of [fay, cy]) await expect(p.bar).toContainText("Time's up", { timeout: 12_000 });
    await expect(cy.timer).toHaveText('00:00');
  });
  expect(errors).toEqual([]);
});
