// A first load from the CLI builds the secondary indexes of the complaints, their deadline rows and history once at
// its end (sync/first-load.ts, store/deferred-indexes.ts). What a user would notice if it went wrong: a queue that fails
// ("no such index": the queues name indexes with INDEXED BY) or crawls after a load, a load beside an open app that
// takes its indexes away, or a store left without them after the loader was killed.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Db } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { importFile } from '#main/import/run.ts'
import { runSync } from '#main/sync/engine.ts'
import { registerAppPresence } from '#main/sync/beside.ts'
import { putIndexesBack, setIndexesAside } from '#main/store/deferred-indexes.ts'
import { queueCounts } from '#main/queue/queries.ts'
import { writeExportCsv } from '#main/dev/bench/import.ts'
import type { RunningSimulator } from '#main/dev/simulator/server.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { FAST, KAB, simulator, storeFor } from './sim.ts'

const ROOT = join(import.meta.dirname, '..', '..')

/** The indexes of the complaints, their deadline rows and their history by name, with the SQL that made them. */
const indexesOf = (db: Db) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('complaint', 'complaint_sla', 'complaint_event') ORDER BY name").all() as { name: string; sql: string | null }[]
const asideCount = (db: Db) => db.prepare('SELECT count(*) FROM deferred_index').pluck().get() as number

let fresh: { name: string; sql: string | null }[]
let csv: string
beforeAll(async () => {
  const { db } = tempStore()
  fresh = indexesOf(db)
  // Its own folder: tempDir's go after each test.
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-first-load-'))
  csv = join(dir, 'daftar-laporan.csv')
  await writeExportCsv(csv, 2_500)
  return () => rmSync(dir, { recursive: true, force: true })
})

/** A CLI import of the export (2,500 rows), told after each batch. */
const importAsCli = (db: Db, onBatch: () => void, batchSize?: number) =>
  importFile(db, {
    kabupaten: KAB,
    name: 'daftar-laporan.csv',
    input: { path: csv },
    user: upsertProfile(db, 'admin', 'Admin', 'admin'),
    trigger: 'cli',
    batchSize,
    onProgress: onBatch,
  })

/** A CLI import of the export, noting the indexes of the three tables after its first batch of 2,000 rows. */
async function importWatching(db: Db): Promise<{ during: number; asideDuring: number; stored: number }> {
  let during = -1
  let asideDuring = -1
  const report = await importAsCli(db, () => {
    if (during >= 0) return
    during = indexesOf(db).length
    asideDuring = asideCount(db)
  })
  return { during, asideDuring, stored: report.stored.inserted }
}

describe('a first load from the CLI', () => {
  it('imports into an empty store without the secondary indexes, and ends with every one of them back', async () => {
    const { db } = tempStore()
    seedKabupaten(db, KAB)
    const seen = await importWatching(db)
    expect(seen.stored).toBe(2_500)
    // 18 secondary indexes set aside (12 of complaint, 4 of complaint_sla, 2 of complaint_event), only the UNIQUE
    // ones kept meanwhile.
    expect(fresh.filter((i) => i.sql !== null).length).toBe(18)
    expect(seen.during).toBe(fresh.filter((i) => i.sql === null).length)
    expect(seen.asideDuring).toBe(fresh.filter((i) => i.sql !== null).length)
    // Back exactly as the migrations made them, and the queues that name them answer.
    expect(indexesOf(db)).toEqual(fresh)
    expect(asideCount(db)).toBe(0)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    const counts = queueCounts(db, KAB, Date.now())
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
  })

  it('keeps them while an app has the store open, or when the store already holds complaints', async () => {
    const beside = tempStore()
    seedKabupaten(beside.db, KAB)
    const gone = registerAppPresence(beside.db)
    expect((await importWatching(beside.db)).during).toBe(fresh.length)
    gone()

    const second = tempStore()
    seedKabupaten(second.db, KAB)
    await importWatching(second.db)
    // A second file into the same store (now holding complaints): imported with the indexes in place.
    const again = await importWatching(second.db)
    expect(again.during).toBe(fresh.length)
    expect(indexesOf(second.db)).toEqual(fresh)
  })

  it('puts them back as soon as another connection writes beside an import', async () => {
    const { db, file } = tempStore()
    seedKabupaten(db, KAB)
    const other = openStore(file)
    const during: number[] = []
    let gone = () => {}
    const report = await importAsCli(
      db,
      () => {
        during.push(indexesOf(db).length)
        // An app that had opened the store before the import began says it is there.
        if (during.length === 1) gone = registerAppPresence(other)
      },
      500,
    )
    gone()
    other.close()
    expect(report.stored.inserted).toBe(2_500)
    expect(during[0]).toBeLessThan(fresh.length)
    // Back from the next batch on, not only at the end.
    expect(during.slice(1)).toEqual([fresh.length, fresh.length, fresh.length, fresh.length])
    expect(asideCount(db)).toBe(0)
  })

  describe('syncing', () => {
    let sim: RunningSimulator
    beforeAll(async () => {
      sim = await simulator(1_200)
    })
    afterAll(() => sim?.close())

    it('syncs into an empty store without them, and puts them back before the end of the load reads the table', async () => {
      const { db } = storeFor(sim, { pageSize: 200 })
      const during: number[] = []
      const r = await runSync(db, 'lapor', { trigger: 'cli', policy: FAST, onProgress: (p) => p.phase === 'pull' && p.pages > 0 && during.push(indexesOf(db).length) })
      expect(r.status).toBe('ok')
      expect(r.fetched).toBe(1_200)
      expect(Math.max(...during)).toBeLessThan(fresh.length)
      expect(indexesOf(db)).toEqual(fresh)
      expect(asideCount(db)).toBe(0)
      db.close()
    })

    it('puts them back as soon as another connection writes beside the load', async () => {
      const { db, file } = storeFor(sim, { pageSize: 200 })
      const other = openStore(file)
      const during: number[] = []
      let gone = () => {}
      const r = await runSync(db, 'lapor', {
        trigger: 'cli',
        policy: FAST,
        groupMs: 0,
        onProgress: (p) => {
          if (p.phase !== 'pull' || p.pages === 0) return
          during.push(indexesOf(db).length)
          // An app that had opened the store before the load began says it is there.
          if (p.pages === 2) gone = registerAppPresence(other)
        },
      })
      gone()
      other.close()
      expect(r.status).toBe('ok')
      expect(during[0]).toBeLessThan(fresh.length)
      // Back before the last page, not only at the end.
      expect(during.at(-1)).toBe(fresh.length)
      expect(asideCount(db)).toBe(0)
      db.close()
    })

    it('puts them back when the run is stopped part-way', async () => {
      const { db } = storeFor(sim, { pageSize: 200 })
      const stop = new AbortController()
      let during = -1
      const r = await runSync(db, 'lapor', {
        trigger: 'cli',
        policy: FAST,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.phase !== 'pull' || p.pages !== 2) return
          during = indexesOf(db).length
          stop.abort()
        },
      })
      expect(r.status).toBe('cancelled')
      expect(r.fetched).toBe(400)
      expect(during).toBeLessThan(fresh.length)
      expect(indexesOf(db)).toEqual(fresh)
      expect(asideCount(db)).toBe(0)
      db.close()
    })
  })
})

describe('indexes set aside by a loader', () => {
  it('are built again by the next process that opens the store when the loader was killed', () => {
    const { db, file } = tempStore()
    seedKabupaten(db, KAB)
    db.close()
    // A real loader process: sets them aside and dies by SIGKILL, as kill -9 in the middle of a load leaves them.
    const script = join(tempDir(), 'loader.mjs')
    writeFileSync(
      script,
      `const { openStore } = await import(${JSON.stringify(join(ROOT, 'src/main/store/open.ts'))})
const { setIndexesAside } = await import(${JSON.stringify(join(ROOT, 'src/main/store/deferred-indexes.ts'))})
const db = openStore(${JSON.stringify(file)})
console.log(setIndexesAside(db))
process.kill(process.pid, 'SIGKILL')
`,
    )
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
    expect(child.signal, child.stderr).toBe('SIGKILL')
    expect(Number(child.stdout.trim())).toBe(fresh.filter((i) => i.sql !== null).length)

    const after = openStore(file)
    try {
      expect(indexesOf(after)).toEqual(fresh)
      expect(asideCount(after)).toBe(0)
      expect(() => queueCounts(after, KAB, Date.now())).not.toThrow()
    } finally {
      after.close()
    }
  })

  it('stay aside for the loader\'s own second connection (its worker threads), until the loader puts them back', () => {
    const { db, file } = tempStore()
    seedKabupaten(db, KAB)
    expect(setIndexesAside(db)).toBeGreaterThan(10)
    const second = openStore(file)
    try {
      expect(indexesOf(second).length).toBeLessThan(fresh.length)
      // Meanwhile a queue that names a set-aside index cannot answer: why another process builds them first.
      expect(() => queueCounts(second, KAB, Date.now())).toThrow(/no such index/)
    } finally {
      second.close()
    }
    putIndexesBack(db)
    expect(indexesOf(db)).toEqual(fresh)
    expect(asideCount(db)).toBe(0)
  })
})
