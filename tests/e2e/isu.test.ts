// End to end: an outbreak injected into a demo store over the last three days shows on Ringkasan's early-warning
// strip and as an alarm on the wall; the strip's row opens exactly its complaints in Antrean; a complaint of the
// outbreak lists similar reports, and linking one as a duplicate is audited. Screenshots at 1920×1080.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/isu.test.ts`.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { injectDuplicates, injectOutbreak } from '#main/dev/demo/outbreak.ts'
import { demoWorkspace, desk, KUTIM, SCREENS } from './harness.ts'
import { busiestCell, daysAgo } from './outbreak.ts'

describe('early warning on screen', () => {
  it('shows a rising issue on Ringkasan and the wall, opens its complaints, and links a duplicate', async () => {
    const ws = await demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 7 })
    const db = ws.db
    const cell = busiestCell(db)
    // 30 complaints over the three days before today (none in the future), on top of the demo's traffic.
    const start = daysAgo(3)
    const ids = db.transaction(() => {
      const inserted = injectOutbreak(db, { kabupaten: KUTIM, kecamatan: cell.kecamatan, kategori: cell.kategori, start, days: 3, count: 30, seed: 5 })
      // Three more people report the first case again, in their own words.
      const copies = injectDuplicates(db, inserted[0], 3, 9)
      refreshComplaints(db, KUTIM, [...inserted, ...copies])
      return [...inserted, ...copies]
    }).immediate()
    expect(ids).toHaveLength(33)

    const { page, url } = await desk(ws, 'operator')
    await page.goto(url('/', { kab: KUTIM }))
    const item = page.getByTestId('isu-item').first()
    await item.waitFor()
    const count = Number(await item.getAttribute('data-count'))
    expect(count).toBeGreaterThanOrEqual(20)
    await page.screenshot({ path: join(SCREENS, 'ringkasan-isu-1920x1080.png') })

    // The row opens exactly the complaints it counts.
    await item.click()
    await page.waitForURL(/\/antrean\/semua/)
    await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value'), { timeout: 30_000 }).toBe(String(count))

    // The first complaint of the outbreak: its rewordings among its similar reports, and one linked as a duplicate.
    await page.goto(url('/antrean/semua', { kab: KUTIM, id: ids[0] }))
    const similar = page.getByTestId('similar-item').first()
    await similar.waitFor()
    const otherId = Number(await similar.getAttribute('data-id'))
    await page.getByTestId('similar-link').first().click()
    await page.getByTestId('similar-duplicates').waitFor()
    const linked = db.prepare('SELECT main_id FROM complaint_duplicate WHERE complaint_id = ?').pluck().get(otherId)
    expect(ids.slice(30)).toContain(otherId)
    expect(linked).toBe(ids[0])
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'complaint.link_duplicate' AND entity_id = ?").pluck().get(String(otherId))).toBe(1)
    await page.screenshot({ path: join(SCREENS, 'antrean-serupa-1920x1080.png') })

    // The wall sounds it too.
    const wall = await desk(ws, 'viewer')
    await wall.page.goto(wall.url('/dinding', { kab: KUTIM }))
    await wall.page.getByTestId('wall-isu').waitFor()
    expect(Number(await wall.page.getByTestId('wall-isu').getAttribute('data-count'))).toBeGreaterThanOrEqual(1)
    await wall.page.screenshot({ path: join(SCREENS, 'wall-isu-1920x1080.png') })
  }, 240_000)
})
