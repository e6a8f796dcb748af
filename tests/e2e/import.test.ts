// End to end: Impor berkas in Chromium against serve mode, with real .xlsx/.csv files picked through the file
// input. An operator checks a LAPOR! export in a dry run and reads the per-row problems; a supervisor imports
// it; an unknown layout is mapped from the proposed mapping, saved and used. The store is checked with SQL.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/import.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { LAPOR_HEADERS, laporRow, wall, writeCsv, writeXlsx } from '../import/files.ts'
import { emptyWorkspace, openPage, profile, SCREENS, scratchDir, serve } from './harness.ts'

/** Where the Sinkronisasi screen mounts the import panel. */
const IMPORT_PATH = '/sinkronisasi/impor?kab=64.08'

let ws: Workspace
let dir: string

beforeAll(() => {
  // One store for the whole file.
  dir = scratchDir()
  ws = emptyWorkspace('import.db')
  seedKabupaten(ws.db, '64.08')
  profile(ws, { username: 'rina', nama: 'Rina (operator)', role: 'operator' })
  profile(ws, { username: 'budi', nama: 'Budi (supervisor)', role: 'supervisor' })
})

async function open(username: string): Promise<Page> {
  const server = await serve(ws, username, { defaultKabupaten: undefined })
  const page = await openPage()
  await page.goto(`${server.url}${IMPORT_PATH}`)
  await page.getByTestId('import-panel').waitFor()
  return page
}

async function laporExport(): Promise<string> {
  const rows = [
    laporRow(1, { id: '1916449', tanggal: wall(2026, 11, 2, 9, 15), instansi: 'Dinas Kesehatan', kecamatan: 'Kec. Sangatta Utara', status: 'Proses', disposisi: wall(2026, 11, 3, 10) }),
    laporRow(2, { id: '1916450', tanggal: '31/11/2026 08:00', status: 'Proses' }),
    laporRow(3, { id: '1916451', tanggal: '4 Nov 2026', status: 'Sudah beres kok' }),
    laporRow(4, { id: '1916452', tanggal: '05/11/2026 10:00', status: 'Belum Terverifikasi', kecamatan: 'Antah Berantah' }),
    laporRow(5, { id: '1916453', tanggal: '06/11/2026 11:30', status: 'Selesai', anonim: 'Ya', selesai: '07/11/2026 09:00' }),
  ]
  return writeXlsx(dir, 'daftar-laporan-november.xlsx', { headers: LAPOR_HEADERS, rows })
}

const count = (n: string) => async (page: Page) => Number(await page.getByTestId(`import-count-${n}`).getAttribute('data-value'))

describe('Impor berkas', () => {
  it('lets an operator dry-run a LAPOR! export and read why rows are rejected, but not import it', async () => {
    const file = await laporExport()
    const page = await open('rina')
    await page.getByTestId('import-file').setInputFiles(file)
    await page.getByTestId('import-detected').waitFor()
    expect(await page.getByTestId('import-detected').textContent()).toMatch(/LAPOR! — Daftar Laporan/)
    await page.getByTestId('import-dry-run').click()
    await page.getByTestId('import-report').waitFor()
    expect(await count('read')(page)).toBe(5)
    expect(await count('accepted')(page)).toBe(3)
    expect(await count('rejected')(page)).toBe(2)
    const rows = await page.getByTestId('import-issues').locator('tbody tr').allTextContents()
    expect(rows[0]).toMatch(/^3Tanggal Laporan31\/11\/2026 08:00DITOLAK tanggal 31\/11\/2026 tidak ada/)
    expect(rows[1]).toMatch(/^4Status.*status "Sudah beres kok" tidak dikenal/)
    expect(rows[2]).toMatch(/^5Kecamatan.*PERINGATAN/)
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true)
    expect(await page.locator('.impor-first tbody tr').nth(1).textContent()).toContain('02/11/2026 09:15') // a date cell as the sheet shows it
    await page.screenshot({ path: join(SCREENS, 'import-dry-run-1920.png') })
    await page.getByTestId('import-report').screenshot({ path: join(SCREENS, 'import-dry-run-report.png') })
    expect(ws.db.prepare('SELECT count(*) FROM complaint').pluck().get()).toBe(0)
  })

  it('lets a supervisor import it; the same file again changes nothing', async () => {
    const file = await laporExport()
    const page = await open('budi')
    for (const expected of [{ inserted: 3, unchanged: 0 }, { inserted: 0, unchanged: 3 }]) {
      await page.getByTestId('import-file').setInputFiles(file)
      await page.getByTestId('import-detected').waitFor()
      await page.getByTestId('import-dry-run').click()
      await page.getByTestId('import-report').waitFor()
      await page.getByTestId('import-commit').click()
      await page.getByText(/Tersimpan ke sumber berkas-6408/).waitFor()
      expect(await count('inserted')(page)).toBe(expected.inserted)
      expect(await count('unchanged')(page)).toBe(expected.unchanged)
    }
    expect(ws.db.prepare("SELECT count(*) FROM complaint WHERE source = 'berkas-6408'").pluck().get()).toBe(3)
    await page.getByTestId('import-history').getByText('daftar-laporan-november.xlsx').first().waitFor()
    expect(await page.getByTestId('import-history').locator('tbody tr').count()).toBe(2)
    await page.getByTestId('import-report').screenshot({ path: join(SCREENS, 'import-done-report.png') })
  })

  it('maps an unknown layout from the proposed mapping, saves it, and imports with it', async () => {
    const file = writeCsv(dir, 'log-wa.csv', {
      headers: ['Tiket', 'Waktu', 'Keluhan', 'Kondisi', 'Wilayah'],
      rows: [
        ['WA-001', '05/11/2026 09:00', 'Air PDAM tidak mengalir tiga hari', 'Sdh TL', 'Sangatta Utara'],
        ['WA-002', '06/11/2026 10:00', 'Jalan berlubang di depan pasar', 'baru', 'Bengalon'],
      ],
    })
    const page = await open('budi')
    await page.getByTestId('import-file').setInputFiles(file)
    await page.getByTestId('import-layout-problem').waitFor()
    await page.getByTestId('import-use-suggestion').click()
    await page.getByTestId('mapping-editor').waitFor()
    await page.getByTestId('map-tracking_id').selectOption('Tiket')
    await page.getByTestId('map-submitted_at').selectOption('Waktu')
    await page.getByTestId('map-isi').selectOption('Keluhan')
    await page.getByTestId('map-status').selectOption('Kondisi')
    await page.getByTestId('map-kecamatan').selectOption('Wilayah')
    await page.getByTestId('map-default-channel').selectOption('whatsapp_pemda')
    await page.getByTestId('map-words').fill('Sdh TL = proses')
    await page.getByTestId('mapping-editor').screenshot({ path: join(SCREENS, 'import-mapping.png') })
    await page.getByTestId('map-name').fill('log-whatsapp')
    await page.getByTestId('map-save').click()
    await expect.poll(() => page.getByTestId('import-layout').inputValue()).toBe('saved:log-whatsapp')
    await page.getByTestId('import-dry-run').click()
    await page.getByTestId('import-report').waitFor()
    expect(await count('accepted')(page)).toBe(2)
    await page.getByTestId('import-commit').click()
    await page.getByText(/Tersimpan ke sumber/).waitFor()
    expect(ws.db.prepare("SELECT tracking_id, status, channel FROM complaint WHERE tracking_id LIKE 'WA-%' ORDER BY 1").all()).toEqual([
      { tracking_id: 'WA-001', status: 'proses', channel: 'whatsapp_pemda' },
      { tracking_id: 'WA-002', status: 'belum_terverifikasi', channel: 'whatsapp_pemda' },
    ])
  })
})
