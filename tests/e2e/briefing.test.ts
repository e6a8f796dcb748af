// End to end: the Briefing screen in Chromium against serve mode on a generated store. The numbers on the slides
// are checked against the KPI API the other screens use; the slides are driven from the keyboard like a clicker;
// the browser's own print (the print CSS behind window.print) gives one slide per 1920×1080 page; an operator
// picks the notable cases. Screenshots at 1920×1080 and 3840×2160 go to test-artifacts/screens/briefing-*.png.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/briefing.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { inkShare, pageText, pdfInfo } from './pdf-tools.ts'
import type { Workspace } from '#main/app/workspace/open.ts'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { demoWorkspace, desk, ID, KUTIM, profile, PROFILES, SCREENS, scratchDir, VIEWPORT } from './harness.ts'

const PERIOD = { from: '2026-03-01', to: '2026-10-31' }
const SLIDES = ['judul', 'angka', 'naik', 'peta', 'liga', 'tunggakan', 'masalah', 'terlambat', 'pilihan']
const OPERATOR = { username: 'op', nama: 'Rina (operator)', role: 'operator' } as const

let ws: Workspace

beforeAll(async () => {
  ws = await demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 7 }, undefined, 'briefing.db')
  profile(ws, OPERATOR)
  profile(ws, 'viewer')
})

async function open(username: string, viewport = VIEWPORT, query = '') {
  // A context of its own, so a presenter's second window can share the page's origin and storage.
  const d = await desk(ws, username === OPERATOR.username ? OPERATOR : PROFILES.viewer, { viewport })
  await d.page.goto(`${d.base}/briefing?kab=${KUTIM}&dari=${PERIOD.from}&sampai=${PERIOD.to}${query}`)
  await d.page.locator('[data-testid="briefing"][data-ready="1"]').waitFor({ timeout: 20_000 })
  return d
}

const slide = (page: Page) => page.getByTestId('briefing').getAttribute('data-slide').then(Number)
const value = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-value')
const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

describe('Briefing (serve mode, Chromium)', () => {
  it('shows on its slides the numbers of the KPI API: headline, map, OPD league, backlog, overdue', async () => {
    const { page, api } = await open('dinding')
    const [all, opd, kec, late] = await Promise.all([
      api.kpi.table.query({ kabupaten: KUTIM, dim: 'all', period: PERIOD }),
      api.kpi.table.query({ kabupaten: KUTIM, dim: 'opd', period: PERIOD }),
      api.kpi.table.query({ kabupaten: KUTIM, dim: 'kecamatan', period: PERIOD }),
      api.complaints.queue.query({ kabupaten: KUTIM, queue: 'terlambat', limit: 1 }),
    ])
    const t = all.total
    expect(t.n).toBeGreaterThan(300)
    expect(await page.getByTestId('cover-kabupaten').textContent()).toBe('Kabupaten Kutai Timur')

    // Headline figures, raw and as written on the slide (id-ID), with the previous period beside them.
    const headline = { masuk: t.n, pctSelesai: t.pctSelesai, pctResponseOnTime: t.pctResponseOnTime, medianResponseHk: t.medianResponseHk, openNow: t.openNow, overdueNow: t.overdueNow }
    for (const [key, v] of Object.entries(headline)) expect({ key, v: await value(page, `b-kpi-${key}`) }).toEqual({ key, v: String(v) })
    expect(await page.getByTestId('b-kpi-masuk').textContent()).toBe(ID.format(t.n))
    expect(await page.getByTestId('b-kpi-pctResponseOnTime').textContent()).toBe(`${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(t.pctResponseOnTime!)}%`)
    expect(await value(page, 'b-kpi-masuk-previous')).toBe(String(t.previous.n))
    expect(await value(page, 'b-kpi-pctResponseOnTime-previous')).toBe(String(t.previous.pctResponseOnTime))

    // The map: every kecamatan's label carries its number of complaints.
    const labels = await page.getByTestId('b-map-label').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.kode, (e as HTMLElement).dataset.value]))
    expect(labels.length).toBe(18)
    for (const [kode, n] of labels) expect({ kode, n }).toEqual({ kode, n: String(kec.rows.find((r) => r.key === kode)?.n ?? 0) })

    // The league: exactly the ranked OPD (the slide shows all of them when they fit), with their figures.
    const ranked = opd.rows.filter((r) => r.isRanked)
    const rows = await page.getByTestId('b-league-row').evaluateAll((els) => els.map((e) => ({ ...(e as HTMLElement).dataset })))
    expect(ranked.length).toBeGreaterThan(0)
    expect(rows.length).toBe(Math.min(12, ranked.length))
    for (const r of rows) {
      const api = ranked.find((x) => x.key === r.key)!
      expect(r).toMatchObject({ n: String(api.n), pct: String(api.pctResponseOnTime), median: String(api.medianResponseHk) })
    }
    const pcts = rows.map((r) => Number(r.pct))
    expect(pcts.slice(0, 6)).toEqual([...pcts.slice(0, 6)].sort((a, b) => b - a))

    expect(await value(page, 'b-backlog-total')).toBe(String(t.openNow))
    const backlog = await page.getByTestId('b-backlog-row').first().evaluate((e) => ({ ...(e as HTMLElement).dataset }))
    const worst = opd.rows.filter((r) => r.key !== '').sort((a, b) => b.overdueNow - a.overdueNow)[0]
    expect(backlog).toMatchObject({ open: String(worst.openNow), overdue: String(worst.overdueNow) })
    expect(await page.getByTestId('b-overdue').getAttribute('data-total')).toBe(String(late.total))
  })

  it('moves like a presentation: arrows, PageUp/PageDown, space, Home/End, the URL keeps the slide; N notes, B black, F full screen', async () => {
    const { page } = await open('dinding')
    await expect.poll(() => slide(page)).toBe(1)
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => slide(page)).toBe(2)
    await page.keyboard.press('PageDown') // what a presenter's clicker sends
    await expect.poll(() => slide(page)).toBe(3)
    await page.keyboard.press(' ')
    await expect.poll(() => slide(page)).toBe(4)
    await page.keyboard.press('PageUp')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => slide(page)).toBe(2)
    await page.keyboard.press('End')
    await expect.poll(() => slide(page)).toBe(9)
    await page.keyboard.press('ArrowRight') // no slide after the last
    await expect.poll(() => slide(page)).toBe(9)
    await page.keyboard.press('Home')
    await expect.poll(() => slide(page)).toBe(1)
    await page.keyboard.press('PageUp')
    await expect.poll(() => slide(page)).toBe(1)
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
    await expect.poll(() => new URL(page.url()).searchParams.get('salindia')).toBe('4')
    await expect.poll(() => page.getByTestId('slide-peta').isVisible()).toBe(true)
    expect(await page.getByTestId('slide-angka').isVisible()).toBe(false)
    await page.reload()
    await page.locator('[data-testid="briefing"][data-ready="1"]').waitFor()
    await expect.poll(() => slide(page)).toBe(4)

    // Notes for the speaker: the same numbers in words, never on the slide itself.
    await page.keyboard.press('n')
    const notes = page.getByTestId('deck-notes-panel')
    await notes.waitFor()
    expect(await notes.textContent()).toContain('Kecamatan terbanyak')
    // Back past "Isu yang sedang naik" to the key numbers.
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    const masuk = Number(await value(page, 'b-kpi-masuk'))
    await expect.poll(() => notes.textContent()).toContain(`Pengaduan masuk ${ID.format(masuk)}`)
    await page.keyboard.press('N')
    await expect.poll(() => notes.count()).toBe(0)

    // B blanks the screen; any move brings the slides back.
    await page.keyboard.press('b')
    await page.getByTestId('deck-black').waitFor()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByTestId('deck-black').count()).toBe(0)
    await expect.poll(() => slide(page)).toBe(3)

    // F: the slide fills the screen, without the app's menu; large type from across the room.
    // A presenter's second window with the notes follows the slides, and moves them.
    const notesWindow = await page.context().newPage()
    await notesWindow.goto(`${page.url()}&tampil=catatan`)
    await notesWindow.getByTestId('notes-window').waitFor()
    expect(await notesWindow.getByTestId('notes-window').getAttribute('data-slide')).toBe('3')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => notesWindow.getByTestId('notes-window').getAttribute('data-slide')).toBe('4')
    expect(await notesWindow.getByTestId('notes-window').textContent()).toContain('Kecamatan terbanyak')
    await notesWindow.keyboard.press('PageDown')
    await expect.poll(() => slide(page)).toBe(5)
    await notesWindow.close()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => slide(page)).toBe(3)

    await page.keyboard.press('f')
    await expect.poll(() => page.getByTestId('briefing').getAttribute('class')).toContain('is-presenting')
    const box = await page.getByTestId('slide-peta').boundingBox()
    expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 })
    expect(await page.getByTestId('deck-next').isVisible()).toBe(false)
    await page.keyboard.press('f')
    await expect.poll(() => page.getByTestId('briefing').getAttribute('class')).not.toContain('is-presenting')
  })

  it('compares slide 2 with the previous period at the same age, and says so', async () => {
    const d = await desk(ws, PROFILES.viewer, { viewport: VIEWPORT })
    await d.page.goto(`${d.base}/briefing?kab=${KUTIM}&periode=30-hari`)
    await d.page.locator('[data-testid="briefing"][data-ready="1"]').waitFor({ timeout: 20_000 })
    await d.page.keyboard.press('ArrowRight')
    await expect.poll(() => slide(d.page)).toBe(2)
    expect(await d.page.getByTestId('slide-angka').textContent()).toContain('dibandingkan dengan periode sebelumnya pada umur yang sama')
    await d.page.screenshot({ path: join(SCREENS, 'briefing-2-angka-same-age-1920x1080.png') })
  })

  it('is readable from across the room at 1920×1080 and 3840×2160; screenshots of every slide', { timeout: 120_000 }, async () => {
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 3840, height: 2160 },
    ]) {
      const { page } = await open('dinding', viewport)
      await page.keyboard.press('f')
      await expect.poll(() => page.getByTestId('briefing').getAttribute('class')).toContain('is-presenting')
      const scale = viewport.width / 1920
      expect(await fontPx(page, '[data-testid="b-kpi-masuk"]')).toBeGreaterThanOrEqual(90 * scale)
      expect(await fontPx(page, '.slide-title')).toBeGreaterThanOrEqual(48 * scale)
      // The smallest text on a slide (the footer) is still 17 px at 1920.
      const smallest = await page.locator('.slide').first().evaluate((root) =>
        Math.min(...[...root.ownerDocument.querySelectorAll('.slide *')].filter((e) => e.textContent?.trim() && e.children.length === 0).map((e) => parseFloat(getComputedStyle(e).fontSize))),
      )
      expect(smallest).toBeGreaterThanOrEqual(16 * scale)
      for (const [i, key] of SLIDES.entries()) {
        await expect.poll(() => slide(page)).toBe(i + 1)
        // Nothing on a slide spills out of it.
        const spill = await page.getByTestId(`slide-${key}`).evaluate((s) => s.scrollHeight - s.clientHeight)
        expect({ key, spill }).toEqual({ key, spill: 0 })
        await page.screenshot({ path: join(SCREENS, `briefing-${i + 1}-${key}-${viewport.width}x${viewport.height}.png`) })
        await page.keyboard.press('ArrowRight')
      }
      await page.context().close()
    }
  })

  it("prints one slide per 1920×1080 page with the browser's own print (window.print's CSS)", async () => {
    const { page } = await open('dinding')
    const masuk = Number(await value(page, 'b-kpi-masuk'))
    const file = join(scratchDir(), 'print.pdf')
    const started = performance.now()
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true })
    console.log(`browser print of the briefing: ${Math.round(performance.now() - started)} ms`)
    expect(pdfInfo(file)).toEqual({ pages: 9, size: '1440 x 810 pts' })
    expect(pageText(file, 1)).toContain('Kabupaten Kutai Timur')
    expect(pageText(file, 2)).toContain(ID.format(masuk))
    for (let p = 1; p <= 8; p++) expect(inkShare(file, p)).toBeGreaterThan(0.003)
    // The app's menu and the slide controls are not printed.
    expect(pageText(file, 2)).not.toContain('Ringkasan')
    expect(pageText(file, 2)).not.toContain('Berikutnya')
  })

  it('lets an operator choose notable cases (not rahasia ones) and shows them on the last slide; a viewer cannot', async () => {
    const viewer = await open('dinding')
    expect(await viewer.page.getByTestId('deck-pick').count()).toBe(0)

    const { page } = await open('op', { width: 1920, height: 1080 }, '&salindia=9')
    expect(await page.getByTestId('slide-pilihan').textContent()).toContain('Belum ada kasus pilihan')
    const [open1, secret] = ws.db
      .prepare("SELECT tracking_id FROM complaint WHERE kabupaten_kode = ? AND is_rahasia = ? ORDER BY id LIMIT 1")
      .pluck()
      .all(KUTIM, 0)
      .concat(ws.db.prepare('SELECT tracking_id FROM complaint WHERE kabupaten_kode = ? AND is_rahasia = 1 ORDER BY id LIMIT 1').pluck().all(KUTIM)) as string[]
    await page.getByTestId('deck-pick').click()
    const picker = page.getByTestId('notable-picker')
    await picker.waitFor()
    // Typing in the picker does not move the slides.
    await page.getByTestId('picker-search').fill(secret)
    await page.getByTestId('picker-search').press('Enter')
    const secretRow = page.locator(`[data-testid="picker-result"][data-tracking-id="${secret}"]`)
    await secretRow.waitFor()
    expect(await secretRow.textContent()).toContain('Rahasia: tidak dapat dipilih')
    expect(await secretRow.getByTestId('picker-add').count()).toBe(0)
    await page.getByTestId('picker-search').fill(open1)
    await page.getByTestId('picker-search-button').click()
    await page.locator(`[data-testid="picker-result"][data-tracking-id="${open1}"] [data-testid="picker-add"]`).click()
    await page.getByTestId('picker-note').fill('Warga menunggu sejak lama; mohon arahan Bupati')
    await page.getByTestId('picker-save').click()
    await picker.waitFor({ state: 'detached' })
    await expect.poll(() => slide(page)).toBe(9)
    const chosen = page.getByTestId('b-notable')
    await chosen.waitFor()
    expect(await chosen.getAttribute('data-tracking-id')).toBe(open1)
    expect(await chosen.textContent()).toContain('mohon arahan Bupati')
    await page.screenshot({ path: join(SCREENS, 'briefing-notable-1920x1080.png') })
    // The viewer's presentation follows without a reload (live channel).
    await viewer.page.keyboard.press('End')
    await expect.poll(() => viewer.page.getByTestId('b-notable').count(), { timeout: 10_000 }).toBe(1)
  })

  it('follows new complaints without a reload', async () => {
    const { page } = await open('dinding', { width: 1920, height: 1080 }, '&salindia=2')
    const before = Number(await value(page, 'b-kpi-masuk'))
    const insert = ws.db.prepare(
      `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw, submitted_at, updated_at)
       VALUES (?, 'e2e', ?, 'Jembatan Sangatta Baru retak', 'Isi', 'pengaduan', 'web', 'belum_terverifikasi', 'Belum Terverifikasi', ?, ?)`,
    )
    const at = Date.parse('2026-10-15T02:00:00Z')
    const id = Number(insert.run(KUTIM, `E2E-B-${Date.now()}`, at, Date.now()).lastInsertRowid)
    refreshComplaints(ws.db, KUTIM, [id])
    ws.bus.emit({ kabupaten: KUTIM, kind: 'complaints', at: Date.now(), count: 1 })
    await expect.poll(() => value(page, 'b-kpi-masuk').then(Number), { timeout: 10_000 }).toBe(before + 1)
  })
})
