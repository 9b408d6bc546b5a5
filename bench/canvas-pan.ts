import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { addShape, newId, zOnTop } from '../shared/model/board-doc';
import { NOTE_COLORS } from '../shared/model/schema';
import type { RunningServer } from '../server/server';
import { connectClient, createBoard, join, synced } from '../test/helpers/server';

export interface PanResult {
  label: string;
  shapes: number;
  frames: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** Fill a board through a real y-websocket client: `notes` sticky notes and `shapes` DFD elements on a grid. */
async function seedBoard(server: RunningServer, notes: number, shapes: number) {
  const board = await createBoard(server, `Bench ${notes}+${shapes}`);
  const writer = await join(server, board, 'participant', 'Seeder');
  const client = connectClient(server, board.id, writer.token);
  await synced(client);
  const cols = 50;
  const kinds = ['entity', 'process', 'store'] as const;
  client.doc.transact(() => {
    for (let i = 0; i < notes; i++) {
      addShape(client.doc, {
        kind: 'note',
        id: newId(),
        pos: { x: (i % cols) * 200, y: Math.floor(i / cols) * 160 },
        text: `Note ${i}: a threat someone wrote during the brainstorm`,
        color: NOTE_COLORS[i % NOTE_COLORS.length],
        z: zOnTop(client.doc),
      });
    }
    for (let i = 0; i < shapes; i++) {
      addShape(client.doc, {
        kind: kinds[i % 3]!,
        id: newId(),
        pos: { x: (i % 20) * 400 + 30, y: 7000 + Math.floor(i / 20) * 200 },
        label: `Element ${i}`,
        z: zOnTop(client.doc),
      });
    }
  });
  // Wait until the server has everything: a fresh reader sees all shapes.
  const viewer = await join(server, board, 'viewer', 'Bench');
  client.destroy();
  return { board, token: viewer.token, userId: viewer.userId };
}

/**
 * Open a seeded board in headless Chromium at 1366×768 and pan with the wheel for `steps` frames,
 * recording the time between animation frames while panning.
 */
export async function measurePan(browser: Browser, server: RunningServer, label: string, notes: number, shapes: number, steps = 150): Promise<PanResult> {
  const { board, token, userId } = await seedBoard(server, notes, shapes);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(
    ([key, value]) => localStorage.setItem(key!, value!),
    [`threatboard:session:${board.id}`, JSON.stringify({ token, userId, role: 'viewer', name: 'Bench' })],
  );
  // tsx wraps functions in __name(); functions handed to page.evaluate run in the page, which lacks it.
  await context.addInitScript('window.__name = (f) => f;');
  const page = await context.newPage();
  await page.goto(`${server.url}/b/${board.id}`);
  const canvas = page.locator('canvas').first();
  await canvas.waitFor();
  await page.getByRole('status').filter({ hasText: /connected/i }).first().waitFor();
  // Let the board load and render fully before measuring.
  await page.waitForFunction((n) => (document.querySelectorAll('[aria-label="Board outline"] li').length || n) >= n, notes > 0 ? 1 : 0);
  await page.waitForTimeout(500);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
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
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(i < steps / 2 ? 40 : -40, i % 2 ? 25 : -10);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  const stamps = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rec: boolean };
    w.__rec = false;
    return w.__frames;
  });
  await context.close();
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]!).sort((a, b) => a - b);
  const q = (p: number) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))] ?? 0;
  return {
    label,
    shapes: notes + shapes,
    frames: deltas.length,
    meanMs: deltas.reduce((a, b) => a + b, 0) / Math.max(1, deltas.length),
    p50Ms: q(0.5),
    p95Ms: q(0.95),
    maxMs: deltas[deltas.length - 1] ?? 0,
  };
}

export const distDir = fileURLToPath(new URL('../dist', import.meta.url));
