// Reporter identity and rahasia content never appear on a wall or in a briefing as people see them: the rendered
// slides (every slide, presenter notes included), every wall panel and the briefing PDF's text, on a store seeded
// with known names, NIK, phone numbers and e-mails in the places they could leak from (tests/privacy/identities.ts),
// served as an admin: the server, not the screen's role, makes these views safe.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/public-views-privacy.test.ts`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchChromium } from './browser.ts'
import { tempDir } from '../helpers.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { startServer, type RunningServer } from '#main/app/server/serve.ts'
import { exportBriefingPdf } from '#main/app/server/briefing-pdf.ts'
import { findLeaks, identities, PERIOD, seedIdentities, type Identity } from '../privacy/identities.ts'
import { WALL_PANELS } from '#shared/wall.ts'

const RENDERER = resolve('out/renderer')
let browser: Browser
let ws: Workspace
let dbFile: string
let server: RunningServer
let people: Identity[]
let storeDir: string

beforeAll(async () => {
  if (!existsSync(join(RENDERER, 'index.html'))) {
    throw new Error(`The renderer is not built (${RENDERER}/index.html missing). Run: npx electron-vite build && npx vitest run tests/e2e`)
  }
  storeDir = mkdtempSync(join(tmpdir(), 'tanggap-privacy-'))
  dbFile = join(storeDir, 'privacy.db')
  ws = openWorkspace(dbFile)
  seedIdentities(ws.db)
  people = identities(ws.db)
  browser = await launchChromium()
  server = await startServer({ workspace: ws, port: 0, staticDir: RENDERER, username: 'admin', defaultKabupaten: '64.08' })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  ws?.close()
  rmSync(storeDir, { recursive: true, force: true })
})

describe('public views as rendered (admin session)', () => {
  it('no slide of the briefing, nor its presenter notes, shows a reporter or a rahasia title', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${server.url}/briefing?kab=64.08&dari=${PERIOD.from}&sampai=${PERIOD.to}`)
    await page.locator('[data-testid="briefing"][data-ready="1"]').waitFor({ timeout: 20_000 })
    // The seeded cases are really on the slides: chosen as notable, with their masked titles and notes.
    const notable = await page.getByTestId('slide-pilihan').textContent()
    expect(notable).toContain('#PRIV-1')
    expect(notable).toContain('[nama disembunyikan]')
    let text = (await page.getByTestId('briefing').textContent()) ?? ''
    await page.keyboard.press('n')
    for (let i = 0; i < 8; i++) {
      text += (await page.getByTestId('deck-notes-panel').textContent()) ?? ''
      await page.keyboard.press('ArrowRight')
    }
    expect(findLeaks(text, people)).toEqual([])
    await page.close()
  })

  it.each(WALL_PANELS)('the wall panel %s shows no reporter and no rahasia title', async (panel) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${server.url}/dinding/${panel}?kab=64.08&dari=${PERIOD.from}&sampai=${PERIOD.to}`)
    await page.locator('[data-testid="wall"][data-ready="1"]').waitFor({ timeout: 20_000 })
    const text = (await page.getByTestId('wall').textContent()) ?? ''
    if (panel === 'terbaru') {
      expect(text).toContain('#PRIV-1')
      expect(text).toContain('Laporan rahasia') // PRIV-4 and PRIV-5 in the feed, without their titles
    }
    expect(findLeaks(text, people)).toEqual([])
    await page.close()
  })

  it('the briefing PDF carries no reporter and no rahasia title', async () => {
    const out = join(tempDir(), 'briefing.pdf')
    await exportBriefingPdf({ workspace: ws, kabupaten: '64.08', from: PERIOD.from, to: PERIOD.to, out })
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })
    expect(text).toContain('PRIV-1')
    expect(findLeaks(text, people)).toEqual([])
  })
})
