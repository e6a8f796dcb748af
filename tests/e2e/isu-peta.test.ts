// End to end: a rising issue on Peta (its kecamatan outlined over the choropleth, listed beside the map) and as the
// briefing slide "Isu yang sedang naik"; each opens exactly its complaints in Antrean. Screenshots at 1920×1080.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/isu-peta.test.ts`.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { injectOutbreak } from '#main/dev/demo/outbreak.ts'
import { demoWorkspace, desk, KUTIM, SCREENS } from './harness.ts'
import { busiestCell, daysAgo } from './outbreak.ts'

describe('rising issues on Peta and in the briefing', () => {
  it('outlines the kecamatan on Peta and shows a briefing slide, each opening its complaints', async () => {
    const ws = await demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 7 }, undefined, 'peta-isu.db')
    const db = ws.db
    const cell = busiestCell(db)
    const start = daysAgo(3)
    db.transaction(() => {
      const ids = injectOutbreak(db, { kabupaten: KUTIM, kecamatan: cell.kecamatan, kategori: cell.kategori, start, days: 3, count: 30, seed: 5 })
      refreshComplaints(db, KUTIM, ids)
    }).immediate()

    const { page, url, api } = await desk(ws, 'viewer')
    const issues = (await api.isu.list.query({ kabupaten: KUTIM })).issues
    expect(issues.length).toBeGreaterThanOrEqual(1)
    const top = issues[0]
    expect(top.kecamatan?.kode).toBe(cell.kecamatan)

    // Peta: the kecamatan is outlined, and only the flagged ones are.
    await page.goto(url('/peta', { kab: KUTIM }))
    const outline = page.locator(`path.peta-isu[data-kode="${cell.kecamatan}"]`)
    await outline.waitFor({ timeout: 30_000 })
    const flagged = new Set(issues.map((i) => i.kecamatan?.kode).filter(Boolean))
    const outlined = await page.locator('path.peta-isu').evaluateAll((els) => els.map((e) => (e as SVGElement).dataset.kode))
    expect(new Set(outlined)).toEqual(flagged)
    const item = page.getByTestId('peta-isu-item').first()
    expect(Number(await item.getAttribute('data-count'))).toBe(top.count)
    await page.screenshot({ path: join(SCREENS, 'peta-isu-1920x1080.png') })
    await item.click()
    await page.waitForURL(/\/antrean\/semua/)
    await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value'), { timeout: 30_000 }).toBe(String(top.count))

    // The briefing's third slide.
    await page.goto(url('/briefing', { kab: KUTIM, periode: '30-hari' }))
    await page.getByTestId('briefing').waitFor()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByTestId('briefing').getAttribute('data-slide')).toBe('3')
    const card = page.getByTestId('b-rising-item').first()
    await card.waitFor()
    expect(Number(await page.getByTestId('b-rising').getAttribute('data-count'))).toBe(issues.length)
    expect(Number(await card.getAttribute('data-count'))).toBe(top.count)
    await page.screenshot({ path: join(SCREENS, 'briefing-isu-naik-1920x1080.png') })
    await card.click()
    await page.waitForURL(/\/antrean\/semua/)
    await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value'), { timeout: 30_000 }).toBe(String(top.count))
  }, 240_000)
})
