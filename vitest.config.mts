import { defineConfig } from 'vitest/config'

// Two lanes side by side on a 2-core machine: the browser tests one file at a time (each drives a Chromium and a
// server), and every other file one at a time beside them. Most files wait on I/O, a worker thread or a child
// process for much of their run, so the lanes overlap well without two Chromiums fighting for the cores.
const lanes = { browser: ['tests/e2e/**/*.test.ts'], other: ['tests/**/*.test.ts'] }

export default defineConfig({
  test: {
    maxWorkers: 2,
    // better-sqlite3 crashes worker threads at teardown; separate processes are safe.
    pool: 'forks',
    // Deadlines are computed in each kabupaten's own zone; a test must never depend on the machine's zone.
    env: { TZ: 'UTC' },
    testTimeout: 30_000,
    // A screen's code now loads on its first visit (one chunk per screen): on a loaded CI machine the first draw can
    // take more than the default second, so a polled expectation waits up to 10 s (it returns as soon as it holds).
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    server: { deps: { inline: ['trpc-electron'] } },
    // The JSON report is what .ci/run counts, so an empty or partial run cannot look green.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-report.json' }]],
    projects: [
      { extends: true, test: { name: 'browser', include: lanes.browser, maxWorkers: 1 } },
      { extends: true, test: { name: 'other', include: lanes.other, exclude: lanes.browser, maxWorkers: 1 } },
    ],
  },
})
