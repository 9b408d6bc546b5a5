import { get } from 'node:http';
import { gzipSync } from 'node:zlib';
import { boardPage, launchChromium } from './chromium';
import type { BenchOptions } from './fanout';
import { fmt, target, type Section } from './report';
import { startServer } from './servers';

/** The bytes the server sends for `url` to a client that accepts `encoding` only (its own compression). */
function servedBytes(url: string, encoding: 'gzip' | 'br'): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      if (res.headers['content-encoding'] !== encoding) reject(new Error(`${url}: served as ${res.headers['content-encoding'] ?? 'identity'}, not ${encoding}`));
      let n = 0;
      res.on('data', (d: Buffer) => (n += d.length));
      res.on('end', () => resolve(n));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * 8. Bundle: the JavaScript the board page loads before the board is live (canvas shown, status
 * "connected"), as Chromium fetched it. Each file is counted as the server sends it gzip-encoded (the
 * build's Zopfli copy, scripts/precompress.ts), beside zlib's default level 6 and level 9 and the brotli the
 * server sends to browsers that accept it (Chromium does). Scripts loaded later (lazy chunks) are listed
 * apart and not counted. The target is judged in bytes (250 KB = 250,000 B, the stricter reading).
 */
export async function bundle(_opts: BenchOptions): Promise<Section> {
  const tb = await startServer('threatboard');
  const browser = await launchChromium();
  try {
    const room = await tb.openRoom(1, 'Bundle');
    const page = await boardPage(browser, room.id, room.sessions[0]!);
    const first: { url: string; raw: number; gz6: number; gz9: number; gz: number; br: number }[] = [];
    const later: string[] = [];
    let ready = false;
    const pending: Promise<void>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      const path = new URL(res.url()).pathname;
      if (ready) return void later.push(path);
      pending.push(
        Promise.all([res.body(), servedBytes(res.url(), 'gzip'), servedBytes(res.url(), 'br')]).then(
          ([b, gz, br]) => void first.push({ url: path, raw: b.length, gz6: gzipSync(b).length, gz9: gzipSync(b, { level: 9 }).length, gz, br }),
        ),
      );
    });
    await page.goto(`${tb.url}/b/${room.id}`);
    await page.locator('canvas').first().waitFor();
    await page.getByRole('status').filter({ hasText: /^(connected|all changes saved)$/i }).first().waitFor();
    ready = true;
    await Promise.all(pending);
    // Anything fetched in the next moment (idle-time lazy chunks) is reported, not counted.
    await page.waitForLoadState('networkidle');
    await page.context().close();
    const sum = (k: 'raw' | 'gz6' | 'gz9' | 'gz' | 'br') => first.reduce((s, f) => s + f[k], 0);
    const total = sum('gz');
    first.sort((a, b) => b.gz - a.gz);
    return {
      id: '8',
      title: 'Bundle: JavaScript the board page loads first (gzip as served)',
      columns: ['script', 'bytes', 'gzip level 6', 'gzip level 9', 'gzip as served (Zopfli)', 'brotli as served'],
      rows: [...first.map((f) => [f.url, f.raw, f.gz6, f.gz9, f.gz, f.br]), ['**total**', sum('raw'), sum('gz6'), sum('gz9'), total, sum('br')]],
      notes: [later.length ? `Loaded after the board was live (not counted): ${later.join(', ')}` : 'No scripts loaded after the board was live.'],
      targets: [target('first JavaScript on the board page, gzip as served', total, 'B', '<=', 250_000, first.length > 0)],
      data: { first, later },
    };
  } finally {
    await browser.close();
    await tb.stop();
  }
}
