import { defineConfig } from 'vitest/config';

/**
 * Files whose checks depend on how busy the machine is (a benchmark's delivery window, an edit storm across
 * a kill -9, a ten-second PostgreSQL outage, a 30 MB upload refused while it streams) or that start a
 * heavy program of their own (Chromium for the PDF and Mermaid, LibreOffice for the CSV): they run one at a
 * time after the rest, with nothing of ours beside them, as they always have.
 */
const ALONE = [
  'test/integration/bench-load.test.ts',
  'test/integration/cluster-faults.test.ts',
  'test/integration/cluster-pg-outage.test.ts',
  'test/integration/files.test.ts',
  'test/unit/report.test.ts',
  'test/unit/report-mermaid.test.ts',
  'test/unit/csv.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit+integration',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: ALONE,
          // Vitest's default on 2 cores is one worker, so every file waited for the one before. Most of a
          // file's time is starting up or waiting (on a server's sockets, PostgreSQL, Redis, a child
          // process), and each file makes its own temp directory, free port and PostgreSQL schema: two at a
          // time is safe. VITEST_WORKERS=1 gives the old serial run.
          maxWorkers: Number(process.env.VITEST_WORKERS ?? 2),
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
