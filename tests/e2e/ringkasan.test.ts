// End to end: the built renderer in a real Chromium, against serve mode on a real store with demo data.
// The numbers on screen are checked against plain SQL on the same store, not against the API, so a wrong
// query and a wrong screen are both caught.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e`.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { kpiFor } from '#main/kpi/service.ts'
import { queuePage } from '#main/queue/queries.ts'
import type { Db } from '#main/store/open.ts'
import { allowPageErrors, demoWorkspace, desk, refusedWith, SCREENS, serve } from './harness.ts'

const KUTIM = { kode: '64.08', utc: '+08:00' } // WITA
const NATUNA = { kode: '21.03', utc: '+07:00' } // WIB
// A period inside the demo data, so every run sees the same numbers.
const PERIOD = { from: '2026-03-01', to: '2026-10-31' }

/** A store with demo data for both kabupaten, served as a wall screen's viewer profile, and a page on it. */
async function startWall() {
  const ws = await demoWorkspace([
    { kabupaten: KUTIM.kode, count: 3000, seed: 7 },
    { kabupaten: NATUNA.kode, count: 600, seed: 8 },
  ])
  const d = await desk(ws, 'viewer')
  return { ...d, ws, port: Number(new URL(d.server.url).port) }
}

function ringkasanUrl(server: { url: string }, kab: string, period = PERIOD): string {
  return `${server.url}/?kab=${kab}&dari=${period.from}&sampai=${period.to}`
}

/** What Ringkasan must show, computed here with plain SQL over local dates of the kabupaten. */
function expected(db: Db, kab: { kode: string; utc: string }, period = PERIOD) {
  const from = Date.parse(`${period.from}T00:00:00${kab.utc}`)
  const to = Date.parse(`${period.to}T00:00:00${kab.utc}`) + 86_400_000
  const count = (where: string, params: unknown[] = []) =>
    db.prepare(`SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND ${where}`).pluck().get(kab.kode, ...params) as number
  return {
    masuk: count('submitted_at >= ? AND submitted_at < ?', [from, to]),
    selesai: count("submitted_at >= ? AND submitted_at < ? AND status = 'selesai'", [from, to]),
    terbuka: count("status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses')"),
    belumTerverifikasi: count("status = 'belum_terverifikasi'"),
  }
}

/** Reads a KPI from the screen: the raw value, after checking it is also shown in Indonesian format. */
async function kpi(page: Page, id: string): Promise<number> {
  const el = page.getByTestId(id)
  const raw = await el.getAttribute('data-value')
  const text = (await el.textContent())?.trim() ?? ''
  expect(text).toBe(new Intl.NumberFormat('id-ID').format(Number(raw)))
  return Number(raw)
}

async function screenNumbers(page: Page) {
  return {
    masuk: await kpi(page, 'kpi-masuk'),
    selesai: await kpi(page, 'kpi-selesai'),
    terbuka: await kpi(page, 'kpi-terbuka'),
    belumTerverifikasi: await kpi(page, 'kpi-belum-terverifikasi'),
  }
}

async function waitForRingkasan(page: Page, kab: string) {
  await page.locator(`[data-testid="ringkasan"][data-kabupaten="${kab}"]`).waitFor()
  await expect.poll(() => page.getByTestId('kpi-masuk').getAttribute('data-value')).not.toBe('')
  await expect.poll(() => page.getByTestId('live-status').getAttribute('data-state')).toBe('open')
}

/** New complaints arriving in the store (as a sync run would write them), announced on the workspace bus. */
function arrive(ws: Workspace, rows: { tracking: string; judul: string; isRahasia?: boolean }[]) {
  const submitted = Date.parse(`${PERIOD.to}T10:00:00${KUTIM.utc}`)
  const insert = ws.db.prepare(
    `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw,
       is_rahasia, submitted_at, updated_at)
     VALUES (?, 'e2e', ?, ?, 'Isi laporan uji', 'pengaduan', 'sms_1708', 'belum_terverifikasi', 'Belum Terverifikasi', ?, ?, ?)`,
  )
  // Newer than anything in the store, whatever the machine's clock says about the fixed demo dates.
  const newest = ws.db.prepare('SELECT max(updated_at) FROM complaint').pluck().get() as number
  const now = Math.max(Date.now(), newest + 1000)
  ws.db.transaction(() => {
    const ids = rows.map((r, i) => Number(insert.run(KUTIM.kode, r.tracking, r.judul, r.isRahasia ? 1 : 0, submitted, now + i).lastInsertRowid))
    refreshComplaints(ws.db, KUTIM.kode, ids)
  })()
  ws.bus.emit({ kabupaten: KUTIM.kode, kind: 'complaints', at: now, count: rows.length })
}

describe('Ringkasan on a wall screen (serve mode, Chromium)', () => {
  it('shows the store numbers for the period in the URL and follows live changes without a reload', async () => {
    const { ws, server, page } = await startWall()
    await page.goto(ringkasanUrl(server, KUTIM.kode))
    await waitForRingkasan(page, KUTIM.kode)
    expect(await page.getByTestId('period-range').getAttribute('data-from')).toBe(PERIOD.from)
    expect(await page.getByTestId('period-range').getAttribute('data-to')).toBe(PERIOD.to)

    const before = expected(ws.db, KUTIM)
    expect(before.masuk).toBeGreaterThan(100) // the demo data really lies in the period
    expect(await screenNumbers(page)).toEqual(before)
    expect(await page.getByTestId('kpi-persen-selesai').getAttribute('data-value')).toBe(String((100 * before.selesai) / before.masuk))

    // Late, on time and how fast: the same figures the KPI API gives for the kabupaten as a whole.
    const total = kpiFor(ws.db, KUTIM.kode, 'all', PERIOD, Date.now()).total
    expect(await kpi(page, 'kpi-terlambat')).toBe(total.overdueNow)
    expect(total.overdueNow).toBeGreaterThan(0)
    expect(Number(await page.getByTestId('kpi-tepat-waktu').getAttribute('data-value'))).toBe(total.pctResponseOnTime)
    expect(await page.getByTestId('kpi-tepat-waktu').textContent()).toBe(new Intl.NumberFormat('id-ID', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(total.pctResponseOnTime! / 100))
    expect(Number(await page.getByTestId('kpi-median-tl').getAttribute('data-value'))).toBe(total.medianResponseHk)
    expect(await page.getByTestId('kpi-median-tl').textContent()).toBe(`${total.medianResponseHk} hk`)
    // The most overdue cases, most overdue first, as the "terlambat" queue sorted by deadline holds them.
    const late = queuePage(ws.db, { kabupaten: KUTIM.kode, queue: 'terlambat', sort: 'tenggat', limit: 8, now: Date.now(), role: 'viewer' })
    await expect.poll(() => page.getByTestId('overdue-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-tracking-id')))).toEqual(late.map((r) => r.tracking_id))

    // Readable from across the room: KPI numbers of at least 48 px at 1920×1080.
    const fontPx = await page.getByTestId('kpi-masuk').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(fontPx).toBeGreaterThanOrEqual(48)

    await page.screenshot({ path: join(SCREENS, 'ringkasan-dark-1920x1080.png') })

    // The user has scrolled the Terbaru feed; a live update must leave the rows they were reading where they were.
    const feed = page.locator('[data-testid="latest"] .panel-body')
    await feed.evaluate((el) => (el.scrollTop = 80))
    const place = () =>
      feed.evaluate((el) => {
        const top = el.getBoundingClientRect().top
        const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="latest-item"]')]
        const first = rows.find((r) => r.getBoundingClientRect().top >= top - 1)!
        return { id: first.dataset.trackingId, offset: Math.round(first.getBoundingClientRect().top - top) }
      })
    const readingAt = await place()
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))

    arrive(ws, [
      { tracking: 'E2E-0001', judul: 'Jembatan Sangatta Baru retak' },
      { tracking: 'E2E-0002', judul: 'Dugaan pungli di kantor X', isRahasia: true },
    ])
    const after = expected(ws.db, KUTIM)
    expect(after.masuk).toBe(before.masuk + 2)
    await expect.poll(() => kpi(page, 'kpi-masuk'), { timeout: 10_000 }).toBe(after.masuk)
    expect(await screenNumbers(page)).toEqual(after)
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
    await expect.poll(() => page.getByTestId('latest-item').first().getAttribute('data-tracking-id')).toBe('E2E-0002')
    expect(
      await feed.evaluate((el, id) => {
        const row = el.querySelector<HTMLElement>(`[data-tracking-id="${id}"]`)!
        return Math.round(row.getBoundingClientRect().top - el.getBoundingClientRect().top)
      }, readingAt.id),
    ).toBe(readingAt.offset)

    // Terbaru: newest first; a viewer profile never sees a rahasia title.
    const items = page.getByTestId('latest-item')
    await expect.poll(() => items.first().getAttribute('data-tracking-id')).toBe('E2E-0002')
    expect(await items.first().textContent()).toContain('Laporan rahasia')
    expect(await items.first().textContent()).not.toContain('pungli')
    expect(await items.nth(1).textContent()).toContain('Jembatan Sangatta Baru retak')
    expect(await items.nth(1).textContent()).toContain('Belum Terverifikasi')

    // The light theme, chosen in Pengaturan, kept across a reload.
    await page.getByTestId('nav-pengaturan').click()
    await page.getByTestId('theme-light').click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    await page.getByTestId('nav-ringkasan').click()
    await page.reload()
    await waitForRingkasan(page, KUTIM.kode)
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    await page.screenshot({ path: join(SCREENS, 'ringkasan-light-1920x1080.png') })

    // A most-overdue case opens in Antrean's overdue queue, at the top, most overdue first.
    const first = page.getByTestId('overdue-item').first()
    const tracking = await first.getAttribute('data-tracking-id')
    await first.locator('a').click()
    await page.waitForURL(/\/antrean\/terlambat/)
    await expect.poll(() => page.getByTestId('queue-row').first().getAttribute('data-tracking-id')).toBe(tracking)
  })

  it('switches language and kabupaten, shares filters between screens, and keeps the URL period after a reload', async () => {
    const { ws, server, page } = await startWall()
    await page.goto(ringkasanUrl(server, KUTIM.kode))
    await waitForRingkasan(page, KUTIM.kode)
    expect(await page.getByTestId('kpi-masuk-tile').textContent()).toContain('Masuk dalam periode')

    // English, from Pengaturan; the kabupaten and period follow through the menu.
    await page.getByTestId('nav-pengaturan').click()
    expect(new URL(page.url()).searchParams.get('dari')).toBe(PERIOD.from)
    await page.getByTestId('lang-en').click()
    expect(await page.getByTestId('nav-ringkasan').textContent()).toBe('Overview')
    await page.getByTestId('nav-ringkasan').click()
    await waitForRingkasan(page, KUTIM.kode)
    expect(await page.getByTestId('kpi-masuk-tile').textContent()).toContain('Received in period')
    expect(await page.getByTestId('kpi-terbuka-tile').textContent()).toContain('Open now')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    // Numbers keep the Indonesian format in English too.
    expect(await screenNumbers(page)).toEqual(expected(ws.db, KUTIM))
    // No duplicates are linked in this store: the tile does not repeat its number as "N unique problems".
    const unique = page.getByTestId('kpi-masuk-unique')
    await expect.poll(() => unique.getAttribute('data-unique')).not.toBe('')
    expect(await unique.getAttribute('data-unique')).toBe(await unique.getAttribute('data-reports'))
    expect(await unique.textContent()).toBe('')

    // Natuna: other numbers, its own zone (WIB) and the URL says so.
    await page.getByTestId('kabupaten-switcher').selectOption(NATUNA.kode)
    await waitForRingkasan(page, NATUNA.kode)
    expect(new URL(page.url()).searchParams.get('kab')).toBe(NATUNA.kode)
    const natuna = expected(ws.db, NATUNA)
    expect(natuna.masuk).not.toBe(expected(ws.db, KUTIM).masuk)
    await expect.poll(() => screenNumbers(page)).toEqual(natuna)
    expect(await page.getByTestId('clock').textContent()).toContain('WIB')

    // A reload reopens the same view: kabupaten, period, language.
    await page.reload()
    await waitForRingkasan(page, NATUNA.kode)
    expect(await page.getByTestId('period-range').getAttribute('data-from')).toBe(PERIOD.from)
    expect(await page.getByTestId('period-range').getAttribute('data-to')).toBe(PERIOD.to)
    expect(await screenNumbers(page)).toEqual(natuna)
    expect(await page.getByTestId('kpi-masuk-tile').textContent()).toContain('Received in period')

    // A period picked on screen goes into the URL and into the numbers.
    const june = { from: '2026-06-01', to: '2026-06-30' }
    await page.getByTestId('period-custom').click()
    await page.getByTestId('period-from').fill(june.from)
    await page.getByTestId('period-to').fill(june.to)
    await page.getByTestId('period-apply').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('sampai')).toBe(june.to)
    expect(new URL(page.url()).searchParams.get('dari')).toBe(june.from)
    await expect.poll(() => screenNumbers(page)).toEqual(expected(ws.db, NATUNA, june))

    // Back to Bahasa Indonesia.
    await page.getByTestId('nav-pengaturan').click()
    await page.getByTestId('lang-id').click()
    expect(await page.getByTestId('nav-ringkasan').textContent()).toBe('Ringkasan')
  })

  it('keeps the wall screen alive across a server restart, with a banner while the server is away', async () => {
    const wall = await startWall()
    const { ws, page } = wall
    await page.goto(ringkasanUrl(wall.server, KUTIM.kode))
    await waitForRingkasan(page, KUTIM.kode)
    const before = await kpi(page, 'kpi-masuk')

    allowPageErrors(
      // The server is stopped on purpose: the page's requests and its live channel fail until it is back.
      { match: /ERR_CONNECTION_REFUSED|WebSocket connection to .* failed/, why: 'server stopped by the test' },
    )
    await wall.server.close()
    await page.getByTestId('problem-banner').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('problem-banner').getAttribute('data-kind')).toBe('connection')
    expect(await page.getByTestId('problem-banner').textContent()).toContain('Koneksi ke server terputus')
    expect(await kpi(page, 'kpi-masuk')).toBe(before) // the last numbers stay on screen
    await page.screenshot({ path: join(SCREENS, 'ringkasan-connection-lost-1920x1080.png') })

    // Same port, same store: the page reconnects by itself and is live again.
    await serve(ws, 'dinding', { port: wall.port, defaultKabupaten: undefined })
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('open')
    await expect.poll(() => page.getByTestId('problem-banner').count(), { timeout: 10_000 }).toBe(0)
    arrive(ws, [{ tracking: 'E2E-0100', judul: 'Lampu jalan padam di Jl. Yos Sudarso' }])
    await expect.poll(() => kpi(page, 'kpi-masuk'), { timeout: 10_000 }).toBe(before + 1)
  })

  it('says clearly when the server refuses the session, and recovers when it accepts it again', async () => {
    const { ws, server, page } = await startWall()
    await page.goto(ringkasanUrl(server, KUTIM.kode))
    await waitForRingkasan(page, KUTIM.kode)

    // The profile is switched off on purpose: the server answers 401 until it is switched on again.
    allowPageErrors(refusedWith(401, 'profile deactivated by the test'))
    ws.db.prepare("UPDATE app_user SET is_active = 0 WHERE username = 'dinding'").run()
    arrive(ws, [{ tracking: 'E2E-0200', judul: 'Air PDAM keruh' }])
    const banner = page.getByTestId('problem-banner')
    await banner.waitFor({ timeout: 10_000 })
    expect(await banner.getAttribute('data-kind')).toBe('unauthorized')
    expect(await banner.textContent()).toContain('sesi tidak dikenal')

    ws.db.prepare("UPDATE app_user SET is_active = 1 WHERE username = 'dinding'").run()
    ws.bus.emit({ kabupaten: KUTIM.kode, kind: 'complaints', at: Date.now(), count: 0 })
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0)
    expect(await screenNumbers(page)).toEqual(expected(ws.db, KUTIM))
  })

  it('scales to a 4K wall without scrolling', async () => {
    const { server, page } = await startWall()

    await page.setViewportSize({ width: 3840, height: 2160 })
    await page.goto(ringkasanUrl(server, KUTIM.kode))
    await waitForRingkasan(page, KUTIM.kode)
    const fontPx = await page.getByTestId('kpi-masuk').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(fontPx).toBeGreaterThanOrEqual(96)
    // Nothing spills out of the screen: the wall shows everything without scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(2160)
    await page.screenshot({ path: join(SCREENS, 'ringkasan-dark-3840x2160.png') })
  })
})
