// How long a user waits on each screen of a large store: from opening the screen (a fresh page load) to its data
// being drawn, and from clicking another period to the map and charts being redrawn. Runs serve mode in this
// process and drives the installed Chromium with playwright-core (a dev dependency, as the benchmark is).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { startServer } from '#main/app/server/serve.ts'
import { resourcePath } from '#main/resources.ts'
import { findChromium, HEADLESS_FLAGS } from '#main/briefing/chromium.ts'


/** A screen, the selector that is true once its data is drawn, and its root (which carries `is-updating`). */
type ScreenProbe = { screen: string; path: string; ready: string; root: string; redraw: boolean }

const PROBES: ScreenProbe[] = [
  { screen: 'ringkasan', path: '/', ready: '[data-testid="ringkasan"]:not(.is-updating) [data-testid="kpi-masuk"]:not([data-value=""])', root: '[data-testid="ringkasan"]', redraw: true },
  {
    screen: 'peta',
    path: '/peta',
    ready: '[data-testid="peta"]:not(.is-updating) [data-testid="peta-legend-row"]',
    root: '[data-testid="peta"]',
    redraw: true,
  },
  { screen: 'kinerja_opd', path: '/kinerja-opd', ready: '[data-testid="kinerja-opd"][data-state="ready"]', root: '[data-testid="kinerja-opd"]', redraw: true },
  { screen: 'antrean', path: '/antrean/verifikasi', ready: '[data-testid="antrean"] [data-testid="queue-row"]', root: '[data-testid="antrean"]', redraw: false },
]

export type ScreenTiming = { screen: string; open_ms: { median: number; p95: number; runs: number }; period_change_ms?: { median: number; p95: number; runs: number } }

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] * 10) / 10
  return { median: at(0.5), p95: at(0.95), runs: s.length }
}

/**
 * Clicks a period preset and resolves with the time until the screen's root has been `is-updating` and is no
 * longer, plus one animation frame (the redraw is on screen).
 */
function timePeriodChange(page: Page, root: string, preset: string): Promise<number> {
  // Runs in the page; a string, as this file is compiled without the DOM library.
  const script = `new Promise((resolve, reject) => {
    const el = document.querySelector(${JSON.stringify(root)})
    const button = document.querySelector('[data-testid="period-preset-${preset}"]')
    if (!el || !button) return reject(new Error('tidak ditemukan: ${root} / ${preset}'))
    const t0 = performance.now()
    let updating = false
    const obs = new MutationObserver(() => {
      if (el.classList.contains('is-updating')) updating = true
      else if (updating) {
        obs.disconnect()
        requestAnimationFrame(() => resolve(performance.now() - t0))
      }
    })
    obs.observe(el, { attributes: true, attributeFilter: ['class'] })
    setTimeout(() => { obs.disconnect(); reject(new Error('tidak digambar ulang dalam 30 detik')) }, 30000)
    button.click()
  })`
  return page.evaluate(script) as Promise<number>
}

export async function benchScreens(workspace: Workspace, opts: { kabupaten: string; runs: number }): Promise<{ screens: ScreenTiming[] }> {
  const staticDir = resourcePath('..', 'out', 'renderer')
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`renderer belum dibangun di ${staticDir}; jalankan \`npm run build\``)
  const executablePath = findChromium('mengukur layar')
  const { chromium } = await import('playwright-core')
  // Routing upkeep off: retraining a million complaints in the background would be measured as screen time.
  const server = await startServer({ workspace, host: '127.0.0.1', port: 0, staticDir, username: 'admin', routingUpkeep: false })
  const browser = await chromium.launch({ executablePath, args: HEADLESS_FLAGS })
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    const out: ScreenTiming[] = []
    for (const probe of PROBES) {
      const url = `${server.url}${probe.path}?kab=${opts.kabupaten}&periode=12-bulan`
      await page.goto(url) // warms the browser cache for the bundle, as a running app has it
      await page.locator(probe.ready).first().waitFor({ timeout: 60_000 })
      const open: number[] = []
      const change: number[] = []
      // Each run is a fresh page load (the app's query cache starts empty), then one click on a period it has
      // not loaded yet, so every redraw waits for the server as a user's first click does.
      const presets = ['tahun-lalu', '90-hari', 'tahun-ini', '30-hari']
      for (let i = 0; i < opts.runs; i++) {
        const t0 = Date.now()
        await page.goto(url)
        await page.locator(probe.ready).first().waitFor({ timeout: 60_000 })
        open.push(Date.now() - t0)
        if (probe.redraw) change.push(await timePeriodChange(page, probe.root, presets[i % presets.length]))
      }
      const timing: ScreenTiming = { screen: probe.screen, open_ms: stats(open) }
      if (probe.redraw) timing.period_change_ms = stats(change)
      out.push(timing)
    }
    return { screens: out }
  } finally {
    await browser.close()
    await server.close()
  }
}
