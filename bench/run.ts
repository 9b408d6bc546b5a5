import { loadConfig } from '../server/config';
import { startServer } from '../server/server';
import { tempDataDir } from '../test/helpers/server';
import { launchChromium } from './chromium';
import { distDir, measurePan, type PanResult } from './canvas-pan';
import { measureAwareness, startServerProcess, type AwarenessResult } from './awareness';
import { measureFirstLoad, printFirstLoad } from './first-load';

/** `npm run bench`: every benchmark, printed as a table. Numbers go in the closing note of the issue. */
const only = process.argv[2];

if (!only || only === 'awareness') {
  const data = tempDataDir();
  const { url, child } = await startServerProcess(data.dir);
  try {
    const rows: AwarenessResult[] = [];
    for (const [clients, hz] of [[30, 5], [100, 5], [100, 10]] as const) rows.push(await measureAwareness(url, child.pid!, clients, hz));
    console.log('\nPresence relay: one board, every client moving its cursor (server in its own process)');
    console.log('| clients | cursor Hz | server CPU % | frames/s received per client | KiB/s per client |');
    console.log('|--------:|----------:|-------------:|-----------------------------:|-----------------:|');
    for (const r of rows) {
      console.log(`| ${String(r.clients).padStart(7)} | ${String(r.hz).padStart(9)} | ${r.serverCpuPct.toFixed(1).padStart(12)} | ${r.framesPerClientPerSec.toFixed(1).padStart(28)} | ${r.kbPerClientPerSec.toFixed(1).padStart(16)} |`);
    }
  } finally {
    child.kill('SIGTERM');
    data.remove();
  }
}
if (!only || only === 'first-load') {
  const data = tempDataDir();
  const server = await startServer(loadConfig({ PORT: '0', DATA_DIR: data.dir, LOG_LEVEL: 'silent' }), { staticDir: distDir });
  const browser = await launchChromium();
  try {
    printFirstLoad([await measureFirstLoad(browser, server, 'participant'), await measureFirstLoad(browser, server, 'facilitator')]);
  } finally {
    await browser.close();
    await server.close();
    data.remove();
  }
}
if (only && only !== 'canvas') process.exit(0);

const data = tempDataDir();
const server = await startServer(loadConfig({ PORT: '0', DATA_DIR: data.dir, LOG_LEVEL: 'silent' }), { staticDir: distDir });
const browser = await launchChromium();
try {
  const results: PanResult[] = [];
  results.push(await measurePan(browser, server, '20 notes', 20, 0));
  results.push(await measurePan(browser, server, '2,000 notes + 300 shapes', 2000, 300));
  const f = (n: number) => n.toFixed(1).padStart(7);
  console.log('\nCanvas panning in headless Chromium (1366×768), time between animation frames');
  console.log('| board                     | shapes | frames | mean ms | p50 ms | p95 ms | max ms |');
  console.log('|---------------------------|-------:|-------:|--------:|-------:|-------:|-------:|');
  for (const r of results) {
    console.log(`| ${r.label.padEnd(25)} | ${String(r.shapes).padStart(6)} | ${String(r.frames).padStart(6)} | ${f(r.meanMs)} | ${f(r.p50Ms)} | ${f(r.p95Ms)} | ${f(r.maxMs)} |`);
  }
  const [small, big] = results;
  console.log(`\nratio (2,000 vs 20), mean frame time: ${(big!.meanMs / small!.meanMs).toFixed(2)}; p95: ${(big!.p95Ms / small!.p95Ms).toFixed(2)}`);
} finally {
  await browser.close();
  await server.close();
  data.remove();
}
