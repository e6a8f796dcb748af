// End to end: the Sinkronisasi screen in Chromium against serve mode, syncing from the simulator over HTTP.
// "Sinkronkan sekarang" runs a sync whose progress and result the screen shows; a malformed page lands in the
// quarantine with its reason and payload (identity hidden below supervisor); a viewer cannot start a sync; the last
// error of the app's background work shows once in a banner.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/sinkronisasi.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { saveSource } from '#main/sync/sources.ts'
import { syncService } from '#main/sync/service.ts'
import { reportFailure, reportOk } from '#main/background/status.ts'
import { startSimulator, type RunningSimulator } from '#main/dev/simulator/server.ts'
import type { Role } from '#shared/domain.ts'
import { allowPageErrors, desk, emptyWorkspace, refusedWith, onCleanup, SCREENS, UNTIL } from './harness.ts'

const COUNT = 2500

let sim: RunningSimulator

beforeAll(async () => {
  sim = await startSimulator({ datasets: [{ kabupaten: '64.08', count: COUNT, seed: 5 }], until: UNTIL, ratePerMinute: 0 })
  onCleanup(() => sim.close())
})

async function screen(role: Role, path = '/sinkronisasi'): Promise<{ ws: Workspace; page: Page }> {
  const ws = emptyWorkspace('sync.db')
  seedKabupaten(ws.db, '64.08')
  saveSource(ws.db, { name: 'lapor-kutim', kind: 'lapor-json', kabupaten: '64.08', config: { baseUrl: sim.url, pageSize: 250 }, token: sim.tokenFor('64.08') })
  const { page, base } = await desk(ws, { username: 'petugas', nama: 'Petugas Sinkron', role }, { serve: { defaultKabupaten: '64.08' } })
  // Stopped before the server and the store close.
  onCleanup(() => syncService(ws.db, ws.bus).stop())
  await page.goto(`${base}${path}?kab=64.08`)
  return { ws, page }
}

const card = (page: Page) => page.getByTestId('source-lapor-kutim')

describe('Sinkronisasi (serve mode, Chromium)', () => {
  it('runs a sync on "Sinkronkan sekarang" and shows its progress, result and history', async () => {
    const { ws, page } = await screen('operator')
    await expect.poll(() => card(page).getAttribute('data-state')).toBe('never')
    // Slow pages, so the progress is on screen long enough to be seen.
    await fetch(`${sim.url}/admin/faults`, { method: 'POST', body: JSON.stringify({ kind: 'slow', count: 6, slow_ms: 400 }) })
    await card(page).getByTestId('sync-now').click()
    await expect.poll(() => card(page).getAttribute('data-state')).toBe('running')
    await expect.poll(async () => (await card(page).getByTestId('source-progress').textContent()) ?? '', { timeout: 15_000 }).toMatch(/\d+ diambil · \d+ baru/)
    await page.screenshot({ path: join(SCREENS, 'sinkronisasi-running.png') })
    await expect.poll(() => card(page).getAttribute('data-state'), { timeout: 60_000 }).toBe('ok')
    const stored = ws.db.prepare("SELECT count(*) FROM complaint WHERE source = 'lapor-kutim'").pluck().get() as number
    expect(stored).toBe(COUNT)
    await expect.poll(async () => (await card(page).textContent()) ?? '').toContain('2.500')
    const history = page.getByTestId('run-history')
    await expect.poll(async () => (await history.locator('tbody tr').first().textContent()) ?? '').toMatch(/tombol.*Berhasil\s*2\.500\s*2\.500/)
    await page.screenshot({ path: join(SCREENS, 'sinkronisasi.png') })
  }, 120_000)

  it('shows quarantined records with their reason and the payload, identity hidden from an operator', async () => {
    const { page } = await screen('operator')
    await fetch(`${sim.url}/admin/faults`, { method: 'POST', body: JSON.stringify({ kind: 'malformed', count: 1 }) })
    await card(page).getByTestId('sync-now').click()
    await expect.poll(() => card(page).getAttribute('data-state'), { timeout: 60_000 }).toBe('ok')
    await expect.poll(async () => (await card(page).getByTestId('source-quarantine').textContent()) ?? '').toBe('63') // every 4th of 250

    await page.getByTestId('sinkron-tab-karantina').click()
    const rows = page.getByTestId('quarantine-row')
    await expect.poll(() => rows.count()).toBe(63)
    await expect.poll(async () => (await page.getByTestId('quarantine').textContent()) ?? '').toMatch(/bukan waktu ISO 8601/)
    await rows.filter({ hasText: 'title' }).first().click()
    const raw = page.getByTestId('quarantine-raw')
    await expect.poll(async () => (await raw.textContent()) ?? '').toMatch(/"tracking_id": "\d+"/)
    const text = (await raw.textContent()) ?? ''
    expect(text).toMatch(/"reporter": "\[disembunyikan\]"/)
    expect(text).not.toMatch(/"nik": "\d{16}"/)
    await page.screenshot({ path: join(SCREENS, 'sinkronisasi-karantina.png') })
  }, 120_000)

  it('does not let a viewer start a sync, on screen or through the API', async () => {
    const { page } = await screen('viewer')
    await expect.poll(() => card(page).getAttribute('data-state')).toBe('never')
    await expect(card(page).getByTestId('sync-now').isDisabled()).resolves.toBe(true)
    // The refusal is the point: the browser logs the 403 the server answers.
    allowPageErrors(refusedWith(403, 'a viewer starts a sync, refused on purpose'))
    const res = await page.evaluate(async () => {
      const r = await fetch('/trpc/sync.runNow', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sourceId: 1 }) })
      return r.status
    })
    expect(res).toBe(403)
  }, 60_000)

  it('shows the last background error once, in a banner', async () => {
    const { ws, page } = await screen('viewer')
    await expect.poll(() => card(page).getAttribute('data-state')).toBe('never')
    expect(await page.getByTestId('background-error').count()).toBe(0)
    // Two tasks failed, the backup last; a third is fine.
    reportOk(ws.db, 'routing', 'Pembaruan model penerusan')
    reportFailure(ws.db, 'sync-schedule', 'Jadwal sinkronisasi', 'Disk penuh', null, Date.now() - 60_000)
    reportFailure(ws.db, 'backup', 'Cadangan terjadwal', 'folder /srv/cadangan tidak dapat ditulis', Date.now() + 120_000)
    await page.reload()
    const banner = page.getByTestId('background-error')
    await banner.waitFor()
    expect(await banner.count()).toBe(1)
    expect(await banner.getAttribute('data-task')).toBe('backup')
    expect(await banner.textContent()).toMatch(/^Cadangan terjadwal gagal \(\d\d\.\d\d WITA\): folder \/srv\/cadangan tidak dapat ditulis Dicoba lagi \d\d\.\d\d WITA\.$/)
    await page.screenshot({ path: join(SCREENS, 'sinkronisasi-latar-gagal.png') })
  }, 60_000)
})
