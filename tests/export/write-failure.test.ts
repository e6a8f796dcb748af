// An export whose file fails on the way (the folder chosen is gone, the disk fills, the workspace closes under
// it) ends as failed or cancelled with the reason in Indonesian, leaves no partial file, frees its place for the
// next export, and lets no error escape the job. An xlsx export to a lost folder once waited for ever, holding
// one of the two places; a CSV whose file failed while the writer rested escaped as an unhandled rejection.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { exportJobs, MAX_RUNNING, type ExportJobState } from '#main/export/jobs.ts'
import { writeDoc } from '#main/export/run.ts'
import type { Cell, ExportDoc } from '#main/export/table.ts'
import { openStore, type Db } from '#main/store/open.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { withReadPool } from '#main/app/api/read-pool.ts'
import { ensureDefaultProfiles } from '#main/users/profiles.ts'
import type { SessionUser } from '#main/users/session.ts'
import { tempDir } from '../helpers.ts'
import { seedDemo } from './seed.ts'

/** A one-sheet document of complaint numbers and titles over these rows. */
function docOf(rows: Iterable<Cell[]>, count: number): ExportDoc {
  const columns = [
    { key: 'no', header: 'No', kind: 'int' as const, width: 6 },
    { key: 'judul', header: 'Judul', kind: 'text' as const, width: 40, isFreeText: true },
  ]
  return { title: 'Uji', utcOffsetMinutes: 480, zone: 'WITA', info: [], sheets: [{ name: 'Data', columns, rows, count }] }
}

/** Rows as fast as a document can make them (an xlsx piles up work for the zip faster than it can take it). */
function fastDoc(rows: number): ExportDoc {
  return docOf(Array.from({ length: rows }, (_, i) => [i, `Lampu jalan padam, laporan nomor ${i}`]), rows)
}

/** Rows that come as slowly as from a large store on a busy disk: the writer rests between slices long before
 *  its buffers fill, so a failure of the file arrives while it rests. */
function slowDoc(rows: number): ExportDoc {
  function* slowRows(): Generator<Cell[]> {
    for (let i = 0; i < rows; i++) {
      const until = performance.now() + 0.2
      while (performance.now() < until);
      yield [i, `Jalan rusak di Desa Sangatta Utara, laporan nomor ${i}`]
    }
  }
  return docOf(slowRows(), rows)
}

// Whatever escapes a job (an unhandled rejection, an uncaught error) is caught here and fails the test.
let escaped: unknown[] = []
const onEscape = (err: unknown) => escaped.push(err)
beforeEach(() => {
  escaped = []
  process.on('unhandledRejection', onEscape)
  process.on('uncaughtExceptionMonitor', onEscape)
})
afterEach(() => {
  process.off('unhandledRejection', onEscape)
  process.off('uncaughtExceptionMonitor', onEscape)
})
/** Long enough for any late rejection of the file's stream to be reported. */
const aWhile = () => new Promise((resolve) => setTimeout(resolve, 100))

describe.each(['csv', 'xlsx'] as const)('%s', (format) => {
  it('to a disk that fills while the writer rests: fails with "disk penuh", leaves no partial file', async () => {
    const dir = tempDir()
    const file = join(dir, `rekap.${format}`)
    // The partial file is the device that is always full: writes to it fail as on a full disk.
    symlinkSync('/dev/full', `${file}.part`)
    const err = await writeDoc(slowDoc(2000), { format, delimiter: ';' }, file, { sharesThread: true }).then(
      () => null,
      (e: Error) => e,
    )
    await aWhile()
    expect(err?.message).toBe(`Berkas ekspor ${file} tidak dapat ditulis: disk penuh`)
    expect(readdirSync(dir)).toEqual([])
    expect(escaped).toEqual([])
  })

  // Ten rows end before the writer's first pause; 100,000 fill the zip's buffers long before the end.
  it.each([10, 100_000])('of %i rows to a folder that is gone: fails with the reason, does not wait for ever', async (rows) => {
    const gone = join(tempDir(), 'dicabut')
    const file = join(gone, `rekap.${format}`)
    let progress = 0
    const err = await writeDoc(fastDoc(rows), { format, delimiter: ';' }, file, { sharesThread: true, onProgress: (n) => (progress = n) }).then(
      () => null,
      (e: Error) => e,
    )
    await aWhile()
    expect(err?.message).toBe(`Berkas ekspor ${file} tidak dapat ditulis: folder ${gone} tidak ada (lagi)`)
    // Stopped at its first pause after the failure, not after working through every row for nothing.
    if (rows > 10) expect(progress).toBeLessThan(rows / 2)
    expect(escaped).toEqual([])
  })

  it("a serve-mode file, kept in the server's temporary folder, is named as the user knows it", async () => {
    const gone = join(tempDir(), 'tanggap-export-hilang')
    const err = await writeDoc(fastDoc(10), { format, delimiter: ';' }, join(gone, `0abc-rekap.${format}`), { shownAs: `rekap.${format}` }).then(
      () => null,
      (e: Error) => e,
    )
    expect(err?.message).toBe(`Berkas ekspor rekap.${format} tidak dapat ditulis di folder sementara server: folder itu tidak ada (lagi)`)
  })
})

describe('export jobs', () => {
  let db: Db
  let admin: SessionUser
  beforeAll(() => {
    // One store for both tests (the helpers' folders go after each test; the jobs open readers on it).
    const dir = mkdtempSync(join(tmpdir(), 'tanggap-export-jobs-'))
    db = openStore(join(dir, 'store.db'))
    ensureDefaultProfiles(db)
    seedDemo(db, 600)
    admin = db.prepare("SELECT id, username, nama, role FROM app_user WHERE username = 'admin'").get() as SessionUser
    return () => {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
  const queue = { kind: 'queue' as const, kabupaten: '64.08', queue: 'semua' as const, sort: 'terlama' as const }

  async function ended(id: string): Promise<ExportJobState> {
    let last: ExportJobState | undefined
    for await (const s of exportJobs(db).watch(id, admin)) last = s
    return last!
  }

  it('saved to a folder that is gone: each fails with the reason, and the places are free again', async () => {
    const gone = join(tempDir(), 'flashdisk-dicabut')
    const jobs = exportJobs(db)
    const started = (['xlsx', 'csv'] as const).map((format) => jobs.start({ user: admin, request: queue, format: { format, delimiter: ';' }, destination: join(gone, `antrean.${format}`) }))
    expect(started).toHaveLength(MAX_RUNNING)
    const states = await Promise.all(started.map((s) => ended(s.id)))
    for (const [i, format] of (['xlsx', 'csv'] as const).entries()) {
      expect(states[i]).toMatchObject({ status: 'failed', error: `Berkas ekspor ${join(gone, `antrean.${format}`)} tidak dapat ditulis: folder ${gone} tidak ada (lagi)` })
    }
    // Both places are free: a third export to a folder that exists runs to its end.
    mkdirSync(gone)
    const third = jobs.start({ user: admin, request: queue, format: { format: 'csv', delimiter: ';' }, destination: join(gone, 'antrean.csv') })
    expect(await ended(third.id)).toMatchObject({ status: 'done', rowsDone: third.rowsTotal })
    expect(readdirSync(gone)).toEqual(['antrean.csv'])
    await aWhile()
    expect(escaped).toEqual([])
  })

  it("serve mode: a temporary folder removed under it (a /tmp cleaner) is made again, and one that cannot be made is said", async () => {
    const jobs = exportJobs(db)
    const first = jobs.start({ user: admin, request: queue, format: { format: 'csv', delimiter: ';' } })
    expect(await ended(first.id)).toMatchObject({ status: 'done' })
    rmSync(dirname(jobs.download(first.id, admin)!.path), { recursive: true })
    const second = jobs.start({ user: admin, request: queue, format: { format: 'csv', delimiter: ';' } })
    expect(await ended(second.id)).toMatchObject({ status: 'done', rowsDone: second.rowsTotal })
    expect(existsSync(jobs.download(second.id, admin)!.path)).toBe(true)

    // Another connection to the store has jobs of its own, and a temporary folder still to make.
    const other = openStore(db.name)
    const tmp = process.env.TMPDIR
    process.env.TMPDIR = join(tempDir(), 'tidak-ada')
    try {
      expect(() => exportJobs(other).start({ user: admin, request: queue, format: { format: 'csv', delimiter: ';' } })).toThrow(
        `Folder sementara ekspor di server tidak dapat dibuat di ${process.env.TMPDIR} (ENOENT): periksa ruang disk dan izinnya`,
      )
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = tmp
      other.close()
    }
  })

  it('closed while its exports run: they end cancelled, the temporary folder goes after them, nothing escapes', async () => {
    const jobs = exportJobs(db)
    const started = (['xlsx', 'csv'] as const).map((format) => jobs.start({ user: admin, request: queue, format: { format, delimiter: ';' } }))
    const watching = started.map((s) => ended(s.id))
    // Closed at once, in the same turn: the files may not even be open yet.
    await jobs.close()
    for (const s of await Promise.all(watching)) expect(s.status).toBe('cancelled')
    const tmp = process.env.TMPDIR ?? '/tmp'
    const left = readdirSync(tmp).filter((d) => /^tanggap-export-[^-]+$/.test(d) && readdirSync(join(tmp, d)).some((f) => started.some((s) => f.startsWith(s.id))))
    expect(left).toEqual([])
    await aWhile()
    expect(escaped).toEqual([])
  })

  it('its workspace closed mid-export: the export ends cancelled, and whenClosed waits until the store is let go of', async () => {
    const dir = tempDir()
    const file = join(dir, 'salinan.db')
    db.pragma('wal_checkpoint(TRUNCATE)')
    copyFileSync(db.name, file)
    // Opened as the desktop opens its stores: with the read pool, whose whenClosed must wait for the exports too.
    const ws = withReadPool(openWorkspace(file), { mode: 'desktop', defaultKabupaten: null })
    const jobs = exportJobs(ws.db)
    const chosen = join(dir, 'antrean.xlsx')
    const job = jobs.start({ user: admin, request: queue, format: { format: 'xlsx', delimiter: ';' }, destination: chosen })
    ws.close()
    await ws.whenClosed()
    expect(jobs.get(job.id, admin).status).toBe('cancelled')
    expect(readdirSync(dir).filter((f) => f.startsWith('antrean'))).toEqual([])
    // The export's reader is closed too: nothing in this process holds the file any more (it may be replaced).
    const held = readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        return [readlinkSync(join('/proc/self/fd', fd))]
      } catch {
        return []
      }
    })
    expect(held.filter((f) => f.startsWith(file))).toEqual([])
    expect(escaped).toEqual([])
  })
})
