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
          // The map is a chunk of its own: until it has arrived there is no area, loading or not.
          await page.locator('path.peta-area').first().waitFor()
          await expect.poll(() => page.locator('path.peta-area[data-cls="loading"]').count(), { timeout: 15_000 }).toBe(0)
          await page.waitForTimeout(800)
          // Every kecamatan named at the first zoom, legibly: no name hidden as crowded, none past the map's edge.
          expect(await page.getByTestId('peta-label').count()).toBe(await page.locator('path.peta-area').count())
          expect(await labelProblems(page, '.leaflet-container', '.leaflet-tooltip.peta-label', '.peta-label-text'), `Peta ${kab} ${language} ${viewport.width}`).toEqual([])
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

/**
 * What keeps a map's names from being read: labels hidden as crowded and labels whose text lies past the map's
 * edge (by its kecamatan code and how far). `label` is the element the declutter pass marks is-crowded, `text` the
 * part it moves.
 */
function labelProblems(page: Page, map: string, label: string, text: string): Promise<string[]> {
  return page.evaluate(
    ([map, label, text]) => {
      const box = document.querySelector(map)!.getBoundingClientRect()
      const out: string[] = []
      for (const el of document.querySelectorAll<HTMLElement>(label)) {
        const t = el.matches(text) ? el : el.querySelector<HTMLElement>(text)!
        const kode = t.dataset.kode ?? '?'
        if (el.classList.contains('is-crowded')) {
          out.push(`${kode} crowded out`)
          continue
        }
        const b = t.getBoundingClientRect()
        const past = Math.max(box.left - b.left, b.right - box.right, box.top - b.top, b.bottom - box.bottom)
        if (past > 1) out.push(`${kode} ${Math.round(past)} px past the edge`)
      }
      return out
    },
    [map, label, text] as const,
  )
}

describe('map labels on the wall and the briefing', () => {
  it('name every kecamatan of both regions inside the map, none crowded out', { timeout: 180_000 }, async () => {
    for (const viewport of SIZES) {
      const { page, base } = await desk(ws, 'supervisor', { viewport })
      for (const kab of [KUTIM, NATUNA]) {
        // The briefing is shown from a laptop as often as from the control room: both sizes. The wall is a
        // control-room screen (1920×1080 and up).
        await page.goto(url(base, '/briefing', kab, { salindia: '3' }))
        await page.getByTestId('b-map-label').first().waitFor({ state: 'attached' })
        await page.waitForTimeout(800)
        expect(await page.getByTestId('b-map-label').count()).toBeGreaterThan(10)
        const problems = await labelProblems(page, '[data-testid="b-map"]', '[data-testid="b-map-label"]', '.smap-label')
        await shot(page, `briefing-map-${kab}`)
        expect(problems, `briefing ${kab} ${viewport.width}`).toEqual([])
        if (viewport.width < 1920) continue
        await page.goto(url(base, '/dinding/peta', kab))
        await page.getByTestId('wall-map-label').first().waitFor({ state: 'attached' })
        await page.waitForTimeout(800)
        expect(await labelProblems(page, '[data-testid="wall-map"]', '[data-testid="wall-map-label"]', '.smap-label'), `wall ${kab}`).toEqual([])
        await shot(page, `wall-map-${kab}`)
      }
    }
  })
})

/** The Antrean list's total once it has loaded. */
async function queueTotal(page: Page): Promise<number> {
  await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value'), { timeout: 15_000 }).not.toBe('')
  return Number(await page.getByTestId('queue-total').getAttribute('data-value'))
}

/** Clicks `link` and returns the number it showed and the total of the Antrean list it opened. */
async function drill(page: Page, link: ReturnType<Page['getByTestId']>, shown: () => Promise<string | null>): Promise<[number, number]> {
  const n = Number(await shown())
  await link.click()
  await page.waitForURL(/\/antrean\//)
  return [n, await queueTotal(page)]
}

describe('drill-down to Antrean', () => {
  it('every Ringkasan tile and breakdown row opens a list as long as its number', { timeout: 120_000 }, async () => {
    const { page, base } = await desk(ws, 'supervisor')
    const open = async () => {
      await page.goto(url(base, '/', KUTIM))
      await expect.poll(() => page.getByTestId('kpi-masuk').getAttribute('data-value'), { timeout: 15_000 }).not.toBe('')
    }
    for (const tile of ['kpi-masuk', 'kpi-terbuka', 'kpi-terlambat', 'kpi-selesai']) {
      await open()
      const [n, total] = await drill(page, page.getByTestId(`${tile}-tile`), () => page.getByTestId(tile).getAttribute('data-value'))
      expect(n, tile).toBeGreaterThan(0)
      expect(total, tile).toBe(n)
    }
    // "Selesai" opened 'semua' narrowed to that status, and the chip says so.
    expect(new URL(page.url()).searchParams.get('status')).toBe('selesai')
    expect(await page.getByTestId('queue-status-chip').textContent()).toContain('Selesai')
    // Every status row too: the list holds as many complaints as the row counts.
    await open()
    const statuses = await page.getByTestId('by-status').locator('li').count()
    expect(statuses).toBeGreaterThan(2)
    for (let i = 0; i < statuses; i++) {
      await open()
      const row = page.getByTestId('by-status').locator('li').nth(i)
      const [sn, stotal] = await drill(page, row.locator('a'), () => row.getAttribute('data-value'))
      expect(stotal, `status row ${i}`).toBe(sn)
      expect(new URL(page.url()).searchParams.get('status'), `status row ${i}`).not.toBeNull()
    }
    // The chip lifts the status: the whole period's complaints again.
    await page.getByTestId('queue-status-chip').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBeNull()
    await open()
    const kec = page.getByTestId('by-kecamatan').locator('li').first()
    const [n, total] = await drill(page, kec.locator('a'), () => kec.getAttribute('data-value'))
    expect(total).toBe(n)
    expect(new URL(page.url()).searchParams.get('kec')).toMatch(/^64\.08\.\d{2}$/)
    await open()
    const cat = page.getByTestId('by-kategori').locator('li').first()
    const [cn, ctotal] = await drill(page, cat.locator('a'), () => cat.getAttribute('data-value'))
    expect(ctotal).toBe(cn)
  })

  it('a kecamatan clicked on the map lists its complaints, and Antrean lists as many', { timeout: 120_000 }, async () => {
    const { page, base } = await desk(ws, 'supervisor')
    for (const kab of [KUTIM, NATUNA]) {
      await page.goto(url(base, '/peta', kab))
      await expect.poll(() => page.locator('path.peta-area[data-cls="loading"]').count(), { timeout: 15_000 }).toBe(0)
      const area = page.locator('path.peta-area').first()
      const box = (await area.boundingBox())!
      // The area's own shape, not a label over it: Leaflet takes the click on the path.
      await area.dispatchEvent('click', { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 })
      await expect.poll(() => page.getByTestId('peta-list-total').getAttribute('data-value'), { timeout: 15_000 }).not.toBe('')
      const [n, total] = await drill(page, page.getByTestId('peta-list-antrean'), () => page.getByTestId('peta-list-total').getAttribute('data-value'))
      expect(total).toBe(n)
    }
  })
})

describe('Kinerja OPD', () => {
  it('an OPD clicked opens its open complaints in Antrean, as many as its backlog shows', { timeout: 60_000 }, async () => {
    const { page, base } = await desk(ws, 'supervisor')
    await page.goto(url(base, '/kinerja-opd', KUTIM))
    await page.locator('[data-testid="kinerja-opd"][data-state="ready"]').waitFor()
    const row = page.getByTestId('bars-tunggakan-row').first()
    const key = await row.getAttribute('data-key')
    const [n, total] = await drill(page, row.locator('a'), () => row.getAttribute('data-value'))
    expect(new URL(page.url()).pathname).toBe('/antrean/semua_terbuka')
    expect(new URL(page.url()).searchParams.get('unit')).toBe(key)
    expect(total).toBe(n)
  })

  it('draws a value axis and says the previous period is compared at the same age', async () => {
    const { page, base } = await desk(ws, 'supervisor')
    await page.goto(url(base, '/kinerja-opd', KUTIM))
    await page.locator('[data-testid="kinerja-opd"][data-state="ready"]').waitFor()
    expect(await page.getByTestId('bars-tepat-waktu-axis').locator('.ranked-tick').allTextContents()).toEqual(['0', '25', '50', '75', '100'])
    expect(await page.getByTestId('compare').getAttribute('data-comparison')).toBe('same_age')
    expect(await page.getByTestId('compare').textContent()).toContain('dibandingkan pada umur yang sama')
    // Names never sit under a bar's marks: each name has a column of its own, left of its track.
    const rows = page.getByTestId('bars-hari-tl-row')
    for (let i = 0; i < Math.min(5, await rows.count()); i++) {
      const label = (await rows.nth(i).locator('.ranked-label').boundingBox())!
      const track = (await rows.nth(i).locator('.ranked-track').boundingBox())!
      expect(label.x + label.width).toBeLessThanOrEqual(track.x)
    }
  })

  it('draws with no console errors on every preset period, for all OPD and for one OPD', { timeout: 120_000 }, async () => {
    const { page, base } = await desk(ws, 'supervisor')
    for (const periode of ['30-hari', '90-hari', 'tahun-ini', '12-bulan']) {
      // The harness's errors check fails the test on any console error, an SVG "<path> attribute d: … NaN" included.
      for (const path of ['/kinerja-opd', '/kinerja-opd/1']) {
        await page.goto(`${base}${path}?${new URLSearchParams({ kab: KUTIM, periode })}`)
        await page.locator('[data-testid="kinerja-opd"][data-state="ready"]').waitFor()
        await page.waitForTimeout(300)
      }
    }
  })
})

/** Indonesian words that must not be left on a screen in English mode: status names, dates, screen words. */
const INDONESIAN = /\b(Belum Terverifikasi|Belum Ditindaklanjuti|Bukan Wewenang|Selesai|Tunda|Arsip|Masuk|Terbuka|Lewat tenggat|sebelumnya|periode|Des|Okt|Agu|Mei|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Semua|Pengaduan|Kecamatan teratas|Kategori)\b/

describe('English mode', () => {
  it('leaves no Indonesian status, date or screen words on Ringkasan, Peta and Kinerja OPD', { timeout: 60_000 }, async () => {
    const { page, base } = await desk(ws, 'supervisor', { language: 'en' })
    const check = async (path: string, ready: () => Promise<unknown>) => {
      await page.goto(url(base, path, KUTIM))
      await ready()
      await page.waitForTimeout(300)
      // Place and category names are the store's data, not the UI's words: only the frame and screen chrome count.
      const text = await page.evaluate(() => {
        const clone = document.body.cloneNode(true) as HTMLElement
        for (const el of clone.querySelectorAll('.barlist-label, .peta-label-name, .ranked-label, .feed-title, .feed-where, .feed-meta, .area-name, option, .peta-rank-name')) el.remove()
        return clone.innerText
      })
      expect(text.match(INDONESIAN)?.[0] ?? null, `${path}: ${text.slice(0, 2000)}`).toBeNull()
    }
    await check('/', () => expect.poll(() => page.getByTestId('kpi-masuk').getAttribute('data-value'), { timeout: 15_000 }).not.toBe(''))
    await check('/peta', () => expect.poll(() => page.locator('path.peta-area[data-cls="loading"]').count(), { timeout: 15_000 }).toBe(0))
    await check('/kinerja-opd', () => page.locator('[data-testid="kinerja-opd"][data-state="ready"]').waitFor())
    // Antrean: the queue names, the toolbar and the count line (the rows are the store's data).
    await page.goto(url(base, '/antrean/semua_terbuka', KUTIM, { status: 'proses' }))
    await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value'), { timeout: 15_000 }).not.toBe('')
    const chrome = await page.evaluate(() => ['.queue-tabs', '.queue-toolbar', '.selection-bar'].map((s) => (document.querySelector(s) as HTMLElement).innerText).join('\n'))
    expect(chrome.match(INDONESIAN)?.[0] ?? null, chrome).toBeNull()
    expect(chrome).toContain('To verify')
    expect(chrome).toContain('Status only: In progress')
    expect(await page.getByTestId('queue-row').first().textContent()).not.toMatch(/\b(umur|terlambat|tenggat) /)
  })

  it('switches language from the header', async () => {
    const { page, base } = await desk(ws, 'supervisor')
    await page.goto(url(base, '/', KUTIM))
    await expect.poll(() => page.getByTestId('kpi-masuk-tile').textContent()).toContain('Masuk dalam periode')
    await page.getByTestId('language-en').click()
    await expect.poll(() => page.getByTestId('kpi-masuk-tile').textContent()).toContain('Received in period')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
  })
})

describe('date field', () => {
  it('shows and takes dd/mm/yyyy whatever the browser locale', async () => {
    const { page, base } = await desk(ws, 'supervisor', { language: 'en' })
    await page.goto(url(base, '/', KUTIM))
    await page.getByTestId('period-custom').click()
    expect(await page.getByTestId('period-from').inputValue()).toBe('01/03/2026')
    expect(await page.getByTestId('period-to').inputValue()).toBe('31/10/2026')
    await page.getByTestId('period-from').fill('15/06/2026')
    expect(await page.getByTestId('period-from').getAttribute('data-value')).toBe('2026-06-15')
    await page.getByTestId('period-to').fill('31/02/2026')
    expect(await page.getByTestId('period-apply').isDisabled()).toBe(true)
    await page.getByTestId('period-to').fill('30/06/2026')
    await page.getByTestId('period-apply').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('dari')).toBe('2026-06-15')
    expect(new URL(page.url()).searchParams.get('sampai')).toBe('2026-06-30')
  })
})
