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
