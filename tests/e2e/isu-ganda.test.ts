// End to end: the queue "Kemungkinan ganda" in Antrean — its tab's count, its list and its CSV export are the same
// rows; linking one from the list is audited and takes it off the count; an action on the main complaint applied
// to its linked duplicates in one step is audited per complaint; Ringkasan shows unique problems beside raw
// reports; the admin sets the expected false-alarm rate in Pengaturan (audited). Screenshots at 1920×1080.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/isu-ganda.test.ts`.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { injectDuplicates, injectOutbreak } from '#main/dev/demo/outbreak.ts'
import { demoWorkspace, desk, ID, KUTIM, SCREENS, scratchDir } from './harness.ts'
import { busiestCell, daysAgo } from './outbreak.ts'

const WITA = 8 * 3600_000

describe('Kemungkinan ganda on screen', () => {
  it('lists likely duplicates as counted and exported, links one, applies an action to a main and its duplicate, counts unique problems', async () => {
    const ws = await demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 7 })
    const db = ws.db
    const cell = busiestCell(db)
    // Recent open complaints, and four people reporting the first two again in their own words.
    const start = daysAgo(4)
    db.transaction(() => {
      const inserted = injectOutbreak(db, { kabupaten: KUTIM, kecamatan: cell.kecamatan, kategori: cell.kategori, start, days: 3, count: 8, seed: 11 })
      db.prepare(`UPDATE complaint SET status = 'belum_terverifikasi' WHERE id IN (${inserted.map(() => '?').join(',')})`).run(...inserted) // sql-vetted: placeholders only
      const copies = [...injectDuplicates(db, inserted[0], 2, 21), ...injectDuplicates(db, inserted[1], 2, 22)]
      db.prepare(`UPDATE complaint SET status = 'belum_terverifikasi' WHERE id IN (${copies.map(() => '?').join(',')})`).run(...copies) // sql-vetted: placeholders only
      refreshComplaints(db, KUTIM, [...inserted, ...copies])
    }).immediate()

    const { page, url, api } = await desk(ws, 'operator', { acceptDownloads: true })
    await page.goto(url('/antrean/verifikasi', { kab: KUTIM }))
    const tab = page.getByTestId('queue-tab-ganda')
    await expect.poll(() => tab.getAttribute('data-count'), { timeout: 30_000 }).not.toBe('')
    const count = Number(await tab.getAttribute('data-count'))
    expect(count).toBeGreaterThanOrEqual(1)
    await tab.click()
    await page.waitForURL(/\/antrean\/ganda/)
    const rows = page.getByTestId('ganda-row')
    await rows.first().waitFor()
    expect(await rows.count()).toBe(count)
    expect(Number(await page.getByTestId('ganda-list').getAttribute('data-count'))).toBe(count)
    await page.screenshot({ path: join(SCREENS, 'antrean-ganda-1920x1080.png') })

    // The export holds the same rows, and is in the audit log.
    const downloading = page.waitForEvent('download', { timeout: 60_000 })
    await page.getByTestId('ganda-export').click()
    const file = join(scratchDir(), 'ganda.csv')
    await (await downloading).saveAs(file)
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    expect(lines.length - 1).toBe(count)
    const listed = await rows.evaluateAll((els) => els.map((e) => e.querySelector('.ganda-tracking')!.textContent!.replace('#', '')))
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(listed)
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export' AND entity_id = ?").pluck().get(`${KUTIM}/kemungkinan_ganda`)).toBe(1)

    // Link the first row to the complaint it resembles: audited, and the tab counts one fewer.
    const first = rows.first()
    const dupId = Number(await first.getAttribute('data-id'))
    const mainId = Number(await first.getAttribute('data-main'))
    await first.getByTestId('ganda-link').click()
    await first.getByTestId('ganda-unlink').waitFor()
    expect(db.prepare('SELECT main_id FROM complaint_duplicate WHERE complaint_id = ?').pluck().get(dupId)).toBe(mainId)
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'complaint.link_duplicate' AND entity_id = ?").pluck().get(String(dupId))).toBe(1)
    await expect.poll(() => tab.getAttribute('data-count'), { timeout: 30_000 }).toBe(String((await api.isu.ganda.query({ kabupaten: KUTIM })).count))
    expect(Number(await tab.getAttribute('data-count'))).toBeLessThan(count)

    // The main complaint: a note for it and its duplicate in one step, one audit entry each.
    await page.goto(url('/antrean/semua', { kab: KUTIM, id: mainId }))
    await page.getByTestId('apply-duplicates').waitFor()
    await page.getByTestId('apply-duplicates-action').selectOption('note')
    await page.getByTestId('apply-duplicates-open').click()
    await expect.poll(() => page.getByTestId('action-targets').getAttribute('data-count')).toBe('2')
    await page.getByTestId('dialog-text').fill('Ditangani bersama: satu lubang jalan yang sama')
    await page.screenshot({ path: join(SCREENS, 'antrean-ganda-tindakan-1920x1080.png') })
    await page.getByTestId('dialog-submit').click()
    await page.getByTestId('apply-duplicates-result').waitFor()
    const notes = db
      .prepare("SELECT entity_id FROM audit_log WHERE action = 'complaint.note' AND entity_id IN (?, ?) ORDER BY entity_id")
      .pluck()
      .all(String(mainId), String(dupId)) as string[]
    expect(notes.sort()).toEqual([String(mainId), String(dupId)].sort())

    // Ringkasan: unique problems beside raw reports on the Masuk and Terbuka tiles.
    await page.goto(url('/', { kab: KUTIM, dari: new Date(start + WITA).toISOString().slice(0, 10), sampai: new Date(Date.now() + WITA).toISOString().slice(0, 10) }))
    const masuk = page.getByTestId('kpi-masuk-unique')
    await expect.poll(() => masuk.getAttribute('data-unique'), { timeout: 30_000 }).not.toBe('')
    const reports = Number(await masuk.getAttribute('data-reports'))
    expect(Number(await masuk.getAttribute('data-unique'))).toBe(reports - 1)
    expect(await masuk.textContent()).toBe(`${ID.format(reports)} laporan · ${ID.format(reports - 1)} masalah unik`)
    await expect.poll(() => page.getByTestId('kpi-masuk').getAttribute('data-value')).toBe(String(reports))
    const terbuka = page.getByTestId('kpi-terbuka-unique')
    expect(Number(await terbuka.getAttribute('data-unique'))).toBe(Number(await terbuka.getAttribute('data-reports')) - 1)
    await page.screenshot({ path: join(SCREENS, 'ringkasan-unik-1920x1080.png') })
  }, 300_000)

  it('lets an admin set the expected false-alarm rate in Pengaturan, audited', async () => {
    const ws = await demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 7 }, undefined, 'setting.db')
    const { page, url, api } = await desk(ws, 'admin')
    await page.goto(url('/pengaturan', { kab: KUTIM }))
    const input = page.getByTestId('isu-false-alarms')
    await expect.poll(() => input.inputValue()).toBe('0.5')
    await input.fill('0.2')
    await page.getByTestId('isu-false-alarms-save').click()
    await expect.poll(async () => (await api.isu.settings.query()).falseAlarmsPerWeek).toBe(0.2)
    expect(settingAudit(ws)).toEqual([{ before_json: '0.5', after_json: '0.2' }])
    await page.getByTestId('isu-setting-panel').screenshot({ path: join(SCREENS, 'pengaturan-isu-panel.png') })
  }, 180_000)
})

const settingAudit = (ws: { db: import('#main/store/open.ts').Db }) =>
  ws.db.prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'settings.isu'").all() as { before_json: string; after_json: string }[]
