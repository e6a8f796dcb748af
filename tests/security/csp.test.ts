// The Content-Security-Policy: strict everywhere, with exactly one outside origin for images, the map tile
// server configured in Pengaturan. Evaluated with Google's CSP evaluator (the one Electronegativity uses), as
// sent by serve mode and set by the desktop shell.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '#main/app/server/csp.ts'
import { tileSource } from '#main/settings/ui.ts'
import { startServer, type RunningServer } from '#main/app/server/serve.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { uiSettingsSchema } from '#main/settings/ui.ts'
import { callHttp } from './api.ts'
import { tempDir } from '../helpers.ts'

type Finding = { severity: number; directive: string; description: string }
const csp = createRequire(import.meta.url)('@doyensec/csp-evaluator') as {
  CspParser: new (s: string) => { csp: unknown }
  CspEvaluator: new (c: unknown, v: unknown) => { evaluate(): Finding[] }
  Version: { CSP3: unknown }
  severities: Record<string, number>
}

/** Findings worse than "maybe medium"; the one maybe-medium finding ('self' in script-src) is explained in csp.ts. */
function serious(policy: string): Finding[] {
  const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate()
  return findings.filter((f) => f.severity < csp.severities.MEDIUM_MAYBE)
}

const OSM = 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png'

describe('tile server in the policy', () => {
  it.each([
    [OSM, 'https://*.tile.openstreetmap.org'],
    ['https://peta.kutaitimurkab.go.id:8443/tiles/{z}/{x}/{y}.png', 'https://peta.kutaitimurkab.go.id:8443'],
    ['https://petaserver/{z}/{x}/{y}.png', 'https://petaserver'],
    ['https://Tiles.Example.ORG/{z}/{x}/{y}@2x.png?key=abc', 'https://tiles.example.org'],
  ])('admits %s as %s', (url, source) => {
    expect(tileSource(url)).toBe(source)
    expect(contentSecurityPolicy({ tileUrl: url })).toContain(`img-src 'self' data: blob: ${source};`)
  })

  it.each([
    'http://tile.example.org/{z}/{x}/{y}.png',
    "https://tile.example.org;script-src 'unsafe-inline'/{z}/{x}/{y}",
    'https://*.example.org/{z}/{x}/{y}',
    'https://{s}.{s}.example.org/{z}/{x}/{y}',
    'https://user:pw@tile.example.org/{z}/{x}/{y}',
    'https://tile.example.org',
    'javascript:alert(1)//{z}/{x}/{y}',
  ])('refuses %s, in the policy and in the settings form', (url) => {
    expect(tileSource(url)).toBeNull()
    expect(contentSecurityPolicy({ tileUrl: url })).toContain("img-src 'self' data: blob:;")
    expect(uiSettingsSchema.safeParse({ tileUrl: url }).success).toBe(false)
  })

  it('keeps every other directive as strict as without a tile server', () => {
    const without = contentSecurityPolicy().split('; ')
    const withTiles = contentSecurityPolicy({ tileUrl: OSM }).split('; ')
    expect(withTiles.filter((d) => !d.startsWith('img-src'))).toEqual(without.filter((d) => !d.startsWith('img-src')))
  })
})

describe('policies as evaluated', () => {
  it('have no high or medium findings: app pages, with tiles, the login page, the page meta tag', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(import.meta.dirname, '../../src/renderer/index.html'), 'utf8'))![1]
    for (const policy of [contentSecurityPolicy(), contentSecurityPolicy({ tileUrl: OSM }), contentSecurityPolicy({ allowFormToSelf: true }), meta]) {
      expect(serious(policy), policy).toEqual([])
      expect(policy).toMatch(/script-src 'self';/)
      expect(policy).toMatch(/object-src 'none'/)
      expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*(https:|\*)/)
    }
  })
})

describe('serve mode', () => {
  let running: { server: RunningServer; ws: Workspace } | null = null
  afterEach(async () => {
    await running?.server.close()
    running?.ws.close()
    running = null
  })

  it('sends the policy with the tile server an admin configured, from the next page load on', async () => {
    const ws = openWorkspace(join(tempDir(), 'csp.db'))
    const server = await startServer({ workspace: ws, port: 0, staticDir: join(import.meta.dirname, '../../out/renderer'), log: () => {} })
    running = { server, ws }
    const header = async () => (await fetch(`${server.url}/peta`)).headers.get('content-security-policy')
    expect(await header()).toBe(contentSecurityPolicy())
    expect(await callHttp(server.url, { path: 'settings.setUi', type: 'mutation' }, { tileUrl: OSM })).toMatchObject({ ok: true })
    expect(await header()).toContain("img-src 'self' data: blob: https://*.tile.openstreetmap.org;")
    const refused = await callHttp(server.url, { path: 'settings.setUi', type: 'mutation' }, { tileUrl: 'https://a.example;script-src *//{z}/{x}/{y}' })
    expect(refused).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(refused.message).toMatch(/nama host URL ubin tidak sah/)
  })
})
