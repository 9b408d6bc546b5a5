import { readFileSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import type { RunningServer } from '../server/server';
import type { Role } from '../shared/roles';
import { createBoard, join } from '../test/helpers/server';
import { distDir } from './canvas-pan';

export interface FirstLoadResult {
  role: Role;
  scripts: { path: string; gzipBytes: number }[];
  totalGzipBytes: number;
}

/**
 * Open a board page in Chromium as `role` and list the JavaScript it loads before anyone interacts
 * (until the board says Connected and the network is idle). Sizes are the built files gzipped at level 9,
 * the same bytes the server sends to a browser that accepts gzip.
 */
export async function measureFirstLoad(browser: Browser, server: RunningServer, role: Role): Promise<FirstLoadResult> {
  const board = await createBoard(server, `First load ${role}`);
  const { token, userId } = await join(server, board, role, 'Bench');
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(
    ([key, value]) => localStorage.setItem(key!, value!),
    [`threatboard:session:${board.id}`, JSON.stringify({ token, userId, role, name: 'Bench' })],
  );
  const page = await context.newPage();
  const seen = new Set<string>();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js')) seen.add(path);
  });
  await page.goto(`${server.url}/b/${board.id}`);
  await page.getByRole('status').filter({ hasText: /connected/i }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await context.close();
  const scripts = [...seen].sort().map((path) => ({ path, gzipBytes: gzipSync(readFileSync(pathJoin(distDir, path)), { level: 9 }).length }));
  return { role, scripts, totalGzipBytes: scripts.reduce((s, x) => s + x.gzipBytes, 0) };
}

export function printFirstLoad(results: FirstLoadResult[]): void {
  console.log('\nFirst load of a board page in Chromium: JavaScript fetched before any interaction (gzip -9)');
  console.log('| role | scripts | gzip KB |');
  console.log('|------|--------:|--------:|');
  for (const r of results) console.log(`| ${r.role} | ${r.scripts.length} | ${(r.totalGzipBytes / 1000).toFixed(1)} |`);
  for (const r of results) for (const s of r.scripts) console.log(`  ${r.role}: ${s.path} ${(s.gzipBytes / 1000).toFixed(1)} KB`);
}
