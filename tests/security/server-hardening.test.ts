// Security review, second round (issue 15): the serve-mode HTTP surface. Each test sends what an attacker would.
import { afterEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, type RunningServer, type ServeOptions } from '#main/app/server/serve.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { accessTokenOf } from '#main/app/cli/serve.ts'
import { tempDir } from '../helpers.ts'

const TOKEN = 'token-rahasia-uji-0123456789'

let running: { server: RunningServer; ws: Workspace }[] = []
afterEach(async () => {
  for (const r of running) {
    await r.server.close()
    r.ws.close()
  }
  running = []
})

async function start(opts: Partial<ServeOptions> = {}) {
  const ws = openWorkspace(join(tempDir(), 'serve.db'))
  seedKabupaten(ws.db, '64.08')
  const server = await startServer({ workspace: ws, port: 0, routingUpkeep: false, log: () => {}, ...opts })
  running.push({ server, ws })
  return { ws, server }
}

/** A request with the path exactly as written: fetch would resolve "/./" and "\" before sending. */
function raw(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('finding 9: the access-token link redirects only to this server', () => {
  it('answers "/.//evil.example/x?token=…" and its variants with a path here, never another site', async () => {
    const { server } = await start({ token: TOKEN })
    const attacks = ['/.//evil.example/x', '//evil.example/x', '/.//\\evil.example/x', '/./\\/evil.example', '/%2e//evil.example/x', '/x/..//evil.example/']
    for (const path of attacks) {
      const res = await raw(server.url, `${path}?a=1&token=${TOKEN}`)
      expect(res.status, path).toBe(303)
      const location = String(res.headers.location)
      expect(location, path).toMatch(/^\/(?![/\\])/)
      expect(new URL(location, server.url).origin, path).toBe(new URL(server.url).origin)
      expect(location, path).not.toContain('token=')
      expect(location, path).toContain('a=1')
    }
    // An ordinary link still leads back to its page.
    expect((await raw(server.url, `/dinding?kab=64.08&token=${TOKEN}`)).headers.location).toBe('/dinding?kab=64.08')
  })
})

describe('finding 10: the access token stays out of logs and the process list', () => {
  it('logs a failing request without its query string', async () => {
    const lines: string[] = []
    const { server } = await start({ token: TOKEN, log: (line) => lines.push(line) })
    for (const path of [`//[?token=${TOKEN}`, `/%ZZ?token=${TOKEN}`, `/x?token=${TOKEN}&y=%`]) {
      const res = await raw(server.url, path)
      expect(res.status, path).toBeLessThan(500)
    }
    expect(lines.join('\n')).not.toContain(TOKEN)
  })

  it('reads the token from --token-file or TANGGAP_TOKEN, and warns that --token is visible', () => {
    const file = join(tempDir(), 'token')
    writeFileSync(file, `${TOKEN}\n`, { mode: 0o600 })
    expect(accessTokenOf({ tokenFile: file }, {})).toEqual({ token: TOKEN })
    expect(accessTokenOf({}, { TANGGAP_TOKEN: TOKEN })).toEqual({ token: TOKEN })
    expect(accessTokenOf({}, {})).toEqual({ token: undefined })
    expect(accessTokenOf({ token: false }, { TANGGAP_TOKEN: TOKEN })).toEqual({ token: false })
    const onCommandLine = accessTokenOf({ token: 'pendek' }, {})
    expect(onCommandLine.token).toBe('pendek')
    expect(onCommandLine.warning).toMatch(/terlihat.*--token-file.*TANGGAP_TOKEN/)
    expect(() => accessTokenOf({ token: TOKEN, tokenFile: file }, {})).toThrow(/lebih dari sekali/)
    writeFileSync(file, 'pendek\n')
    expect(() => accessTokenOf({ tokenFile: file }, {})).toThrow(/16–256 karakter/)
    expect(() => accessTokenOf({ tokenFile: join(tempDir(), 'tidak-ada') }, {})).toThrow(/tidak dapat dibaca/)
  })

  it('`tanggap serve --token-file` serves with the token while the command line does not hold it', async () => {
    const dir = tempDir()
    const file = join(dir, 'token')
    writeFileSync(file, `${TOKEN}\n`, { mode: 0o600 })
    const args = [join(import.meta.dirname, '..', '..', 'bin', 'tanggap.js'), 'serve', '--db', join(dir, 's.db'), '--port', '0', '--token-file', file, '--static', dir]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (c) => {
          out += c
          const m = /Buka: (http:\/\/\S+)/.exec(out)
          if (m) resolve(m[1])
        })
        child.once('exit', (code) => reject(new Error(`serve ended (${code})`)))
      })
      expect(url).toContain(`token=${TOKEN}`)
      expect(args.join(' ')).not.toContain(TOKEN)
      const base = new URL(url).origin
      expect((await fetch(`${base}/trpc/session`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
      expect((await fetch(`${base}/trpc/session`, { headers: { authorization: 'Bearer salah-salah-salah-salah' } })).status).toBe(401)
    } finally {
      child.kill('SIGTERM')
    }
  }, 60_000)
})

describe('finding 11b: API answers are neither cached nor sniffed', () => {
  it('sends Cache-Control: no-store and X-Content-Type-Options: nosniff on every API answer, errors included', async () => {
    const { server } = await start({ token: TOKEN })
    const auth = { authorization: `Bearer ${TOKEN}` }
    const period = encodeURIComponent(JSON.stringify({ 0: { kabupaten: '64.08', limit: 5 }, 1: { kabupaten: '64.08', limit: 5 } }))
    const answers = [
      await fetch(`${server.url}/trpc/session`, { headers: auth }),
      await fetch(`${server.url}/trpc/overview.latest,overview.latest?batch=1&input=${period}`, { headers: auth }),
      await fetch(`${server.url}/trpc/session`),
      await fetch(`${server.url}/trpc/tidak.ada`, { headers: auth }),
      await fetch(`${server.url}/trpc/complaints.detail?input=${encodeURIComponent('{"id":"x"}')}`, { headers: auth }),
    ]
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 404, 400])
    for (const a of answers) {
      expect(a.headers.get('cache-control'), a.url).toBe('no-store')
      expect(a.headers.get('x-content-type-options'), a.url).toBe('nosniff')
    }
  })
})

describe('finding 11c: one HTTP request cannot batch without limit', () => {
  it('refuses a batch of 60 kpi.table calls at once with an Indonesian message, and still answers 20', async () => {
    const { server } = await start()
    const call = { kabupaten: '64.08', dim: 'opd', period: { from: '2025-01-01', to: '2026-12-31' } }
    const batch = (n: number) => {
      const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, call]))))
      return fetch(`${server.url}/trpc/${Array(n).fill('kpi.table').join(',')}?batch=1&input=${input}`)
    }
    const big = await batch(60)
    expect(big.status).toBe(400)
    const body = JSON.stringify(await big.json())
    expect(body).toContain('Terlalu banyak panggilan dalam satu permintaan (paling banyak 20)')
    expect(body.length).toBeLessThan(2000)
    const ok = await batch(20)
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as unknown[]).length).toBe(20)
  })
})
