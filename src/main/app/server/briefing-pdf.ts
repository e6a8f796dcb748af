// The briefing as a PDF, one slide per 1920×1080 page, exactly as the Briefing screen shows it: the built renderer
// is served on a private loopback port (a random token, so nothing else on the machine can read it meanwhile),
// opened in headless Chromium and printed with the screen's own print CSS. Used by `tanggap export --what
// briefing` and by scheduled reports; the desktop app prints the same page with Electron (app/shell/briefing-pdf.ts).
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { KABUPATEN_KODE, periodSchema } from '#shared/domain.ts'
import { openWorkspace, type Workspace } from '../workspace/open.ts'
import { startServer } from './serve.ts'
import { getKabupaten } from '#main/reference/regions/queries.ts'
import { resourcePath } from '#main/resources.ts'
import { findChromium, HEADLESS_FLAGS } from '#main/briefing/chromium.ts'

export type BriefingPdfOptions = {
  /** The store: a file (opened and closed here) or an open workspace (left open). */
  dbFile?: string
  workspace?: Workspace
  kabupaten: string
  /** The period, local dates YYYY-MM-DD (inclusive). */
  from: string
  to: string
  /** Where the PDF goes; written whole or not at all. */
  out: string
  lang?: 'id' | 'en'
  /** The screen's theme; dark (the default) is what the room saw. */
  theme?: 'dark' | 'light'
  /** The built renderer (default: out/renderer of this installation). */
  rendererDir?: string
  /** Give up after this long (default 90 s). */
  timeoutMs?: number
}

export type BriefingPdfResult = { pages: number; bytes: number }

/** Pages of a PDF, from its page objects (Chromium writes them uncompressed). */
export function countPdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
}

function checkOptions(opts: BriefingPdfOptions): void {
  if (!opts.workspace && !opts.dbFile) throw new Error('Berkas data (dbFile) atau workspace wajib diberikan')
  if (opts.dbFile && !opts.workspace && !existsSync(opts.dbFile)) throw new Error(`Berkas data ${opts.dbFile} tidak ada`)
  if (!KABUPATEN_KODE.test(opts.kabupaten)) throw new Error(`Kode kabupaten "${opts.kabupaten}" harus berbentuk NN.NN, mis. 64.08`)
  const period = periodSchema.safeParse({ from: opts.from, to: opts.to })
  if (!period.success) {
    throw new Error(`Periode ${opts.from} – ${opts.to} tidak valid: ${period.error.issues.map((i) => i.message).join('; ')} (format YYYY-MM-DD)`)
  }
  if (!opts.out) throw new Error('Berkas keluaran (out) wajib diberikan')
}

/** The least-privileged active profile: the briefing API answers the same safe data to every role anyway. */
function exportProfile(ws: Workspace): string {
  const username = ws.db
    .prepare(
      `SELECT username FROM app_user WHERE is_active = 1
       ORDER BY CASE role WHEN 'viewer' THEN 0 WHEN 'operator' THEN 1 WHEN 'supervisor' THEN 2 ELSE 3 END, id LIMIT 1`,
    )
    .pluck()
    .get() as string | undefined
  if (!username) throw new Error('Tidak ada profil pengguna aktif di berkas data')
  return username
}

export async function exportBriefingPdf(opts: BriefingPdfOptions): Promise<BriefingPdfResult> {
  checkOptions(opts)
  const rendererDir = opts.rendererDir ?? resourcePath('..', 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`Renderer belum dibangun di ${rendererDir}: jalankan \`npm run build\` lebih dulu`)
  }
  const { chromium } = await import('playwright-core').catch(() => {
    throw new Error('Paket playwright-core tidak terpasang: dibutuhkan untuk mencetak briefing ke PDF')
  })
  const executablePath = findChromium()
  const ws = opts.workspace ?? openWorkspace(opts.dbFile!)
  const cleanups: (() => Promise<void> | void)[] = opts.workspace ? [] : [() => ws.close()]
  const out = resolve(opts.out)
  const partial = `${out}.${process.pid}.part`
  try {
    getKabupaten(ws.db, opts.kabupaten) // a clear "not in this store" before any browser starts
    const token = randomBytes(24).toString('base64url')
    const server = await startServer({ workspace: ws, port: 0, staticDir: rendererDir, username: exportProfile(ws), token })
    cleanups.unshift(() => server.close())
    const browser = await chromium.launch({ executablePath, args: HEADLESS_FLAGS })
    cleanups.unshift(() => browser.close())
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 })
    // The screen's own preferences (prefs.ts), set before the app's first script runs.
    // (Scripts as text: this file is compiled without the DOM types.)
    const prefs = JSON.stringify({ language: opts.lang ?? 'id', theme: opts.theme ?? 'dark' })
    await context.addInitScript({ content: `localStorage.setItem('tanggap.prefs', ${JSON.stringify(prefs)})` })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(err.message))
    const query = new URLSearchParams({ kab: opts.kabupaten, dari: opts.from, sampai: opts.to, token })
    const timeout = opts.timeoutMs ?? 90_000
    await page.goto(`${server.url}/briefing?${query}`, { timeout })
    try {
      await page.locator('[data-testid="briefing"][data-ready="1"]').waitFor({ timeout })
    } catch (err) {
      throw new Error(`Briefing tidak siap dicetak dalam ${timeout / 1000} detik${problems.length ? `: ${problems.join('; ')}` : ''} (${String(err)})`)
    }
    await page.evaluate('document.fonts.ready.then(() => true)')
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(partial, pdf)
    renameSync(partial, out)
    return { pages: countPdfPages(pdf), bytes: pdf.length }
  } finally {
    rmSync(partial, { force: true })
    for (const cleanup of cleanups) await cleanup()
  }
}
