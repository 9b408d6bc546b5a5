import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/helpers/chromium';

/**
 * End-to-end tests against the real server (built client served from dist/, which `npm run test:e2e`
 * builds first). The server gets a free fixed port and a fresh data directory per run.
 * Set E2E_BASE_URL to run the specs against a server you started yourself.
 */
const PORT = Number(process.env.E2E_PORT ?? 8790);
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${PORT}`;

// Workers load this file too: compute the directory once, in the runner, and hand it down by env.
process.env.TB_E2E_DATA_DIR ??= `.tmp/e2e-data-${process.pid}`;
const dataDir = process.env.TB_E2E_DATA_DIR;
if (!process.env.TEST_WORKER_INDEX && !external) {
  // Start from nothing, and clear what earlier runs left behind.
  let old: string[] = [];
  try {
    old = readdirSync('.tmp').filter((d) => /^e2e-(data|restart)-\d+$/.test(d));
  } catch {
    /* no .tmp yet */
  }
  for (const d of old) rmSync(`.tmp/${d}`, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}

// Chromium without the omnibox's web UI, which it otherwise builds for every new context's window, on the
// cores the tests share (test/helpers/chromium.ts, BROWSER_UI_FEATURES). The flag must carry Playwright's
// own list, read by launching Chromium once: in the runner, handed down by env.
if (process.env.TB_CHROMIUM_FEATURES === undefined) {
  try {
    process.env.TB_CHROMIUM_FEATURES = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/chromium-features-flag.ts'], { encoding: 'utf8', timeout: 60_000 }).trim();
  } catch (err) {
    console.warn(`Chromium keeps its omnibox UI in these tests: ${err instanceof Error ? err.message : String(err)}`);
    process.env.TB_CHROMIUM_FEATURES = '';
  }
}
const chromiumArgs = process.env.TB_CHROMIUM_FEATURES ? [...CHROMIUM_ARGS, process.env.TB_CHROMIUM_FEATURES] : CHROMIUM_ARGS;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  // Two browsers at a time, test by test: every test makes its own boards and contexts on the one server
  // (rate limits lifted below), and the specs that stop a server (reconnect, admin-key) stop their own
  // ServerProcess on its own port, never this one. Much of a test's time is waiting on sockets and polls,
  // which a second worker overlaps. E2E_WORKERS=1 runs them one at a time, as before.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // Files spread over the workers; the tests of one file run in order in one worker (several share a board).
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 150_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    viewport: { width: 1366, height: 768 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs },
    // Recording a trace (DOM snapshots and a screencast of every page) costs CPU in every test. Under CI,
    // where a failing test is retried once, record it for that retry only; locally keep it for failures.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium' }],
  webServer: external
    ? undefined
    : {
        command: 'npx tsx server/main.ts',
        // The suite creates many boards from one address within a minute: lift the per-address limits.
        env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', RATE_CREATE_PER_MIN: '10000', RATE_JOIN_PER_MIN: '10000', RATE_IMPORT_PER_MIN: '10000', RATE_SHAPES_PER_MIN: '10000' },
        url: `${baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
