import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

// Two files at a time on a 2-core machine: most files wait on I/O, worker threads, child processes or a browser
// for much of their run. The order keeps about one browser file (a Chromium and a server each) beside the other
// files rather than two browsers at once: the two lists are merged by their expected time (a browser file takes
// about three and a half times an average other file), each list longest first as vitest orders it.
const BROWSER_FILE_WEIGHT = 3.5

class Lanes extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const isBrowser = (f: TestSpecification) => /[\\/]tests[\\/]e2e[\\/]/.test(f.moduleId)
    const browser = sorted.filter(isBrowser)
    const other = sorted.filter((f) => !isBrowser(f))
    const merged: TestSpecification[] = []
    let browserTime = 0
    let otherTime = 0
    while (browser.length || other.length) {
      if (browser.length && (browserTime <= otherTime || !other.length)) {
        merged.push(browser.shift()!)
        browserTime += BROWSER_FILE_WEIGHT
      } else {
        merged.push(other.shift()!)
        otherTime += 1
      }
    }
    return merged
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    maxWorkers: 2,
    sequence: { sequencer: Lanes },
    // better-sqlite3 crashes worker threads at teardown; separate processes are safe.
    pool: 'forks',
    // Deadlines are computed in each kabupaten's own zone; a test must never depend on the machine's zone.
    env: { TZ: 'UTC' },
    // A browser test's first step may build its demo store (generated, indexed, its routing model trained: seconds
    // on a busy machine) before the store is shared by the tests after it.
    testTimeout: 60_000,
    // A screen's code now loads on its first visit (one chunk per screen): on a loaded CI machine the first draw can
    // take more than the default second, so a polled expectation waits up to 10 s (it returns as soon as it holds).
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    server: { deps: { inline: ['trpc-electron'] } },
    // The JSON report is what .ci/run counts, so an empty or partial run cannot look green.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-report.json' }]],
  },
})
