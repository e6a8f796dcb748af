// End to end: wall mode (/dinding) in Chromium against serve mode, as the viewer profile a wall runs as. Panels
// rotate on the set and pace in the URL, a URL per panel holds one panel (one browser per monitor), the alarm goes
// up when a complaint becomes overdue, and the wall survives a server restart with its last numbers and a banner.
// Screenshots at 1920×1080 and 3840×2160 go to test-artifacts/screens/wall-*.png.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/wall.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { WALL_PANELS } from '#shared/wall.ts'
import { allowPageErrors, apiOf, demoWorkspace, desk, KUTIM, profile, SCREENS, serve, VIEWPORT } from './harness.ts'

const PERIOD = 'dari=2026-10-01&sampai=2026-11-20'

let ws: Workspace

beforeAll(async () => {
  ws = await demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 7 }, undefined, 'wall.db')
  profile(ws, 'viewer')
})

/** A wall: the viewer profile a wall runs as, on a server of its own, open at `path`. */
async function wall(path: string, viewport = VIEWPORT, port = 0) {
  const entry = await desk(ws, 'viewer', { viewport, serve: { port } })
  await entry.page.goto(`${entry.server.url}${path}`)
  await entry.page.locator('[data-testid="wall"][data-ready="1"]').waitFor({ timeout: 20_000 })
  return entry
}

const panel = (page: Page) => page.getByTestId('wall').getAttribute('data-panel')

/** A complaint that arrives (as a sync would write it) already past its verification deadline. */
function arriveOverdue(tracking: string, judul: string, isRahasia = false): void {
  const insert = ws.db.prepare(
    `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw,
       is_rahasia, kecamatan_kode, submitted_at, updated_at)
     VALUES (?, 'e2e', ?, ?, 'Isi laporan uji', 'pengaduan', 'web', 'belum_terverifikasi', 'Belum Terverifikasi', ?, '64.08.04', ?, ?)`,
  )
  const newest = ws.db.prepare('SELECT max(updated_at) FROM complaint').pluck().get() as number
  const id = Number(insert.run(KUTIM, tracking, judul, isRahasia ? 1 : 0, Date.parse('2026-11-02T01:00:00Z'), Math.max(Date.now(), newest + 1000)).lastInsertRowid)
  ws.db.transaction(() => refreshComplaints(ws.db, KUTIM, [id]))()
  ws.bus.emit({ kabupaten: KUTIM, kind: 'complaints', at: Date.now(), count: 1 })
}

describe('wall mode (serve mode, Chromium, viewer profile)', () => {
  it('rotates through the panels in the URL at the pace in the URL, with a clock in the kabupaten zone', async () => {
    const { page } = await wall(`/dinding?kab=${KUTIM}&${PERIOD}&panel=kpi,peta,opd&detik=5`)
    const seen: string[] = [(await panel(page))!]
    await expect.poll(async () => {
      const p = (await panel(page))!
      if (seen[seen.length - 1] !== p) seen.push(p)
      return seen.length
    }, { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(4)
    expect(seen.slice(0, 4)).toEqual(['kpi', 'peta', 'opd', 'kpi'])
    expect(await page.getByTestId('clock').textContent()).toContain('WITA')
    expect(await page.getByTestId('wall-sync').textContent()).toMatch(/Belum ada sinkronisasi · data terbaru 20 Nov/)
    // No menu, nothing to click: a kiosk screen.
    expect(await page.locator('nav, button, select, input').count()).toBe(0)
  })

  it('holds one panel per URL, with the numbers of the API, and says which panels exist when one is misspelt', async () => {
    const { page, server } = await wall(`/dinding/peta?kab=${KUTIM}&${PERIOD}&detik=5`)
    const api = apiOf(server.url)
    const kec = await api.kpi.table.query({ kabupaten: KUTIM, dim: 'kecamatan', period: { from: '2026-10-01', to: '2026-11-20' } })
    // Nothing changes meanwhile: the wall asks the server once per refresh interval (15 s), not in a loop.
    const asked: string[] = []
    page.on('request', (req) => req.url().includes('wall.snapshot') && asked.push(req.url()))
    await page.waitForTimeout(6_000)
    expect(await panel(page)).toBe('peta')
    expect(asked.length).toBeLessThanOrEqual(1)
    const labels = await page.getByTestId('wall-map-label').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.kode, (e as HTMLElement).dataset.value]))
    expect(labels).toHaveLength(18)
    for (const [kode, open] of labels) expect({ kode, open }).toEqual({ kode, open: String(kec.rows.find((r) => r.key === kode)?.openNow ?? 0) })

    await page.goto(`${server.url}/dinding/petaa?kab=${KUTIM}`)
    await page.getByTestId('wall-unknown-panel').waitFor()
    expect(await page.getByTestId('wall-unknown-panel').textContent()).toBe('Panel "petaa" tidak dikenal. Panel yang ada: kpi, peta, opd, terbaru, terlambat.')
  })

  it('raises the alarm and shows the overdue panel when a complaint becomes overdue', async () => {
    const { page } = await wall(`/dinding?kab=${KUTIM}&${PERIOD}&panel=kpi,terlambat&detik=600&segar=2`)
    expect(await panel(page)).toBe('kpi')
    const overdueBefore = Number(await page.getByTestId('wall-kpi-overdueNow').getAttribute('data-value'))
    expect(await page.getByTestId('wall-alarm').count()).toBe(0) // what was overdue before the wall started is no news
    arriveOverdue('E2E-ALARM-1', 'Tiang listrik roboh di Jl. Yos Sudarso')
    const alarm = page.getByTestId('wall-alarm')
    await alarm.waitFor({ timeout: 10_000 })
    expect(await alarm.getAttribute('data-tracking-id')).toBe('E2E-ALARM-1')
    expect(await alarm.textContent()).toContain('Tiang listrik roboh')
    await expect.poll(() => panel(page)).toBe('terlambat')
    expect(await page.getByTestId('wall').getAttribute('class')).toContain('has-alarm')
    const fresh = page.locator('[data-testid="wall-overdue-item"][data-tracking-id="E2E-ALARM-1"]')
    expect(await fresh.getAttribute('class')).toContain('is-new')
    expect(await page.getByTestId('wall-overdue-total').getAttribute('data-value')).toBe(String(overdueBefore + 1))
    await page.screenshot({ path: join(SCREENS, 'wall-alarm-1920x1080.png') })

    // A rahasia report alarms too, without its title.
    arriveOverdue('E2E-ALARM-2', 'Dugaan pungli RAHASIA-ALARM', true)
    await expect.poll(() => alarm.getAttribute('data-tracking-id'), { timeout: 10_000 }).toBe('E2E-ALARM-2')
    expect(await alarm.textContent()).toContain('Laporan rahasia')
    expect(await page.getByTestId('wall').textContent()).not.toContain('RAHASIA-ALARM')
  })

  it('keeps its last numbers with a banner while the server is away, and recovers by itself after a restart', async () => {
    const entry = await wall(`/dinding/kpi?kab=${KUTIM}&${PERIOD}&segar=2`)
    const { page } = entry
    const port = Number(new URL(entry.server.url).port)
    const masuk = Number(await page.getByTestId('wall-kpi-masuk').getAttribute('data-value'))
    allowPageErrors(
      // The server is stopped on purpose: the wall's requests fail until it is back.
      { match: /ERR_CONNECTION_REFUSED|WebSocket connection to .* failed/, why: 'server stopped by the test' },
    )
    await entry.server.close()
    const stale = page.getByTestId('wall-stale')
    await stale.waitFor({ timeout: 15_000 })
    expect(await stale.textContent()).toMatch(/Data tidak diperbarui sejak \d{2}\.\d{2} WITA — server tidak terjangkau/)
    expect(Number(await page.getByTestId('wall-kpi-masuk').getAttribute('data-value'))).toBe(masuk)
    await page.screenshot({ path: join(SCREENS, 'wall-stale-1920x1080.png') })

    // Same port, same store, one more complaint meanwhile: the wall comes back without anyone touching it.
    const insert = ws.db.prepare(
      `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw, submitted_at, updated_at)
       VALUES (?, 'e2e', 'E2E-RESTART', 'Drainase tersumbat', 'Isi', 'pengaduan', 'web', 'belum_terverifikasi', 'Belum Terverifikasi', ?, ?)`,
    )
    const id = Number(insert.run(KUTIM, Date.parse('2026-11-10T02:00:00Z'), Date.now()).lastInsertRowid)
    ws.db.transaction(() => refreshComplaints(ws.db, KUTIM, [id]))()
    await serve(ws, 'dinding', { port })
    await expect.poll(() => stale.count(), { timeout: 30_000 }).toBe(0)
    await expect.poll(() => page.getByTestId('wall-kpi-masuk').getAttribute('data-value').then(Number), { timeout: 10_000 }).toBe(masuk + 1)
  })

  it('reads from across the room at 1920×1080 and 3840×2160: screenshots of every panel', { timeout: 120_000 }, async () => {
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 3840, height: 2160 },
    ]) {
      const scale = viewport.width / 1920
      const { page, server } = await wall(`/dinding/kpi?kab=${KUTIM}&${PERIOD}`, viewport)
      for (const p of WALL_PANELS) {
        await page.goto(`${server.url}/dinding/${p}?kab=${KUTIM}&${PERIOD}`)
        await page.locator('[data-testid="wall"][data-ready="1"]').waitFor({ timeout: 20_000 })
        if (p === 'peta') await page.getByTestId('wall-map-label').first().waitFor()
        // The whole panel fits the screen: a wall cannot be scrolled.
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(viewport.height)
        expect(await page.locator('.wall-panel-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(50 * scale)
        if (p === 'kpi') expect(await page.getByTestId('wall-kpi-masuk').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(120 * scale)
        await page.screenshot({ path: join(SCREENS, `wall-${p}-${viewport.width}x${viewport.height}.png`) })
      }
    }
  })
})
