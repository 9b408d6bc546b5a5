import type { Page } from '@playwright/test';
import { readShapes } from '../shared/model/board-doc';
import { NOTE_SIZE } from '../shared/model/schema';
import { allPainted, boardPage, launchChromium, watchOpening } from './chromium';
import { LATER_MS } from '../client/lib/later';
import type { BenchOptions } from './fanout';
import { fmt, target, type Section } from './report';
import { docClient, noteId, notePos, seedNotes } from './seed';
import { startServer, type ServerHandle } from './servers';
import { percentile } from './stats';

interface FrameStats {
  frames: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

interface CanvasResult {
  label: string;
  shapes: number;
  selected: number;
  /** Notes of the selection whose position changed on the server after the drag. */
  moved: number;
  pan: FrameStats;
  drag: FrameStats;
}

/** Record the time between animation frames while `act` runs. */
async function frameTimes(page: Page, act: () => Promise<void>): Promise<FrameStats> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rec: boolean };
    w.__frames = [];
    w.__rec = true;
    const tick = (t: number) => {
      if (!w.__rec) return;
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await act();
  const stamps = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rec: boolean };
    w.__rec = false;
    return w.__frames;
  });
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]!).sort((a, b) => a - b);
  return {
    frames: deltas.length,
    meanMs: deltas.reduce((a, b) => a + b, 0) / Math.max(1, deltas.length),
    p50Ms: percentile(deltas, 0.5),
    p95Ms: percentile(deltas, 0.95),
    maxMs: deltas[deltas.length - 1] ?? NaN,
  };
}

const nextFrame = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));

/**
 * Open a seeded board as a participant in headless Chromium at 1366×768; pan with the wheel for `steps`
 * frames, then select the first `select` notes (click and shift-click in the outline) and drag them.
 */
async function measureBoard(server: ServerHandle, label: string, notes: number, shapes: number, steps: number): Promise<CanvasResult> {
  const room = await server.openRoom(1, `Canvas ${label}`);
  await seedNotes(room.endpoints[0]!, notes, 0, shapes);
  const browser = await launchChromium();
  try {
    const page = await boardPage(browser, room.id, room.sessions[0]!);
    await watchOpening(page, notes + shapes);
    await page.goto(`${server.url}/b/${room.id}`);
    await allPainted(page);
    // The canvas draws its pan margin only a moment after a board arrived (client/lib/later.ts): measure
    // panning as it is from then on, not the margin being filled in.
    await page.evaluate((ms) => new Promise((r) => setTimeout(() => requestIdleCallback(r, { timeout: 2000 }), ms)), LATER_MS + 200);
    const box = (await page.locator('canvas').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const pan = await frameTimes(page, async () => {
      for (let i = 0; i < steps; i++) {
        await page.mouse.wheel(i < steps / 2 ? 40 : -40, i % 2 ? 25 : -10);
        await nextFrame(page);
      }
    });
    const select = Math.min(50, notes);
    const item = (j: number) => page.getByRole('button', { name: new RegExp(`: Note ${j}: `) });
    await item(0).click();
    for (let j = 1; j < select; j++) await item(j).click({ modifiers: ['Shift'] });
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Board outline"] [aria-pressed="true"]').length >= n, select);
    // Note 0 sits at world (0, 0); the stage's position and scale are the camera.
    const at = await page.evaluate(([w, h]) => {
      const stage = (window as unknown as { Konva: { stages: { x(): number; y(): number; scaleX(): number }[] } }).Konva.stages[0]!;
      return { x: stage.x() + (w! / 2) * stage.scaleX(), y: stage.y() + (h! / 2) * stage.scaleX() };
    }, [NOTE_SIZE.w, NOTE_SIZE.h]);
    const drag = await frameTimes(page, async () => {
      await page.mouse.move(box.x + at.x, box.y + at.y);
      await page.mouse.down();
      for (let i = 0; i < steps; i++) {
        await page.mouse.move(box.x + at.x + (i % 60) * 3, box.y + at.y + Math.floor(i / 60) * 20);
        await nextFrame(page);
      }
      await page.mouse.up();
    });
    await page.screenshot({ path: new URL(`./results/canvas-${notes}.png`, import.meta.url).pathname });
    await page.context().close();
    // The drag must have moved the whole selection (read back from the server by another client).
    const reader = await docClient(room.endpoints[0]!);
    const placed = new Map(readShapes(reader.doc).records.map((s) => [s.id, s] as const));
    const moved = Array.from({ length: select }, (_, j) => placed.get(noteId(j)))
      .filter((s, j) => s && 'pos' in s && s.pos.x !== notePos(j).x).length;
    reader.close();
    return { label, shapes: notes + shapes, selected: select, moved, pan, drag };
  } finally {
    await browser.close();
  }
}

/** 6. Canvas frame times, panning and dragging a selection, 2,000 notes + 300 shapes vs 20 notes. */
export async function canvas(opts: BenchOptions): Promise<Section> {
  const [big, elems, steps] = opts.quick ? [400, 60, 60] : [2000, 300, 150];
  const server = await startServer('threatboard');
  try {
    const small = await measureBoard(server, '20 notes', 20, 0, steps);
    const large = await measureBoard(server, `${big.toLocaleString('en')} notes + ${elems} shapes`, big, elems, steps);
    const row = (r: CanvasResult, what: 'pan' | 'drag') => {
      const f = r[what];
      const action = what === 'pan' ? 'pan (wheel)' : `drag ${r.selected} selected${r.moved === r.selected ? '' : ` (INVALID: ${r.moved} moved)`}`;
      return [r.label, action, r.shapes, f.frames, fmt.ms(f.meanMs), fmt.ms(f.p50Ms), fmt.ms(f.p95Ms), fmt.ms(f.maxMs)];
    };
    return {
      id: '6',
      title: 'Canvas: time between animation frames in headless Chromium (1366×768)',
      columns: ['board', 'action', 'shapes', 'frames', 'mean ms', 'p50 ms', 'p95 ms', 'max ms'],
      rows: [row(small, 'pan'), row(large, 'pan'), row(small, 'drag'), row(large, 'drag')],
      notes: ['Headless Chromium without a GPU: software rendering, so absolute frame times are pessimistic; the ratio is the measure.'],
      targets: [
        target('panning: mean frame time, large ÷ 20 notes', large.pan.meanMs / small.pan.meanMs, '×', '<=', 1.5),
        target(
          'dragging a selection: mean frame time, large ÷ 20 notes',
          large.drag.meanMs / small.drag.meanMs,
          '×',
          '<=',
          1.5,
          small.moved === small.selected && large.moved === large.selected,
        ),
      ],
      data: [small, large],
    };
  } finally {
    await server.stop();
  }
}
