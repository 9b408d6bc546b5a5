import { gzipSync } from 'node:zlib';
import { boardPage, launchChromium } from './chromium';
import type { BenchOptions } from './fanout';
import { fmt, target, type Section } from './report';
import { startServer } from './servers';

/**
 * 8. Bundle: the JavaScript the board page loads before the board is live (canvas shown, status
 * "connected"), as Chromium fetched it, each file gzipped (zlib default level). Scripts loaded later
 * (lazy chunks) are listed apart and not counted.
 */
export async function bundle(_opts: BenchOptions): Promise<Section> {
  const tb = await startServer('threatboard');
  const browser = await launchChromium();
  try {
    const room = await tb.openRoom(1, 'Bundle');
    const page = await boardPage(browser, room.id, room.sessions[0]!);
    const first: { url: string; raw: number; gz: number }[] = [];
    const later: string[] = [];
    let ready = false;
    const pending: Promise<void>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      const path = new URL(res.url()).pathname;
      if (ready) return void later.push(path);
      pending.push(res.body().then((b) => void first.push({ url: path, raw: b.length, gz: gzipSync(b).length })));
    });
    await page.goto(`${tb.url}/b/${room.id}`);
    await page.locator('canvas').first().waitFor();
    await page.getByRole('status').filter({ hasText: /^(connected|all changes saved)$/i }).first().waitFor();
    ready = true;
    await Promise.all(pending);
    // Anything fetched in the next moment (idle-time lazy chunks) is reported, not counted.
    await page.waitForLoadState('networkidle');
    await page.context().close();
    const total = first.reduce((s, f) => s + f.gz, 0);
    first.sort((a, b) => b.gz - a.gz);
    return {
      id: '8',
      title: 'Bundle: JavaScript the board page loads first (gzip)',
      columns: ['script', 'bytes', 'gzip bytes'],
      rows: [...first.map((f) => [f.url, f.raw, f.gz]), ['**total**', first.reduce((s, f) => s + f.raw, 0), total]],
      notes: [later.length ? `Loaded after the board was live (not counted): ${later.join(', ')}` : 'No scripts loaded after the board was live.'],
      targets: [target('first JavaScript on the board page, gzip', Number(fmt.kb(total)), 'KiB', '<=', 250, first.length > 0)],
      data: { first, later },
    };
  } finally {
    await browser.close();
    await tb.stop();
  }
}
