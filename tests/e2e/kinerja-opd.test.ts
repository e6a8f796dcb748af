// End to end: the Kinerja OPD screen in Chromium against serve mode on a generated store. What the bars show
// (which units, in which order, with which values) is checked against kpi.table asked over HTTP from the same
// server, so the screen can neither drop, invent, misplace nor mis-rank a unit.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/kinerja-opd.test.ts`.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { TRPCClient } from '@trpc/client'
import type { inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '#main/app/api/router.ts'
import type { RunningServer } from '#main/app/server/serve.ts'
import { demoWorkspace, desk, KUTIM, SCREENS, VIEWPORT } from './harness.ts'

type KpiTable = inferRouterOutputs<AppRouter>['kpi']['table']
type KpiRow = KpiTable['rows'][number]
type Filter = { category?: number; channel?: 'web' }

// A period inside the demo data, so every run sees the same numbers.
const PERIOD = { from: '2026-03-01', to: '2026-10-31' }
/** "Infrastruktur": a topic with sub-topics, so the filter also covers its children. */
const INFRASTRUKTUR = 1

/** A wall screen: the viewer profile on a demo store of its own. */
async function startWall() {
  const ws = await demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 7 })
  return desk(ws, 'viewer')
}

function screenUrl(server: RunningServer, path = '/kinerja-opd', extra: Record<string, string> = {}): string {
  return `${server.url}${path}?${new URLSearchParams({ kab: KUTIM, dari: PERIOD.from, sampai: PERIOD.to, ...extra })}`
}

async function waitForScreen(page: Page, view: string) {
  await page.locator(`[data-testid="kinerja-opd"][data-view="${view}"][data-state="ready"]`).waitFor()
}

type Bar = { key: string; value: string; previous: string }

/** The rows of a chart as drawn, top to bottom, with their raw data attributes. */
function bars(page: Page, testId: string): Promise<Bar[]> {
  return page
    .getByTestId(testId)
    .locator(':scope > li')
    .evaluateAll((rows) => rows.map((r) => ({ key: r.dataset.key!, value: r.dataset.value!, previous: r.dataset.previous! })))
}

const raw = (v: number | null) => (v === null ? '' : String(v))

/** What a ranked chart must show: the ranked rows of the table, with a figure and its previous value. */
function expectedBars(rows: KpiRow[], pick: (r: KpiRow | KpiRow['previous']) => number | null): Bar[] {
  return rows.filter((r) => r.isRanked).map((r) => ({ key: r.key, value: raw(pick(r)), previous: raw(pick(r.previous)) }))
}

/** Same units and values as the API, in league-table order: best first, units without the figure last. */
function expectRanked(shown: Bar[], expected: Bar[], better: 'higher' | 'lower') {
  const byKey = (a: Bar, b: Bar) => a.key.localeCompare(b.key)
  expect([...shown].sort(byKey)).toEqual([...expected].sort(byKey))
  const values = shown.map((b) => (b.value === '' ? null : Number(b.value)))
  const present = values.filter((v): v is number => v !== null)
  expect(values.slice(0, present.length)).toEqual(present) // nulls only at the end
  const sorted = [...present].sort((a, b) => (better === 'higher' ? b - a : a - b))
  expect(present).toEqual(sorted)
}

async function table(api: TRPCClient<AppRouter>, dim: 'opd' | 'unit' | 'first_opd', filter?: Filter, within?: string): Promise<KpiTable> {
  return api.kpi.table.query({ kabupaten: KUTIM, dim, period: PERIOD, filter, within })
}

async function expectChartsMatch(page: Page, opd: KpiTable) {
  expectRanked(await bars(page, 'bars-tepat-waktu'), expectedBars(opd.rows, (r) => r.pctResponseOnTime), 'higher')
  expectRanked(await bars(page, 'bars-hari-tl'), expectedBars(opd.rows, (r) => r.medianResponseHk), 'lower')
  expect(await page.getByTestId('headline').getAttribute('data-n')).toBe(String(opd.total.n))
}

describe('Kinerja OPD on a wall screen (serve mode, Chromium)', () => {
  it('ranks the OPD as kpi.table does, and shows apart what is not ranked', async () => {
    const { page, server, api } = await startWall()
    await page.goto(screenUrl(server))
    await waitForScreen(page, '')
    const [opd, firstOpd] = await Promise.all([table(api, 'opd'), table(api, 'first_opd')])
    const ranked = opd.rows.filter((r) => r.isRanked)
    const small = opd.rows.filter((r) => r.key !== '' && !r.isRanked)
    expect(ranked.length).toBeGreaterThan(10) // the demo data really fills the league tables
    expect(small.length).toBeGreaterThan(0)

    await expectChartsMatch(page, opd)
    expectRanked(await bars(page, 'bars-salah-sasaran'), expectedBars(firstOpd.rows, (r) => r.misrouteRate), 'lower')

    // The best OPD's value is printed beside its bar, in Indonesian format.
    const best = (await bars(page, 'bars-tepat-waktu'))[0]
    const bestRow = page.locator(`[data-testid="bars-tepat-waktu"] > li[data-key="${best.key}"]`)
    const pct = new Intl.NumberFormat('id-ID', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
    expect(await bestRow.locator('.ranked-value').textContent()).toBe(pct.format(Number(best.value) / 100))
    expect(await bestRow.textContent()).toContain(opd.rows.find((r) => r.key === best.key)!.label)

    // Backlog: every unit with open complaints now, the most overdue first, with its age buckets.
    const backlog = await page
      .getByTestId('bars-tunggakan')
      .locator(':scope > li')
      .evaluateAll((rows) => rows.map((r) => ({ key: r.dataset.key!, open: Number(r.dataset.value), overdue: Number(r.dataset.overdue) })))
    const withOpen = opd.rows.filter((r) => r.key !== '' && r.openNow > 0)
    expect(backlog.map((b) => b.key).sort()).toEqual(withOpen.map((r) => r.key).sort())
    expect(backlog.length).toBeGreaterThan(0)
    for (const b of backlog) expect(b).toMatchObject({ open: opd.rows.find((r) => r.key === b.key)!.openNow, overdue: opd.rows.find((r) => r.key === b.key)!.overdueNow })
    expect(backlog.map((b) => b.overdue)).toEqual([...backlog.map((b) => b.overdue)].sort((a, b) => b - a))
    const first = opd.rows.find((r) => r.key === backlog[0].key)!
    const segments = await page
      .locator(`[data-testid="bars-tunggakan"] > li[data-key="${first.key}"] .backlog-seg`)
      .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.dataset.bucket!, Number(e.dataset.n)])))
    expect(segments).toEqual(Object.fromEntries(Object.entries(first.backlog).filter(([, n]) => n > 0)))

    // Apart: units under the minimum sample, listed but in no league table; and the not-yet-dispositioned row.
    const listed = await page.getByTestId('small-sample-row').evaluateAll((rows) => rows.map((r) => ({ key: r.dataset.key, n: Number(r.dataset.n) })))
    expect(listed).toEqual(small.map((r) => ({ key: r.key, n: r.n })))
    for (const chart of ['bars-tepat-waktu', 'bars-hari-tl']) {
      const keys = (await bars(page, chart)).map((b) => b.key)
      expect(keys.filter((k) => small.some((r) => r.key === k) || k === '')).toEqual([])
    }
    expect(await page.getByTestId('panel-not-ranked').textContent()).toContain(`Sampel terlalu kecil (< ${opd.minSample} pengaduan)`)
    const never = opd.rows.find((r) => r.key === '')!
    expect(await page.getByTestId('undispositioned').getAttribute('data-n')).toBe(String(never.n))
    expect(await page.getByTestId('undispositioned').textContent()).toContain('Belum didisposisi')

    // Compared with the period the API names as previous.
    expect(await page.getByTestId('compare').getAttribute('data-from')).toBe(opd.previousPeriod.from)
    expect(await page.getByTestId('compare').getAttribute('data-to')).toBe(opd.previousPeriod.to)

    // A wall screen: large labels, and the whole view without page scrolling.
    const labelPx = await page.locator('.ranked-label').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(labelPx).toBeGreaterThanOrEqual(18)
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(VIEWPORT.height)
    await page.screenshot({ path: join(SCREENS, 'kinerja-opd-overview-1920x1080.png') })

    // A 4K wall shows the same view at twice the size, still without page scrolling.
    await page.setViewportSize({ width: 3840, height: 2160 })
    await expect.poll(() => page.locator('.ranked-label').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(36)
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(2160)
  })

  it("shows one OPD's bidang with the same charts when the OPD is chosen", async () => {
    const { page, server, api } = await startWall()
    await page.goto(screenUrl(server))
    await waitForScreen(page, '')
    // The OPD with the most complaints that has several bidang with enough complaints to rank.
    const opd = await table(api, 'opd')
    let chosen: { id: string; bidang: KpiTable } | undefined
    for (const r of opd.rows.filter((r) => r.isRanked)) {
      const bidang = await table(api, 'unit', undefined, r.key)
      if (bidang.rows.filter((b) => b.isRanked).length >= 2) {
        chosen = { id: r.key, bidang }
        break
      }
    }
    expect(chosen).toBeDefined()
    const { id, bidang } = chosen!
    const units = await api.units.list.query({ kabupaten: KUTIM })
    expect(bidang.rows.every((b) => b.key === id || units.find((u) => String(u.id) === b.key)?.parent_id === Number(id))).toBe(true)

    await page.getByTestId('opd-select').selectOption(id)
    await waitForScreen(page, id)
    const url = new URL(page.url())
    expect(url.pathname).toBe(`/kinerja-opd/${id}`)
    expect(url.searchParams.get('dari')).toBe(PERIOD.from) // the shared filters stay
    expectRanked(await bars(page, 'bars-tepat-waktu'), expectedBars(bidang.rows, (r) => r.pctResponseOnTime), 'higher')
    expectRanked(await bars(page, 'bars-hari-tl'), expectedBars(bidang.rows, (r) => r.medianResponseHk), 'lower')
    const shownSmall = await page.getByTestId('small-sample-row').evaluateAll((rows) => rows.map((r) => r.dataset.key))
    expect(shownSmall).toEqual(bidang.rows.filter((r) => !r.isRanked).map((r) => r.key))
    // The headline is the OPD's own row; the trend is the OPD's.
    expect(await page.getByTestId('headline').getAttribute('data-key')).toBe(id)
    expect(await page.getByTestId('headline').getAttribute('data-n')).toBe(String(opd.rows.find((r) => r.key === id)!.n))
    const trend = await api.kpi.trend.query({ kabupaten: KUTIM, period: PERIOD, dim: 'opd', key: id })
    expect(await page.getByTestId('trend-chart').getAttribute('data-total')).toBe(String(trend.reduce((s, d) => s + d.n, 0)))
    await page.screenshot({ path: join(SCREENS, 'kinerja-opd-bidang-1920x1080.png') })

    // A reload keeps the OPD; the back button returns to all OPD.
    await page.reload()
    await waitForScreen(page, id)
    await page.getByTestId('scope-back').click()
    await waitForScreen(page, '')
    expect(new URL(page.url()).pathname).toBe('/kinerja-opd')
  })

  it('opens the queue of the unit behind a bar, keeping the shared filters', async () => {
    const { page, server } = await startWall()
    const shared = { kategori: String(INFRASTRUKTUR), kanal: 'web' }
    await page.goto(screenUrl(server, '/kinerja-opd', shared))
    await waitForScreen(page, '')
    const first = (await bars(page, 'bars-tepat-waktu'))[0]
    expect(first).toBeDefined()
    await page.locator(`[data-testid="bars-tepat-waktu"] > li[data-key="${first.key}"] a`).click()
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/antrean/)
    const params = new URL(page.url()).searchParams
    expect(params.get('unit')).toBe(first.key)
    expect(Object.fromEntries(['kab', 'dari', 'sampai', 'kategori', 'kanal'].map((k) => [k, params.get(k)]))).toEqual({
      kab: KUTIM,
      dari: PERIOD.from,
      sampai: PERIOD.to,
      ...shared,
    })
  })

  it('follows the category filter, with the numbers kpi.table gives for it', async () => {
    const { page, server, api } = await startWall()
    await page.goto(screenUrl(server))
    await waitForScreen(page, '')
    const all = await table(api, 'opd')
    await expectChartsMatch(page, all)
    const before = await bars(page, 'bars-tepat-waktu')

    await page.getByTestId('category-filter').selectOption(String(INFRASTRUKTUR))
    await expect.poll(() => new URL(page.url()).searchParams.get('kategori')).toBe(String(INFRASTRUKTUR))
    const filter = { category: INFRASTRUKTUR }
    const [opd, firstOpd] = await Promise.all([table(api, 'opd', filter), table(api, 'first_opd', filter)])
    expect(opd.total.n).toBeLessThan(all.total.n)
    await expect.poll(() => page.getByTestId('headline').getAttribute('data-n')).toBe(String(opd.total.n))
    await waitForScreen(page, '')
    await expectChartsMatch(page, opd)
    expectRanked(await bars(page, 'bars-salah-sasaran'), expectedBars(firstOpd.rows, (r) => r.misrouteRate), 'lower')
    expect(await bars(page, 'bars-tepat-waktu')).not.toEqual(before)
    const listed = await page.getByTestId('small-sample-row').evaluateAll((rows) => rows.map((r) => r.dataset.key))
    expect(listed).toEqual(opd.rows.filter((r) => r.key !== '' && !r.isRanked).map((r) => r.key))
  })
})
