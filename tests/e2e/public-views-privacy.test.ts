// Reporter identity and rahasia content never appear on a wall or in a briefing as people see them: the rendered
// slides (every slide, presenter notes included), every wall panel and the briefing PDF's text, on a store seeded
// with known names, NIK, phone numbers and e-mails in the places they could leak from (tests/privacy/identities.ts),
// served as an admin: the server, not the screen's role, makes these views safe.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/public-views-privacy.test.ts`.
import { beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import type { Workspace } from '#main/app/workspace/open.ts'
import type { RunningServer } from '#main/app/server/serve.ts'
import { exportBriefingPdf } from '#main/app/server/briefing-pdf.ts'
import { findLeaks, identities, PERIOD, seedIdentities, type Identity } from '../privacy/identities.ts'
import { WALL_PANELS } from '#shared/wall.ts'
import { emptyWorkspace, openPage, scratchDir, serve } from './harness.ts'

let ws: Workspace
let server: RunningServer
let people: Identity[]

beforeAll(async () => {
  ws = emptyWorkspace('privacy.db')
  seedIdentities(ws.db)
  people = identities(ws.db)
  server = await serve(ws, 'admin')
})

describe('public views as rendered (admin session)', () => {
  it('no slide of the briefing, nor its presenter notes, shows a reporter or a rahasia title', async () => {
    const page = await openPage()
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
    const page = await openPage()
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
    const out = join(scratchDir(), 'briefing.pdf')
    await exportBriefingPdf({ workspace: ws, kabupaten: '64.08', from: PERIOD.from, to: PERIOD.to, out })
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })
    expect(text).toContain('PRIV-1')
    expect(findLeaks(text, people)).toEqual([])
  })
})
