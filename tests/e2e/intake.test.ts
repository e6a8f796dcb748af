// End to end: "Pengaduan baru" in Chromium against serve mode. An operator opens it from the queue, is told what
// is missing, fills it in and gets a number to give the caller; the complaint is in the store as entered, with
// the reporter apart. A viewer sees no button and is refused at the address.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/intake.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import type { Role } from '#shared/domain.ts'
import { emptyWorkspace, openPage, profile, SCREENS, serve, VIEWPORT } from './harness.ts'

let ws: Workspace

beforeAll(() => {
  // Demo data up to now (not cached: the intake form works on today's clock).
  ws = emptyWorkspace('intake.db')
  generateDemo(ws.db, { kabupaten: '64.08', count: 400, seed: 3, until: new Date() })
  profile(ws, { username: 'rina', nama: 'Rina (operator)', role: 'operator' })
  profile(ws, { username: 'dinding', nama: 'Layar dinding', role: 'viewer' })
})

async function open(username: string, path: string, viewport = VIEWPORT): Promise<Page> {
  const server = await serve(ws, username, { defaultKabupaten: undefined })
  const page = await openPage({ viewport })
  await page.goto(`${server.url}${path}`)
  return page
}

const role = (r: Role) => (r === 'operator' ? 'rina' : 'dinding')

describe('Pengaduan baru', () => {
  it('lets an operator record a WhatsApp complaint from the queue and shows the number to tell the caller', async () => {
    const page = await open(role('operator'), '/antrean/verifikasi?kab=64.08')
    await page.getByTestId('new-complaint').click()
    await page.getByTestId('intake-screen').waitFor()
    expect(new URL(page.url()).pathname).toBe('/antrean/baru')
    await page.screenshot({ path: join(SCREENS, 'intake-empty-1920.png') })

    // Sending an empty form says what is missing, beside each field, and sends nothing.
    await page.getByTestId('intake-submit').click()
    await page.getByTestId('intake-invalid').waitFor()
    expect(await page.getByTestId('error-via').textContent()).toBe('pilih cara pengaduan diterima')
    expect(await page.getByTestId('error-judul').textContent()).toBe('judul minimal 5 huruf')

    await page.getByTestId('via-whatsapp').click()
    await page.getByTestId('intake-judul').fill('Lampu jalan mati di Jl. Pendidikan')
    await page.getByTestId('intake-isi').fill('Sudah seminggu lampu jalan di depan SD 003 mati, jalan gelap dan rawan kecelakaan.')
    await page.getByTestId('intake-kategori').selectOption({ label: 'Penerangan Jalan Umum' })
    await page.getByTestId('intake-kecamatan').selectOption({ label: 'Sangatta Utara' })
    await page.getByTestId('intake-desa').selectOption({ label: 'Teluk Lingga' })
    await page.getByTestId('intake-nama').fill('Rahmat Hidayat')
    await page.getByTestId('intake-nik').fill('12345')
    await page.getByTestId('intake-submit').click()
    expect(await page.getByTestId('error-nik').textContent()).toBe('NIK harus 16 angka')
    await page.getByTestId('intake-nik').fill('6408 0112 0490 0002')
    await page.getByTestId('intake-phone').fill('0812 3456 7890')
    expect(await page.getByTestId('intake-invalid').count()).toBe(0) // every marked field was corrected
    await page.screenshot({ path: join(SCREENS, 'intake-form-1920.png') })
    await page.getByTestId('intake-submit').click()

    const tracking = await page.getByTestId('intake-tracking').textContent()
    expect(tracking).toMatch(/^LOK-6408-\d{4}-00001$/)
    await page.screenshot({ path: join(SCREENS, 'intake-done-1920.png') })
    const row = ws.db
      .prepare('SELECT c.id, c.channel, c.status, c.kecamatan_kode, c.desa_kode, g.kode AS kategori, i.via FROM complaint c JOIN complaint_intake i ON i.complaint_id = c.id LEFT JOIN category g ON g.id = c.category_id WHERE c.tracking_id = ?')
      .get(tracking) as Record<string, unknown>
    expect(row).toMatchObject({ channel: 'whatsapp_pemda', status: 'belum_terverifikasi', kecamatan_kode: '64.08.04', desa_kode: '64.08.04.1010', kategori: 'pju', via: 'whatsapp' })
    expect(ws.db.prepare('SELECT nama, nik FROM reporter WHERE complaint_id = ?').get(row.id)).toEqual({ nama: 'Rahmat Hidayat', nik: '6408011204900002' })

    // From the confirmation straight to the complaint in the verification queue.
    await page.getByTestId('intake-open').click()
    await page.waitForURL(/\/antrean\/verifikasi\?.*id=/)
    expect(new URL(page.url()).searchParams.get('id')).toBe(String(row.id))
  })

  it('shows a viewer no button and refuses the form at its address', async () => {
    const page = await open(role('viewer'), '/antrean/verifikasi?kab=64.08')
    await page.getByTestId('queue-search').waitFor()
    expect(await page.getByTestId('new-complaint').count()).toBe(0)
    await page.goto(page.url().replace('/antrean/verifikasi', '/antrean/baru'))
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toMatch(/operator atau lebih tinggi/)
  })

  it('reads across the room on a 4K wall', async () => {
    const page = await open(role('operator'), '/antrean/baru?kab=64.08', { width: 3840, height: 2160 })
    await page.getByTestId('intake-screen').waitFor()
    // The time received defaults to now on the kabupaten's clock (WITA), whatever zone the browser is in.
    const wita = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16)
    await expect.poll(() => page.getByTestId('intake-received').inputValue()).toBeOneOf([wita(Date.now()), wita(Date.now() - 60_000)])
    await page.screenshot({ path: join(SCREENS, 'intake-form-3840.png') })
  })
})
