// A run of the CLI beside a running app (sync/beside.ts): alone it takes its long slices back to back; once another
// connection commits to the store (the app's writers, its background work), it takes short slices and rests after
// them for a while, so that the app's writers — waiting for the lock on the app's thread — find it free.
import { describe, expect, it } from 'vitest'
import { openStore } from '#main/store/open.ts'
import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { COMPANY_MS, COMPANY_SLICE_MS, appOpen, othersWriting, registerAppPresence, sliceBudget } from '#main/sync/beside.ts'
import { startBackgroundWork } from '#main/app/workspace/background.ts'
import { createChangeBus } from '#main/live/bus.ts'
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

  // Alone, a CLI run stores a page in one transaction (ALONE_SLICE_MS); while an app has the store open, its 150 ms
  // slices. The app says so with a row while its background work runs.
  it('knows whether an app has the store open, from the row its background work keeps', () => {
    const { db: cli, file } = tempStore()
    const app = openStore(file)
    try {
      expect(appOpen(cli)).toBe(false)
      const stop = startBackgroundWork(app, createChangeBus(), {
        routingUpkeep: false,
        backups: false,
        reminders: false,
        serupaBackfill: false,
        termsBuild: false,
        isuBaseline: false,
      })
      expect(appOpen(cli)).toBe(true)
      stop()
      expect(appOpen(cli)).toBe(false)
      expect(cli.prepare("SELECT count(*) FROM setting WHERE key LIKE 'app.open.%'").pluck().get()).toBe(0)

      // A killed app's row (its process is gone) does not count, and the next app to start removes it.
      const gone = spawnSync(process.execPath, ['-e', '']).pid
      cli.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(`app.open.${hostname()}.${gone}`, '2026-12-05T00:00:00Z')
      expect(appOpen(cli)).toBe(false)
      const remove = registerAppPresence(app)
      expect(cli.prepare("SELECT key FROM setting WHERE key LIKE 'app.open.%'").pluck().all()).toEqual([`app.open.${hostname()}.${process.pid}`])
      remove()
      // An app on another machine (a store on a shared folder) cannot be checked here: it counts.
      cli.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('app.open.pc-dinas.kutim.go.id.4242', '2026-12-05T00:00:00Z')
      expect(appOpen(cli)).toBe(true)
    } finally {
      app.close()
    }
  })
})
