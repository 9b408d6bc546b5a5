import { defineConfig } from 'vitest/config';

/**
 * The fuzz and regression tests of issue 8, each against a server in a child process (so a crash shows as
 * a dead process, not a dead test runner), one file at a time. `npm test` runs them with fixed seeds
 * (`npm run test:fuzz`: named seeds, one more document seed, 5,000 frames); `npm run fuzz` runs many
 * seeds (FUZZ_SEEDS) and the full 100,000 frames.
 */
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    // Like Playwright's: under CI one retry, so a check that timed out on a starved machine is tried again;
    // a seed that really breaks the server fails both times.
    retry: process.env.CI ? 1 : 0,
  },
});
