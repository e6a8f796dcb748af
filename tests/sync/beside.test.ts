// A run of the CLI beside a running app (sync/beside.ts): alone it takes its long slices back to back; once another
// connection commits to the store (the app's writers, its background work), it takes short slices and rests after
// them for a while, so that the app's writers — waiting for the lock on the app's thread — find it free.
import { describe, expect, it } from 'vitest'
import { openStore } from '#main/store/open.ts'
import { COMPANY_MS, COMPANY_SLICE_MS, othersWriting, sliceBudget } from '#main/sync/beside.ts'
import { CLI_SLICE_MS } from '#main/sync/engine.ts'
import { tempStore } from '../helpers.ts'

describe('a CLI sync beside another writer', () => {
  it('keeps its long slices alone, and short ones with rests for a while after another connection commits', () => {
    const { db: cli, file } = tempStore()
    const app = openStore(file)
    try {
      const t = Date.now()
      expect(othersWriting(cli, t)).toBe(false)
      expect(sliceBudget(cli, CLI_SLICE_MS, false)).toBe(CLI_SLICE_MS)
      // Its own commits are not company.
      cli.prepare("INSERT INTO setting (key, value) VALUES ('uji.cli', '1')").run()
      expect(othersWriting(cli, t)).toBe(false)
      // The app writes.
      app.prepare("INSERT INTO setting (key, value) VALUES ('uji.app', '1')").run()
      expect(othersWriting(cli, t)).toBe(true)
      expect(sliceBudget(cli, CLI_SLICE_MS, false)).toBe(COMPANY_SLICE_MS)
      // The app's own work keeps its budget either way.
      expect(sliceBudget(cli, 25, true)).toBe(25)
      // Quiet again for COMPANY_MS: back to full speed.
      expect(othersWriting(cli, t + COMPANY_MS - 1)).toBe(true)
      expect(othersWriting(cli, t + COMPANY_MS + 1_000)).toBe(false)
    } finally {
      app.close()
    }
  })
})
