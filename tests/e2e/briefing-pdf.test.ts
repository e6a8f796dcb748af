// The briefing as a PDF from the command-line path (exportBriefingPdf: serve mode on a private port, headless
// Chromium, the screen's print CSS). The file is read back with poppler, not with the browser that wrote it: page
// count and size, something drawn on every page, and on each page the text and numbers the slide must carry.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/briefing-pdf.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { exportBriefingPdf } from '#main/app/server/briefing-pdf.ts'
import { briefingDeck } from '#main/briefing/deck.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { inkShare, pageText, pdfInfo } from './pdf-tools.ts'
import { demoStoreFile, ID, KUTIM, NATUNA, scratchDir } from './harness.ts'

const PERIOD = { from: '2026-03-01', to: '2026-10-31' }
let dbFile: string

beforeAll(async () => {
  // Shared by the tests of this file.
  dbFile = await demoStoreFile([
    { kabupaten: KUTIM, count: 3000, seed: 7 },
    { kabupaten: NATUNA, count: 600, seed: 8 },
  ], undefined, 'pdf.db')
})

describe('briefing PDF (headless Chromium)', () => {
  it('has one 16:9 page per slide, none blank, each with its slide and numbers', async () => {
    const out = join(scratchDir(), 'laporan', 'briefing-kutim.pdf')
    const started = performance.now()
    const result = await exportBriefingPdf({ dbFile, kabupaten: '64.08', from: PERIOD.from, to: PERIOD.to, out })
    const ms = Math.round(performance.now() - started)
    console.log(`briefing PDF (Kutai Timur, 3.000 pengaduan): ${result.pages} pages, ${result.bytes} bytes, ${ms} ms including the browser start`)
    expect(result.pages).toBe(9)
    expect(result.bytes).toBe(statSync(out).size)
    expect(pdfInfo(out)).toEqual({ pages: 9, size: '1440 x 810 pts' }) // 1920×1080 CSS px
    for (let p = 1; p <= 9; p++) expect({ p, ink: inkShare(out, p) > 0.003 }).toEqual({ p, ink: true })

    const ws = openWorkspace(dbFile)
    const deck = briefingDeck(ws.db, '64.08', PERIOD)
    ws.close()
    const text = Array.from({ length: 9 }, (_, i) => pageText(out, i + 1))
    expect(text[0]).toContain('Pengaduan Masyarakat')
    expect(text[0]).toContain('Kabupaten Kutai Timur')
    expect(text[0]).toContain('1 Mar 2026 – 31 Okt 2026')
    expect(text[1]).toContain('Angka utama')
    expect(text[1]).toContain(ID.format(deck.headline.n))
    expect(text[1]).toContain(ID.format(deck.headline.overdueNow))
    expect(text[2]).toContain('Isu yang sedang naik')
    expect(text[3]).toContain('Sebaran per kecamatan')
    const busiest = [...deck.kecamatan].sort((a, b) => b.n - a.n)[0]
    expect(text[3]).toMatch(new RegExp(`${busiest.nama}\\s+${busiest.n}`))
    expect(text[4]).toContain('Liga OPD')
    expect(text[4]).toContain(deck.league[0].label)
    expect(text[5]).toContain('Tunggakan menurut umur')
    expect(text[5]).toContain(ID.format(deck.headline.openNow))
    expect(text[6]).toContain(deck.issues[0].nama)
    expect(text[7]).toContain(`#${deck.overdue.cases[0].tracking_id}`)
    expect(text[8]).toContain('Kasus pilihan')
    // The app around the slides is not printed.
    for (const t of text) expect(t).not.toMatch(/Ringkasan|Berikutnya|Cetak \/ PDF/)
  })

  it('speaks English on request, and works for the other kabupaten', async () => {
    const out = join(scratchDir(), 'natuna.pdf')
    const result = await exportBriefingPdf({ dbFile, kabupaten: '21.03', from: PERIOD.from, to: PERIOD.to, out, lang: 'en', theme: 'light' })
    expect(result.pages).toBe(9)
    expect(pageText(out, 1)).toContain('Kabupaten Natuna')
    expect(pageText(out, 2)).toContain('Headline figures')
    expect(pageText(out, 5)).toContain('OPD league')
    for (let p = 1; p <= 9; p++) expect(inkShare(out, p)).toBeGreaterThan(0.003)
  })

  it('refuses bad input with a clear message and writes no file', async () => {
    const out = join(scratchDir(), 'tidak-ada.pdf')
    const base = { dbFile, kabupaten: '64.08', from: PERIOD.from, to: PERIOD.to, out }
    await expect(exportBriefingPdf({ ...base, dbFile: '/tidak/ada.db' })).rejects.toThrow('Berkas data /tidak/ada.db tidak ada')
    await expect(exportBriefingPdf({ ...base, kabupaten: 'Kutim' })).rejects.toThrow(/Kode kabupaten "Kutim" harus berbentuk NN.NN/)
    await expect(exportBriefingPdf({ ...base, from: '2026-10-31', to: '2026-03-01' })).rejects.toThrow(/awal periode harus sebelum akhir/)
    await expect(exportBriefingPdf({ ...base, from: '31-10-2026' })).rejects.toThrow(/Periode 31-10-2026 – 2026-10-31 tidak valid/)
    await expect(exportBriefingPdf({ ...base, kabupaten: '99.99' })).rejects.toThrow('Kabupaten 99.99 tidak ada di berkas data ini')
    await expect(exportBriefingPdf({ ...base, rendererDir: scratchDir() })).rejects.toThrow(/Renderer belum dibangun/)
    expect(existsSync(out)).toBe(false)
  })
})
