// End to end in Chromium against serve mode: signing in from another computer's browser (the login page, an
// HttpOnly session cookie, the app as the signed-in role), and the content policy admitting the map's configured
// tile server and nothing else. Screenshots go to test-artifacts/screens/masuk-*.png.
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { PASSWORDS, startSecured, type Secured } from '../security/server.ts'
import { callHttp } from '../security/api.ts'
import { insertComplaints } from '../fixtures.ts'
import { allowPageErrors, onCleanup, openPage, refusedWith, RENDERER, SCREENS } from './harness.ts'

const TILES = 'https://{s}.tile.contoh-peta.id/{z}/{x}/{y}.png'

let s: Secured
beforeAll(async () => {
  s = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'E1', submitted: '2026-01-05T02:00:00Z' }]), { staticDir: RENDERER, defaultKabupaten: '64.08' })
  onCleanup(() => s.close())
})

/** A fresh browser profile; requests to anywhere but this server are recorded and refused (no internet here). */
async function freshPage(): Promise<{ page: Page; outside: string[] }> {
  const page = await openPage()
  const outside: string[] = []
  await page.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(s.base)) return route.continue()
    outside.push(url)
    return route.abort()
  })
  // Collected before any page script runs: what the content policy refused.
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] }
    w.violations = []
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`))
  })
  return { page, outside }
}

async function signInThroughForm(page: Page, username: string, password: string, path = '/antrean') {
  await page.goto(`${s.base}${path}`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
}

describe('signing in from a browser', () => {
  it('shows the login page, refuses a wrong password, and opens the app as the signed-in role', async () => {
    allowPageErrors(
      // Deliberate: the app before signing in (401, the login page), and a settings change an operator may not make.
      refusedWith(401, 'the app asked for before signing in'),
      refusedWith(403, 'an operator changes settings, refused on purpose'),
    )
    const { page } = await freshPage()
    const first = await page.goto(`${s.base}/antrean`)
    expect(first?.status()).toBe(401)
    await page.screenshot({ path: join(SCREENS, 'masuk-halaman.png') })
    await signInThroughForm(page, 'operator1', 'bukan-sandinya')
    await expect.poll(() => page.textContent('[role=alert]')).toBe('Nama pengguna atau kata sandi salah')
    expect(await page.inputValue('input[name=username]')).toBe('operator1')
    await page.screenshot({ path: join(SCREENS, 'masuk-gagal.png') })

    await page.fill('input[name=password]', PASSWORDS.operator)
    await page.click('button[type=submit]')
    await page.waitForSelector('[data-testid^="nav-"]', { timeout: 30_000 })
    // Back to the page first asked for.
    expect(new URL(page.url()).pathname).toMatch(/^\/antrean/)
    // The session cookie is out of reach of page scripts.
    expect(await page.evaluate(() => document.cookie)).not.toContain('tanggap_session')
    const session = await page.evaluate(async () => (await (await fetch('/trpc/session')).json()) as { result: { data: { user: { role: string } } } })
    expect(session.result.data.user.role).toBe('operator')
    // An operator may not change settings, from the page either.
    const refused = await page.evaluate(async () => {
      const r = await fetch('/trpc/settings.setUi', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tileAttribution":"x"}' })
      return { status: r.status, body: await r.text() }
    })
    expect(refused.status).toBe(403)
    expect(refused.body).toContain('Peran operator tidak boleh melakukan ini (perlu admin atau lebih tinggi)')
    await page.screenshot({ path: join(SCREENS, 'masuk-berhasil.png') })
  })
})

describe('content policy', () => {
  it('lets the map load tiles from the configured server and refuses images from anywhere else', async () => {
    expect(await callHttp(s.base, { path: 'settings.setUi', type: 'mutation' }, { tileUrl: TILES, tileAttribution: '© Contoh Peta' }, s.tokens.admin)).toMatchObject({ ok: true })
    allowPageErrors(
      // Deliberate: the sign-in starts from the 401 login page; requests to the tile server end at the offline
      // router (aborted); the images from elsewhere are refused by the content policy, which is what is checked.
      refusedWith(401, 'the app asked for before signing in'),
      { match: /Failed to load resource: net::ERR_FAILED https:\/\/[abc]\.tile\.contoh-peta\.id\//, why: 'tiles aborted offline' },
      { match: /(?:Refused to load|Loading) the image '(https:\/\/pelacak\.example\/piksel\.png|http:\/\/a\.tile\.contoh-peta\.id\/1\/1\/1\.png)'.*Content Security Policy/, why: 'images the policy must refuse' },
    )
    const { page, outside } = await freshPage()
    await signInThroughForm(page, 'viewer1', PASSWORDS.viewer)
    await page.waitForSelector('[data-testid^="nav-"]', { timeout: 30_000 })
    await page.goto(`${s.base}/peta?kab=64.08`)
    await page.waitForSelector('.leaflet-container', { timeout: 30_000 })
    // Leaflet asked for tiles: the policy let the requests out (here they end at the offline router).
    await expect.poll(() => outside.filter((u) => /^https:\/\/[abc]\.tile\.contoh-peta\.id\/\d+\/\d+\/\d+\.png$/.test(u)).length, { timeout: 15_000 }).toBeGreaterThan(0)
    await page.evaluate(() => {
      for (const src of ['https://pelacak.example/piksel.png', 'http://a.tile.contoh-peta.id/1/1/1.png']) {
        const img = document.createElement('img')
        img.src = src
        document.body.append(img)
      }
    })
    await expect.poll(() => page.evaluate(() => (window as unknown as { violations: string[] }).violations), { timeout: 10_000 }).toEqual(
      expect.arrayContaining(['img-src https://pelacak.example/piksel.png', 'img-src http://a.tile.contoh-peta.id/1/1/1.png']),
    )
    const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations)
    expect(violations.filter((v) => v.includes('https://a.tile') || v.includes('https://b.tile') || v.includes('https://c.tile'))).toEqual([])
    expect(outside).not.toContain('https://pelacak.example/piksel.png')
  })
})
