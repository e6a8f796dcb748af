// End to end: the Peta screen in Chromium against serve mode on a generated store, one server per role (serve mode
// acts as one local profile). The map's numbers are checked against plain SQL and against the KPI service the API
// answers from; what tagging changed is checked in the store. Screenshots go to test-artifacts/screens/peta-*.png.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/peta.test.ts`.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { kpiFor } from '#main/kpi/service.ts'
import type { Role } from '#shared/domain.ts'
import type { Db } from '#main/store/open.ts'
import { allowPageErrors, demoWorkspace, desk as openDesk, ID, KUTIM, refusedWith, SCREENS } from './harness.ts'

const WITA = '+08:00'
// A period inside the demo data, so every run sees the same numbers.
const PERIOD = { from: '2026-03-01', to: '2026-10-31' }
const [FROM_MS, TO_MS] = [Date.parse(`${PERIOD.from}T00:00:00${WITA}`), Date.parse(`${PERIOD.to}T00:00:00${WITA}`) + 86_400_000]
const SANGATTA_UTARA = '64.08.04'

const bases = new WeakMap<Page, string>()
/** Every request a page made to a host other than 127.0.0.1 (a tile server, a CDN: none are allowed offline). */
const outside = new WeakMap<Page, string[]>()

const store = () => demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 7 }, undefined, 'peta.db')

async function desk(ws: Workspace, username: string, role: Role): Promise<Page> {
  const { page, base } = await openDesk(ws, { username, nama: `Uji ${role}`, role })
  const requests: string[] = []
  page.on('request', (req) => {
    if (new URL(req.url()).hostname !== '127.0.0.1') requests.push(req.url())
  })
  bases.set(page, base)
  outside.set(page, requests)
  return page
}

function url(page: Page, path: string, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams({ kab: KUTIM, dari: PERIOD.from, sampai: PERIOD.to })
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v))
  return `${bases.get(page)}${path}?${params}`
}

const labels = (page: Page) => page.getByTestId('peta-label')
const label = (page: Page, kode: string) => page.locator(`[data-testid="peta-label"][data-kode="${kode}"]`)

/** Opens the map and waits until every area of the view has its numbers. */
async function openMap(page: Page, path: string, areas: number, extra: Record<string, string | number> = {}) {
  await page.goto(url(page, path, extra))
  await waitForAreas(page, areas)
  await expect.poll(() => page.getByTestId('live-status').getAttribute('data-state')).toBe('open')
}

async function waitForAreas(page: Page, areas: number) {
  await expect.poll(() => labels(page).count(), { timeout: 15_000 }).toBe(areas)
  await expect.poll(() => page.locator('path.peta-area[data-cls="loading"]').count()).toBe(0)
  await expect.poll(() => page.getByTestId('peta-legend-row').count()).toBeGreaterThan(0)
}

/** The middle of an area's label, which sits at the area's label point inside the polygon. */
async function labelPoint(page: Page, kode: string): Promise<{ x: number; y: number }> {
  return label(page, kode).evaluate((el) => {
    const r = el.closest('.leaflet-tooltip')!.getBoundingClientRect()
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
  })
}

/** Clicks the polygon under the label (labels let clicks through). */
async function clickArea(page: Page, kode: string) {
  const { x, y } = await labelPoint(page, kode)
  await page.mouse.click(x, y)
}

const attr = async (page: Page, testId: string, name = 'data-value') => page.getByTestId(testId).getAttribute(name)
const labelN = async (page: Page, kode: string) => Number(await label(page, kode).getAttribute('data-n'))

// ---- plain SQL over the store ----

function countIn(db: Db, where: string, ...params: unknown[]): number {
  return db
    .prepare(`SELECT count(*) FROM complaint WHERE kabupaten_kode = '${KUTIM}' AND submitted_at >= ? AND submitted_at < ? AND ${where}`)
    .pluck()
    .get(FROM_MS, TO_MS, ...params) as number
}

/** The side list's first page: the area's complaints of the period, newest first. */
function newest(db: Db, column: 'kecamatan_kode' | 'desa_kode', kode: string, limit = 50): string[] {
  return db
    .prepare(
      `SELECT tracking_id FROM complaint WHERE kabupaten_kode = ? AND ${column} = ? AND submitted_at >= ? AND submitted_at < ?
       ORDER BY submitted_at DESC, id DESC LIMIT ?`,
    )
    .pluck()
    .all(KUTIM, kode, FROM_MS, TO_MS, limit) as string[]
}

const noLocation = (db: Db) => countIn(db, "kecamatan_kode IS NULL AND status <> 'dihapus'")

describe('Peta: complaints by kecamatan, down to desa (serve mode, Chromium)', () => {
  it('colours the 18 kecamatan of Kutai Timur with the numbers of kpi.table, offline, and keeps the view on live changes', async () => {
    const ws = await store()
    const page = await desk(ws, 'dinding', 'viewer')
    await openMap(page, '/peta', 18)
    expect(await page.getByTestId('peta-map').getAttribute('data-view')).toBe('kabupaten')
    expect(await page.locator('path.peta-area').count()).toBe(18)

    // Every kecamatan's numbers: volume from plain SQL, the rest as the API's KPI service computes them.
    const table = kpiFor(ws.db, KUTIM, 'kecamatan', PERIOD)
    const kecamatan = ws.db.prepare('SELECT kode FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode').pluck().all(KUTIM) as string[]
    expect(kecamatan).toHaveLength(18)
    let shown = 0
    for (const kode of kecamatan) {
      const row = table.rows.find((r) => r.key === kode)
      const l = label(page, kode)
      expect(Number(await l.getAttribute('data-n'))).toBe(countIn(ws.db, 'kecamatan_kode = ?', kode))
      expect(Number(await l.getAttribute('data-n'))).toBe(row?.n ?? 0)
      expect(Number(await l.getAttribute('data-open'))).toBe(row?.openNow ?? 0)
      expect(Number(await l.getAttribute('data-overdue'))).toBe(row?.overdueNow ?? 0)
      expect(Number(await l.getAttribute('data-misrouted'))).toBe(row?.misrouted ?? 0)
      expect(await l.getAttribute('data-pct')).toBe(row?.pctResponseOnTime == null ? '' : String(row.pctResponseOnTime))
      // The polygon carries the chosen metric's value too, and the label says it in id-ID format.
      expect(await page.locator(`path.peta-area[data-kode="${kode}"]`).getAttribute('data-value')).toBe(String(row?.n ?? 0))
      expect(await l.locator('.peta-label-value').textContent()).toBe(ID.format(row?.n ?? 0))
      shown += row?.n ?? 0
    }
    expect(shown).toBeGreaterThan(500) // the demo data really lies in the period

    // The tooltip of an area: all five numbers, and the previous period's volume.
    const su = table.rows.find((r) => r.key === SANGATTA_UTARA)!
    const point = await labelPoint(page, SANGATTA_UTARA)
    await page.mouse.move(point.x, point.y)
    const tip = page.getByTestId('peta-tooltip')
    await tip.waitFor()
    expect(await tip.locator('td[data-metric="volume"]').textContent()).toBe(`${ID.format(su.n)} (periode sebelumnya ${ID.format(su.previous.n)})`)
    expect(await tip.locator('td[data-metric="terbuka"]').textContent()).toBe(ID.format(su.openNow))
    expect(await tip.locator('td[data-metric="terlambat"]').textContent()).toBe(ID.format(su.overdueNow))
    expect(await tip.locator('td[data-metric="salah-sasaran"]').textContent()).toBe(ID.format(su.misrouted))
    expect(await tip.textContent()).toContain('Sangatta Utara')

    // Offline: no tile layer, no request anywhere but the server; the boundary data is credited.
    expect(await page.locator('.leaflet-tile').count()).toBe(0)
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('cahyadsn/wilayah_boundaries')
    expect(outside.get(page)).toEqual([])
    // The count of complaints the map cannot place, as the tanpa_lokasi queue counts them for the period.
    expect(Number(await attr(page, 'peta-nolocation'))).toBe(noLocation(ws.db))

    // Readable from across the room: label values and legend entries of at least 20 px at 1920×1080.
    const px = (selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await px('.peta-label-value')).toBeGreaterThanOrEqual(20)
    expect(await px('.peta-legend-row')).toBeGreaterThanOrEqual(20)
    await page.mouse.move(5, 5)
    await page.screenshot({ path: join(SCREENS, 'peta-kabupaten-1920x1080.png') })

    // The metric selector changes the colours, the legend and the URL.
    const legendText = async () => (await page.getByTestId('peta-legend-row').allTextContents()).join(' | ')
    const volumeLegend = await legendText()
    await page.getByTestId('peta-metric-tepat-waktu').click()
    await expect.poll(() => page.getByTestId('peta-legend').getAttribute('data-metric')).toBe('tepat-waktu')
    expect(new URL(page.url()).searchParams.get('ukuran')).toBe('tepat-waktu')
    await expect.poll(legendText).not.toBe(volumeLegend)
    expect(await legendText()).toMatch(/%/)
    expect(await page.locator('.peta-legend-title').textContent()).toBe('% TL tepat waktu')
    expect(await label(page, SANGATTA_UTARA).getAttribute('data-value')).toBe(String(su.pctResponseOnTime))
    expect(await label(page, SANGATTA_UTARA).locator('.peta-label-value').textContent()).toBe(
      new Intl.NumberFormat('id-ID', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(su.pctResponseOnTime! / 100),
    )
    await page.getByTestId('peta-metric-terlambat').click()
    await expect.poll(() => label(page, SANGATTA_UTARA).getAttribute('data-value')).toBe(String(su.overdueNow))
    expect(await page.locator('.peta-legend-title').textContent()).toBe('Lewat tenggat')
    await page.getByTestId('peta-metric-volume').click()
    await expect.poll(legendText).toBe(volumeLegend)

    // Live: the user zoomed in; a new complaint in Sangatta Utara updates its number, and the view stays put.
    await page.locator('.leaflet-control-zoom-in').click()
    await page.locator('.leaflet-control-zoom-in').click()
    await page.waitForTimeout(300)
    const where = () => page.locator('.leaflet-map-pane').evaluate((el) => getComputedStyle(el).transform)
    const labelAt = () => label(page, SANGATTA_UTARA).evaluate((el) => (el.closest('.leaflet-tooltip') as HTMLElement).style.transform)
    const [paneBefore, labelBefore, urlBefore] = [await where(), await labelAt(), page.url()]
    const nBefore = await labelN(page, SANGATTA_UTARA)
    arrive(ws, SANGATTA_UTARA)
    await expect.poll(() => labelN(page, SANGATTA_UTARA), { timeout: 10_000 }).toBe(nBefore + 1)
    expect(await where()).toBe(paneBefore)
    expect(await labelAt()).toBe(labelBefore)
    expect(page.url()).toBe(urlBefore)

    // English, with the numbers still in the Indonesian format.
    await page.evaluate(() => localStorage.setItem('tanggap.prefs', JSON.stringify({ language: 'en', theme: 'dark' })))
    await page.goto(url(page, '/peta', { ukuran: 'tepat-waktu' }))
    await waitForAreas(page, 18)
    expect(await page.locator('.peta-legend-title').textContent()).toBe('% answered on time')
    expect(await page.getByTestId('peta-ranking').textContent()).toContain('Kecamatan by % answered on time')
    expect(await page.getByTestId('peta-legend').textContent()).toMatch(/\d+,\d|%/)
    expect(await page.getByTestId('peta-nolocation').textContent()).toContain('without location')

    // A 4K wall: the same layout at twice the size, the map filling the screen, nothing to scroll.
    await page.evaluate(() => localStorage.removeItem('tanggap.prefs'))
    const labelPx1080 = await px('.peta-label-value')
    await page.setViewportSize({ width: 3840, height: 2160 })
    await page.goto(url(page, '/peta'))
    await waitForAreas(page, 18)
    expect(await px('.peta-label-value')).toBeGreaterThanOrEqual(labelPx1080 * 1.9)
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(2160)
    const stage = await page.locator('.peta-map').boundingBox()
    expect(stage!.height).toBeGreaterThan(2160 * 0.6)
    expect(stage!.width).toBeGreaterThan(3840 * 0.6)
    await page.screenshot({ path: join(SCREENS, 'peta-kabupaten-3840x2160.png') })
    expect(outside.get(page)).toEqual([])
  }, 60_000)

  it('drills down from a kecamatan to its desa and to one complaint, with the view in the URL', async () => {
    const ws = await store()
    const page = await desk(ws, 'supervisor', 'supervisor')
    await openMap(page, '/peta', 18)

    await clickArea(page, SANGATTA_UTARA)
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/peta/${SANGATTA_UTARA}`)
    const desa = ws.db.prepare('SELECT kode, nama FROM desa WHERE kecamatan_kode = ? ORDER BY kode').all(SANGATTA_UTARA) as { kode: string; nama: string }[]
    await waitForAreas(page, desa.length)
    expect(await page.getByTestId('peta-map').getAttribute('data-view')).toBe(SANGATTA_UTARA)
    for (const d of desa) expect(await labelN(page, d.kode)).toBe(countIn(ws.db, 'desa_kode = ?', d.kode))
    expect(await page.getByTestId('peta-crumb-1').textContent()).toBe('Sangatta Utara')
    // The other kecamatan stay around it as plain context.
    expect(await page.locator('path.peta-context').count()).toBe(17)

    // The side list: this kecamatan's complaints of the period, newest first.
    const list = page.getByTestId('peta-list-row')
    await expect.poll(() => attr(page, 'peta-list-total')).toBe(String(countIn(ws.db, 'kecamatan_kode = ?', SANGATTA_UTARA)))
    await expect.poll(async () => (await list.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tracking-id'))))).toEqual(
      newest(ws.db, 'kecamatan_kode', SANGATTA_UTARA),
    )

    // A desa narrows the list.
    const busiest = desa.map((d) => ({ ...d, n: countIn(ws.db, 'desa_kode = ?', d.kode) })).sort((a, b) => b.n - a.n)[0]
    await clickArea(page, busiest.kode)
    await expect.poll(() => new URL(page.url()).searchParams.get('desa')).toBe(busiest.kode)
    await expect.poll(() => attr(page, 'peta-list-total')).toBe(String(busiest.n))
    await expect.poll(async () => (await list.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tracking-id'))))).toEqual(
      newest(ws.db, 'desa_kode', busiest.kode),
    )
    expect(await page.locator(`path.peta-area[data-kode="${busiest.kode}"]`).getAttribute('data-selected')).toBe('1')
    expect(await page.getByTestId('peta-crumb-2').textContent()).toBe(busiest.nama)

    // A complaint of that desa (one with a map point if there is one) opens in the side panel.
    type Picked = { id: number; tracking_id: string; judul: string; lat: number | null; unit: string | null; is_anonim: number }
    const pick = ws.db
      .prepare(
        `SELECT c.id, c.tracking_id, c.judul, c.lat, u.nama AS unit, c.is_anonim FROM complaint c LEFT JOIN unit u ON u.id = c.unit_id
         WHERE c.desa_kode = ? AND c.submitted_at >= ? AND c.submitted_at < ? AND c.is_rahasia = 0
         ORDER BY c.lat IS NULL, c.is_anonim, c.submitted_at DESC LIMIT 50`,
      )
      .all(busiest.kode, FROM_MS, TO_MS) as Picked[]
    const shownIds = await list.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tracking-id')))
    const c = pick.find((p) => shownIds.includes(p.tracking_id))!
    await page.locator(`[data-testid="peta-list-row"][data-tracking-id="${c.tracking_id}"]`).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('laporan')).toBe(String(c.id))
    const detail = page.getByTestId('peta-detail')
    await expect.poll(() => detail.getAttribute('data-tracking-id')).toBe(c.tracking_id)
    expect(await page.getByTestId('peta-detail-title').textContent()).toBe(c.judul)
    expect(await page.getByTestId('peta-detail-unit').textContent()).toBe(c.unit ?? 'Belum didisposisi')
    expect(await page.getByTestId('peta-detail-place').textContent()).toBe(`Sangatta Utara · ${busiest.nama}`)
    expect(await page.getByTestId('peta-deadlines').locator('li').count()).toBe(4)
    const events = ws.db.prepare('SELECT count(*) FROM complaint_event WHERE complaint_id = ?').pluck().get(c.id) as number
    expect(await page.getByTestId('peta-history').getAttribute('data-count')).toBe(String(events))
    await expect.poll(() => page.locator('path.peta-point').count()).toBe(c.lat === null ? 0 : 1)
    // A supervisor may see who reported a non-anonim complaint; the API sends it, so the panel shows it.
    const reporter = ws.db.prepare('SELECT nama FROM reporter WHERE complaint_id = ?').pluck().get(c.id) as string | undefined
    // (The pick prefers a non-anonim complaint, so this check always runs.)
    expect({ is_anonim: c.is_anonim, reporter: typeof reporter }).toEqual({ is_anonim: 0, reporter: 'string' })
    expect(await page.getByTestId('peta-detail-reporter').textContent()).toContain(reporter)
    await page.screenshot({ path: join(SCREENS, 'peta-desa-detail-1920x1080.png') })

    // The view is a bookmark: a reload opens the same kecamatan, desa and complaint.
    await page.reload()
    await waitForAreas(page, desa.length)
    await expect.poll(() => detail.getAttribute('data-tracking-id')).toBe(c.tracking_id)
    expect(await page.locator(`path.peta-area[data-kode="${busiest.kode}"]`).getAttribute('data-selected')).toBe('1')

    // An anonim complaint never shows its reporter, whatever the role.
    const anonim = ws.db
      .prepare('SELECT id FROM complaint WHERE kecamatan_kode = ? AND is_anonim = 1 AND submitted_at >= ? AND submitted_at < ? LIMIT 1')
      .pluck()
      .get(SANGATTA_UTARA, FROM_MS, TO_MS) as number
    await page.goto(url(page, `/peta/${SANGATTA_UTARA}`, { laporan: anonim }))
    await expect.poll(() => detail.getAttribute('data-tracking-id')).not.toBe('')
    expect(await page.getByTestId('peta-detail-title').textContent()).not.toBe('Memuat…')
    expect(await page.getByTestId('peta-detail-reporter').count()).toBe(0)

    // Back to the kabupaten, by the breadcrumb.
    await page.getByTestId('peta-detail-back').click()
    await page.getByTestId('peta-back').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/peta')
    await waitForAreas(page, 18)
    expect(outside.get(page)).toEqual([])
  }, 60_000)

  it('tags a complaint without a location: the count goes down by one and the kecamatan up by one', async () => {
    const ws = await store()
    const page = await desk(ws, 'operator', 'operator')
    await openMap(page, '/peta', 18)
    const count = async () => Number(await attr(page, 'peta-nolocation'))
    const before = { missing: noLocation(ws.db), n: await labelN(page, SANGATTA_UTARA) }
    expect(await count()).toBe(before.missing)
    expect(before.missing).toBeGreaterThan(0)

    // Open the kecamatan, then the tagging panel: the picker follows the map, a click on a desa picks it.
    await clickArea(page, SANGATTA_UTARA)
    await waitForAreas(page, 4)
    await page.getByTestId('peta-nolocation').click()
    expect(new URL(page.url()).searchParams.get('panel')).toBe('tanpa-lokasi')
    await expect.poll(() => attr(page, 'peta-tag-total')).toBe(String(before.missing))
    await expect.poll(() => page.getByTestId('peta-tag-kecamatan').inputValue()).toBe(SANGATTA_UTARA)
    const desa = ws.db.prepare('SELECT kode FROM desa WHERE kecamatan_kode = ? ORDER BY kode LIMIT 1').pluck().get(SANGATTA_UTARA) as string
    await clickArea(page, desa)
    await expect.poll(() => page.getByTestId('peta-tag-desa').inputValue()).toBe(desa)
    const desaN = await labelN(page, desa)

    const first = page.getByTestId('peta-tag-row').first()
    const id = Number(await first.getAttribute('data-id'))
    await first.locator('input[type="checkbox"]').check()
    await page.getByTestId('peta-tag-hint').waitFor()
    await page.screenshot({ path: join(SCREENS, 'peta-tagging-1920x1080.png') })
    await page.getByTestId('peta-tag-submit').click()

    await expect.poll(() => attr(page, 'peta-tag-outcome', 'data-done')).toBe('1')
    expect(ws.db.prepare('SELECT kecamatan_kode, desa_kode FROM complaint WHERE id = ?').get(id)).toEqual({ kecamatan_kode: SANGATTA_UTARA, desa_kode: desa })
    await expect.poll(count, { timeout: 10_000 }).toBe(before.missing - 1)
    expect(noLocation(ws.db)).toBe(before.missing - 1)
    await expect.poll(() => labelN(page, desa), { timeout: 10_000 }).toBe(desaN + 1)
    expect(await page.locator(`[data-testid="peta-tag-row"][data-id="${id}"]`).count()).toBe(0)

    // And the kabupaten view counts it in its kecamatan.
    await page.getByTestId('peta-crumb-0').click()
    await waitForAreas(page, 18)
    await expect.poll(() => labelN(page, SANGATTA_UTARA)).toBe(before.n + 1)
    expect(outside.get(page)).toEqual([])
  }, 60_000)

  it('shows the API refusal when a viewer tries to tag a location, and changes nothing', async () => {
    const ws = await store()
    const page = await desk(ws, 'dinding', 'viewer')
    await openMap(page, '/peta', 18, { panel: 'tanpa-lokasi' })
    const before = noLocation(ws.db)
    await expect.poll(() => attr(page, 'peta-tag-total')).toBe(String(before))
    expect(await page.getByTestId('peta-tag').textContent()).toContain('Profil pemantau hanya dapat melihat')

    const first = page.getByTestId('peta-tag-row').first()
    const id = Number(await first.getAttribute('data-id'))
    await first.locator('input[type="checkbox"]').check()
    await page.getByTestId('peta-tag-kecamatan').selectOption(SANGATTA_UTARA)
    // The refusal is the point of this test: the browser logs the 403 the server answers.
    allowPageErrors(refusedWith(403, 'a viewer tags a location, refused on purpose'))
    await page.getByTestId('peta-tag-submit').click()
    const error = page.getByTestId('peta-tag-error')
    await error.waitFor()
    expect(await error.textContent()).toContain('Akses ditolak server')
    expect(await error.textContent()).toContain('viewer')
    expect(ws.db.prepare('SELECT kecamatan_kode FROM complaint WHERE id = ?').pluck().get(id)).toBeNull()
    expect(noLocation(ws.db)).toBe(before)
    expect(Number(await attr(page, 'peta-nolocation'))).toBe(before)
  })

  it('puts a configured tile layer beneath the areas, with its attribution beside the boundary credit', async () => {
    const ws = await store()
    ws.db
      .prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('ui', ?)")
      .run(JSON.stringify({ tileUrl: 'https://ubin.contoh.test/{z}/{x}/{y}.png', tileAttribution: 'Peta dasar © Contoh' }))
    // The configured tile server does not exist (no internet here): its tiles fail to load, as the test expects.
    allowPageErrors({ match: /Failed to load resource: net::ERR_\w+ https:\/\/ubin\.contoh\.test\//, why: 'tiles from a server that does not exist' })
    const page = await desk(ws, 'dinding', 'viewer')
    await openMap(page, '/peta', 18)
    await expect.poll(() => page.locator('.leaflet-tile').count()).toBeGreaterThan(0)
    const src = await page.locator('.leaflet-tile').first().getAttribute('src')
    expect(src).toMatch(/^https:\/\/ubin\.contoh\.test\/\d+\/\d+\/\d+\.png$/)
    const credits = await page.locator('.leaflet-control-attribution').textContent()
    expect(credits).toContain('Peta dasar © Contoh')
    expect(credits).toContain('cahyadsn/wilayah_boundaries')
    // The tiles sit under the areas.
    const z = (selector: string) => page.locator(selector).first().evaluate((el) => Number(getComputedStyle(el.closest('.leaflet-pane')!).zIndex))
    expect(await z('.leaflet-tile')).toBeLessThan(await z('path.peta-area'))
  })
})

/** A new complaint in a kecamatan (as a sync run would write it), announced on the workspace bus. */
function arrive(ws: Workspace, kecamatan: string) {
  const submitted = Date.parse(`${PERIOD.to}T10:00:00${WITA}`)
  const newest = ws.db.prepare('SELECT max(updated_at) FROM complaint').pluck().get() as number
  const now = Math.max(Date.now(), newest + 1000)
  ws.db.transaction(() => {
    const id = Number(
      ws.db
        .prepare(
          `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw,
             kecamatan_kode, submitted_at, updated_at)
           VALUES (?, 'e2e', 'E2E-PETA-1', 'Jalan berlubang di depan pasar', 'Isi laporan uji', 'pengaduan', 'web',
             'belum_terverifikasi', 'Belum Terverifikasi', ?, ?, ?)`,
        )
        .run(KUTIM, kecamatan, submitted, now).lastInsertRowid,
    )
    refreshComplaints(ws.db, KUTIM, [id])
  })()
  ws.bus.emit({ kabupaten: KUTIM, kind: 'complaints', at: now, count: 1 })
}
