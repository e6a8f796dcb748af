// End to end: Pengaturan in Chromium against serve mode on a generated regency-size store. An admin adds a local
// day off and sees it listed while the deadlines are recomputed ("Menghitung ulang tenggat…", then current);
// the tile layer URL saves, and a bad one shows the server's error; a viewer sees the values read-only and the
// API refuses the change. Cadangan data: an admin sets how many backups are kept, makes one now and sees it listed
// with the restore command; a viewer sees the same panel without the form.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/pengaturan.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import type { RunningServer } from '#main/app/server/serve.ts'
import { uiSettings } from '#main/settings/ui.ts'
import { backupSettings, defaultBackupFolder } from '#main/settings/backup.ts'
import { isStale } from '#main/kpi/refresh.ts'
import { allowPageErrors, demoWorkspace, KUTIM, openPage, profile, refusedWith, SCREENS, serve } from './harness.ts'

const COUNT = 20_000 // a regency's store: the rebuild takes long enough to be seen

let ws: Workspace
let admin: RunningServer
let viewer: RunningServer

beforeAll(async () => {
  ws = await demoWorkspace({ kabupaten: KUTIM, count: COUNT, seed: 3 }, undefined, 'pengaturan.db')
  // Two sessions on one store, as an admin's desk and a wall display would be.
  // (The backup schedule off: the backups here are the ones the test makes; tests/background/backups.test.ts
  // covers the schedule.)
  admin = await serve(ws, profile(ws, 'admin').username, { routingUpkeep: false, backups: false })
  viewer = await serve(ws, profile(ws, 'viewer').username, { routingUpkeep: false, backups: false })
})

async function open(server: RunningServer): Promise<Page> {
  const page = await openPage()
  await page.goto(`${server.url}/pengaturan?kab=${KUTIM}`)
  await page.getByTestId('day-off').first().waitFor()
  return page
}

const status = (page: Page) => page.getByTestId('recompute-status')

describe('Pengaturan (serve mode, Chromium)', () => {
  it('lets an admin add a local day off, lists it, and shows the deadlines being recomputed', async () => {
    const page = await open(admin)
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('current')

    // Monday 28 December 2026: a Bupati's extra day off after Christmas.
    await page.getByTestId('add-day-off-date').fill('2026-12-28')
    await page.getByTestId('add-day-off-nama').fill('Cuti tambahan Keputusan Bupati')
    await page.getByTestId('add-day-off-submit').click()
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('recomputing')
    expect(await status(page).textContent()).toContain('Menghitung ulang tenggat…')
    await page.screenshot({ path: join(SCREENS, 'pengaturan-menghitung.png') })

    const row = page.locator('[data-testid="day-off"][data-date="2026-12-28"]')
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/Sen, 28 Des.*Cuti tambahan Keputusan Bupati.*Libur lokal.*Berlaku/)
    expect(await row.getAttribute('data-active')).toBe('1')

    await expect.poll(() => status(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('current')
    expect(await status(page).textContent()).toMatch(/Terakhir dihitung ulang: 20\.000 laporan dalam [\d,]+ detik/)
    expect(isStale(ws.db, KUTIM)).toBe(false)
    const stored = ws.db.prepare("SELECT kind, nama, is_active FROM calendar_day_off WHERE kabupaten_kode = ? AND date = '2026-12-28'").get(KUTIM)
    expect(stored).toEqual({ kind: 'lokal', nama: 'Cuti tambahan Keputusan Bupati', is_active: 1 })
    const audit = ws.db.prepare("SELECT username FROM audit_log WHERE action = 'calendar.add_day_off'").pluck().all()
    expect(audit).toEqual(['admin-kominfo'])

    await row.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENS, 'pengaturan.png') })
    await page.close()
  }, 120_000)

  it('saves the tile layer URL, and shows the error for a bad one without saving it', async () => {
    const page = await open(admin)
    // The bad URL is refused by the server on purpose (400), which the browser logs.
    allowPageErrors({ match: /status of 400 \(Bad Request\) .*\/trpc\/settings\.setUi/, why: 'a bad tile URL, refused on purpose' })
    await page.getByTestId('tiles-url').fill('http://tile.example.org/{z}/{x}/{y}.png')
    await page.getByTestId('tiles-save').click()
    await expect.poll(async () => (await page.getByTestId('tiles-error').textContent()) ?? '').toBe('URL ubin harus https dan memuat {z}, {x} dan {y}')
    expect(uiSettings(ws.db).tileUrl).toBe('')
    await page.getByTestId('tiles-panel').screenshot({ path: join(SCREENS, 'pengaturan-ubin-salah.png') })

    const url = 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png'
    await page.getByTestId('tiles-url').fill(url)
    await page.getByTestId('tiles-attribution').fill('© kontributor OpenStreetMap')
    await page.getByTestId('tiles-save').click()
    await page.getByTestId('tiles-saved').waitFor()
    // "Tersimpan" comes with the mutation's answer; the current URL with the settings' refetch right after it.
    await expect.poll(async () => await page.getByTestId('tiles-current').textContent()).toBe(url)
    expect(await page.getByTestId('tiles-error').count()).toBe(0)
    expect(uiSettings(ws.db)).toEqual({ tileUrl: url, tileAttribution: '© kontributor OpenStreetMap' })
    // After the reload the screen asks for, the page's policy admits the tile server (and only it).
    const response = await page.reload()
    expect(response?.headers()['content-security-policy']).toContain("img-src 'self' data: blob: https://*.tile.openstreetmap.org")
    await page.close()
  }, 60_000)

  it('shows a viewer the calendar and rules read-only, and the API refuses the change', async () => {
    const page = await open(viewer)
    await page.getByText('Hanya admin yang dapat mengubah ini. Anda melihatnya sebagai Pemantau.').waitFor()
    expect(await page.getByTestId('add-day-off').count()).toBe(0)
    expect(await page.getByTestId('holiday-import').count()).toBe(0)
    expect(await page.getByTestId('day-off-switch').count()).toBe(0)
    expect(await page.getByTestId('tiles-url').count()).toBe(0)
    expect(await page.getByTestId('rule-verificationDays').isDisabled()).toBe(true)
    expect(await page.getByTestId('rule-verificationDays').inputValue()).toBe('3')
    expect(await page.getByTestId('min-sample').isDisabled()).toBe(true)
    await page.screenshot({ path: join(SCREENS, 'pengaturan-pemantau.png') })

    const before = ws.db.prepare('SELECT count(*) FROM calendar_day_off').pluck().get()
    // The refusal is the point: the browser logs the 403 the server answers.
    allowPageErrors(refusedWith(403, 'a viewer changes the calendar, refused on purpose'))
    const refused = await page.evaluate(async (kabupaten) => {
      const r = await fetch('/trpc/calendar.addDayOff', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kabupaten, date: '2026-12-29', nama: 'Tidak boleh' }),
      })
      return { status: r.status, body: await r.text() }
    }, KUTIM)
    expect(refused.status).toBe(403)
    expect(refused.body).toContain('Peran viewer tidak boleh melakukan ini (perlu admin atau lebih tinggi)')
    expect(ws.db.prepare('SELECT count(*) FROM calendar_day_off').pluck().get()).toBe(before)
    await page.close()
  }, 60_000)

  it('lets an admin keep 3 backups and make one now, listed with the restore command; a viewer only reads', async () => {
    const page = await open(admin)
    const panel = page.getByTestId('backup-panel')
    await panel.scrollIntoViewIfNeeded()
    const folder = defaultBackupFolder(ws.db)
    expect(await page.getByTestId('backup-folder').textContent()).toBe(folder)
    expect(await page.getByTestId('backup-last').textContent()).toBe('belum ada')
    expect(await panel.textContent()).toContain('Selangsetiap hari')
    expect(await panel.textContent()).toContain('Belum ada cadangan di folder ini.')

    await page.getByTestId('backup-keep-input').fill('3')
    await page.getByTestId('backup-save').click()
    await expect.poll(async () => (await page.getByTestId('backup-keep').textContent()) ?? '').toBe('3 cadangan terbaru')
    expect(backupSettings(ws.db)).toEqual({ folder: '', intervalHours: 24, keep: 3, enabled: true })
    const audit = ws.db.prepare("SELECT username, after_json FROM audit_log WHERE action = 'settings.backup'").all() as { username: string; after_json: string }[]
    expect(audit.map((a) => [a.username, JSON.parse(a.after_json).keep])).toEqual([['admin-kominfo', 3]])

    await page.getByTestId('backup-now').click()
    const made = page.getByTestId('backup-made')
    await made.waitFor({ timeout: 60_000 })
    const name = /tanggap-\d{8}-\d{6}\.db/.exec((await made.textContent()) ?? '')![0]
    const rows = page.getByTestId('backup-list').locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().textContent()).toMatch(new RegExp(`^${name.replace('.', '\\.')}[\\d,]+ MB.*WITA$`))
    expect(await page.getByTestId('backup-last').textContent()).toMatch(/WITA$/)
    expect(await page.getByTestId('backup-restore-command').textContent()).toBe(`tanggap restore --db ${ws.file} --from ${join(folder, name)}`)
    await page.getByTestId('backup-restore-command').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENS, 'pengaturan-cadangan.png') })
    await page.close()

    const read = await open(viewer)
    await read.getByTestId('backup-panel').scrollIntoViewIfNeeded()
    await expect.poll(() => read.getByTestId('backup-list').locator('tbody tr').count()).toBe(1)
    expect(await read.getByTestId('backup-form').count()).toBe(0)
    expect(await read.getByTestId('backup-now').count()).toBe(0)
    await read.close()
  }, 120_000)
})
