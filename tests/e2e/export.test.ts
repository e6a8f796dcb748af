// End to end: the Ekspor buttons in Chromium against serve mode. The browser downloads the file as a user's
// would; the file is then read with csv-parse or our own xlsx reader and checked against plain SQL.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/export.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { parse } from 'csv-parse/sync'
import type { Workspace } from '#main/app/workspace/open.ts'
import type { Role } from '#shared/domain.ts'
import { readXlsx } from '../export/xlsx-reader.ts'
import { demoWorkspace, desk as openDesk, KUTIM, SCREENS, scratchDir } from './harness.ts'

const PERIOD = { from: '2023-01-01', to: '2026-11-30' }

let dir: string
let ws: Workspace

beforeAll(async () => {
  dir = scratchDir()
  // Big enough that an xlsx export of every complaint takes a while (the cancel test needs a running job).
  ws = await demoWorkspace({ kabupaten: KUTIM, count: 20_000, seed: 3 }, undefined, 'store.db')
}, 180_000)

async function desk(role: Role, path: string, language: 'id' | 'en' = 'id'): Promise<Page> {
  const { page, url } = await openDesk(ws, { username: `uji-${role}`, nama: `Uji ${role}`, role }, { acceptDownloads: true, language })
  await page.goto(url(path, { kab: KUTIM, dari: PERIOD.from, sampai: PERIOD.to }))
  await expect.poll(() => page.getByTestId('live-status').getAttribute('data-state')).toBe('open')
  return page
}

/** Starts the export in the open dialog and saves what the browser downloads. */
async function download(page: Page, name: string): Promise<string> {
  const downloading = page.waitForEvent('download', { timeout: 60_000 })
  await page.getByTestId('export-start').click()
  const file = join(dir, name)
  await (await downloading).saveAs(file)
  await page.getByTestId('export-done').waitFor()
  return file
}

const WITA_MS = (date: string) => Date.parse(`${date}T00:00:00+08:00`)

describe('Ekspor in the browser', () => {
  it('Antrean: exports the queue on screen, with its filters, as CSV a supervisor may read identities in', async () => {
    const kecamatan = ws.db.prepare("SELECT kecamatan_kode FROM complaint WHERE status = 'belum_terverifikasi' AND kecamatan_kode IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC").pluck().get() as string
    const page = await desk('supervisor', `/antrean/verifikasi?kec=${kecamatan}`)
    await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value')).not.toBe('')
    await page.getByTestId('export-open').click()
    const dialog = page.getByTestId('export-dialog')
    await dialog.waitFor()
    await expect.poll(() => page.getByTestId('export-privacy').textContent()).toMatch(/Identitas pelapor disertakan/)
    await page.getByTestId('export-format-csv').click()
    await page.screenshot({ path: join(SCREENS, 'export-antrean-dialog.png') })
    const file = await download(page, 'antrean.csv')
    await page.screenshot({ path: join(SCREENS, 'export-antrean-done.png') })

    const rows = parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][]
    expect(rows.pop()?.[0], 'the audit head closes the file').toMatch(/^Kepala log audit: (entri \d+ · hash [0-9a-f]{64}|log audit masih kosong)/)
    const expected = ws.db
      .prepare(
        `SELECT tracking_id FROM complaint WHERE kabupaten_kode = ? AND status = 'belum_terverifikasi' AND kecamatan_kode = ?
         AND submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at, id`,
      )
      .pluck()
      .all(KUTIM, kecamatan, WITA_MS(PERIOD.from), WITA_MS(PERIOD.to) + 86_400_000)
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected)
    expect(rows[0]).toContain('Nama pelapor')
  }, 90_000) // the first page of the file on a 20,000-complaint store, then a download: over 30 s on a loaded machine

  it('Kinerja OPD: exports the KPI tables as xlsx; a viewer gets no reporter data anywhere', async () => {
    const page = await desk('viewer', '/kinerja-opd')
    await page.locator('[data-testid="kinerja-opd"][data-state="ready"]').waitFor()
    await page.getByTestId('export-open').click()
    await page.getByTestId('export-dialog').waitFor()
    await page.screenshot({ path: join(SCREENS, 'export-kinerja-dialog.png') })
    const book = readXlsx(await download(page, 'kinerja.xlsx'))
    expect(book.sheets.map((s) => s.name)).toEqual(['Per OPD', 'Per OPD penerima pertama', 'Keterangan'])
    const total = book.sheet('Per OPD').rows[1]
    const n = ws.db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND submitted_at >= ? AND submitted_at < ?').pluck().get(KUTIM, WITA_MS(PERIOD.from), WITA_MS(PERIOD.to) + 86_400_000)
    expect(total.slice(0, 2)).toEqual(['Total', n])
  })

  it('cancels a running export from the dialog', async () => {
    const page = await desk('admin', '/antrean/semua')
    await page.getByTestId('export-open').click()
    await page.getByTestId('export-start').click()
    await page.locator('[data-testid="export-job"][data-status="running"]').waitFor()
    await page.screenshot({ path: join(SCREENS, 'export-running.png') })
    await page.getByTestId('export-cancel').click()
    await page.getByTestId('export-cancelled').waitFor({ timeout: 60_000 })
    const rows = Number(await page.getByTestId('export-job').getAttribute('data-rows'))
    expect(rows).toBeLessThan(20_000)
    await page.screenshot({ path: join(SCREENS, 'export-cancelled.png') })
  })

  it('Pengaturan: exports the monthly recap of the chosen month, in English too', async () => {
    const page = await desk('operator', '/pengaturan', 'en')
    await page.getByTestId('recap-export').waitFor()
    await page.getByTestId('recap-month').fill('2026-10')
    await page.screenshot({ path: join(SCREENS, 'export-pengaturan-en.png') })
    await page.getByTestId('recap-export-open').click()
    await expect.poll(() => page.getByTestId('export-dialog').textContent()).toMatch(/Export monthly recap — October 2026/)
    await page.screenshot({ path: join(SCREENS, 'export-recap-dialog-en.png') })
    const book = readXlsx(await download(page, 'rekap.xlsx'))
    expect(book.sheets.map((s) => s.name)).toEqual(['Rekap per OPD', 'Rekap per kategori', 'Keterangan'])
    const october = ws.db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND submitted_at >= ? AND submitted_at < ?').pluck().get(KUTIM, WITA_MS('2026-10-01'), WITA_MS('2026-11-01'))
    expect(book.sheet('Rekap per OPD').rows[1].slice(1, 3)).toEqual(['Total', october])
  })
})
