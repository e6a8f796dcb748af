import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
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
  },
})
