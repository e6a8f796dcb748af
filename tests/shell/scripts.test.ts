// `npm start` and the SQLite build script on a machine where Electron cannot run and GitHub is out of reach
// (CI, and these development machines): both must stop within seconds, say why, and point to serve mode.
import { spawnSync } from 'node:child_process'
import { lookup } from 'node:dns/promises'
import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers.ts'
// @ts-expect-error -- plain JavaScript script without type declarations
import { addonFile, electronAbi } from '../../scripts/build-electron-sqlite.js'

const root = resolve(import.meta.dirname, '../..')
const electronInstalled = existsSync(join(root, 'node_modules', 'electron', 'path.txt'))
const isOnline = await lookup('github.com').then(
  () => true,
  () => false,
)

function runScript(script: string, args: string[] = [], env: Record<string, string> = {}) {
  const started = Date.now()
  const result = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  })
  return { ...result, output: result.stdout + result.stderr, seconds: (Date.now() - started) / 1000 }
}

function expectServeHint(output: string) {
  expect(output).toContain('npm run serve')
  expect(output).toContain('http://127.0.0.1:5180')
}

describe('npm start without Electron', () => {
  it('exits 1 at once with the serve-mode hint in Indonesian and English when the binary is missing', () => {
    // ELECTRON_OVERRIDE_DIST_PATH is the electron package's own switch for "use the binary in this folder".
    const run = runScript('start.js', [], { ELECTRON_OVERRIDE_DIST_PATH: tempDir() })
    expect(run.status).toBe(1)
    expect(run.seconds).toBeLessThan(20)
    expect(run.output).toContain('Electron tidak dapat dijalankan')
    expect(run.output).toContain('Electron cannot run')
    expectServeHint(run.output)
  })

  it.skipIf(electronInstalled || isOnline)('on this machine: tries the download, fails fast and says so', () => {
    const run = runScript('start.js')
    expect(run.status).toBe(1)
    expect(run.seconds).toBeLessThan(30)
    expectServeHint(run.output)
  })
})

describe('scripts/build-electron-sqlite.js offline', () => {
  it.skipIf(isOnline)('fails within seconds, explains the internet requirement and leaves the Node build alone', async () => {
    const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
    const before = statSync(nodeBuild)
    const addon = addonFile(await electronAbi(), process.platform, process.arch)
    const addonBefore = existsSync(addon) ? statSync(addon).mtimeMs : null
    // As under `npm run package:*` with a `nodedir` in ~/.npmrc: node-gyp must still not build against Node's headers.
    const run = runScript('build-electron-sqlite.js', ['--force'], { npm_config_nodedir: '/usr' })
    expect(run.status).toBe(1)
    expect(run.seconds).toBeLessThan(45)
    expect(run.output).toContain('perlu internet')
    expect(run.output).toContain('github.com')
    expectServeHint(run.output)
    const after = statSync(nodeBuild)
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs])
    // Nothing half-made where the shell would load it from (an earlier good build would be kept as it was).
    expect(existsSync(addon) ? statSync(addon).mtimeMs : null).toBe(addonBefore)
  })
})
