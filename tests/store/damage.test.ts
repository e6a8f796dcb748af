// A damaged store is said plainly: pages overwritten in the middle of a closed demo store make `tanggap info`
// exit 1 naming the file and the restore command, serve mode reports it at start, and a damaged header is not
// taken for a missing encryption key. SQLite's English errors become Indonesian at the boundary.
import { spawn } from 'node:child_process'
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '#main/store/open.ts'
import { asStoreProblem, quickCheck, StoreDamagedError } from '#main/store/health.ts'
import { DomainError } from '#main/errors.ts'
import { tempDir } from '../helpers.ts'
import { tanggap } from '../cli.ts'

const ROOT = join(import.meta.dirname, '..', '..')
let demo: string

beforeAll(() => {
  // A small demo store made by the real command; closed, so its WAL is folded into the file.
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-demo-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  demo = join(dir, 'demo.db')
  const made = tanggap(['demo', '--db', demo, '--count', '3000', '--until', '2026-11-20'])
  expect(made.status, made.stderr).toBe(0)
}, 120_000)

/** Overwrites whole pages of a CLOSED store with random bytes, at the given fractions of the file. */
function damage(file: string, at: number[]): void {
  const size = statSync(file).size
  const page = 4096
  const fd = openSync(file, 'r+')
  try {
    for (const f of at) writeSync(fd, randomBytes(page), 0, page, Math.floor((size / page) * f) * page)
  } finally {
    closeSync(fd)
  }
}

function copyOfDemo(): string {
  const file = join(tempDir(), 'rusak.db')
  copyFileSync(demo, file)
  return file
}

describe('a damaged store', () => {
  it('the demo store itself passes: tanggap info says it is whole and how long the check took', () => {
    const r = tanggap(['info', '--db', demo])
    expect(r.status, r.stderr).toBe(0)
    expect(r.json()).toMatchObject({ check: 'ok' })
    expect(r.stderr).toMatch(/Pemeriksaan keutuhan .*: baik \(\d+ ms\)/)
  })

  it('tanggap info exits 1 naming the file and the restore command when pages in the middle are overwritten', () => {
    const file = copyOfDemo()
    damage(file, [0.3, 0.45, 0.6, 0.75])
    const r = tanggap(['info', '--db', file])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`Berkas data ${file} rusak`)
    expect(r.stderr).toContain(`tanggap restore --db ${file} --from`)
    expect(r.stderr).not.toMatch(/malformed|kunci/i)
    // The same through the library: a check on open refuses it, the check itself lists SQLite's findings.
    expect(() => openStore(file, { check: true })).toThrow(StoreDamagedError)
    const db = openStore(file, { readonly: true })
    const check = quickCheck(db)
    db.close()
    expect(check.ok).toBe(false)
    expect(check.problems.length).toBeGreaterThan(0)
  })

  it('serve mode reports it when it starts', async () => {
    const file = copyOfDemo()
    damage(file, [0.3, 0.45, 0.6, 0.75])
    const child = spawn(process.execPath, ['bin/tanggap.js', 'serve', '--db', file, '--port', '0', '--static', join(tempDir(), 'x')], { cwd: ROOT })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const until = Date.now() + 60_000
    while (!/rusak/.test(err) && child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
    child.kill('SIGKILL')
    // Either the server started and its background check found it, or opening already met a damaged page.
    expect(err).toContain(`Berkas data ${file} rusak`)
    expect(err).toContain(`tanggap restore --db ${file} --from`)
  }, 90_000)

  it('a damaged header is not reported as only a missing key', () => {
    const file = copyOfDemo()
    const fd = openSync(file, 'r+')
    writeSync(fd, randomBytes(16), 0, 16, 0)
    closeSync(fd)
    const r = tanggap(['info', '--db', file])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/terenkripsi atau rusak/)
    expect(r.stderr).toContain(`tanggap restore --db ${file} --from`)
  })

  it('turns SQLite errors into a message in Indonesian with the file and what to do', () => {
    const file = copyOfDemo()
    damage(file, [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    const db = openStore(file, { readonly: true })
    let raw: unknown = null
    try {
      for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]) db.prepare(`SELECT * FROM "${t}"`).all()
    } catch (err) {
      raw = err
    } finally {
      db.close()
    }
    expect((raw as Error).message).toMatch(/malformed/)
    const mapped = asStoreProblem(raw, file)
    expect(mapped).toBeInstanceOf(DomainError)
    expect((mapped as DomainError).message).toContain(`Berkas data ${file} rusak`)
    const full = asStoreProblem(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), file) as DomainError
    expect(full.message).toMatch(/Disk tempat berkas data .* penuh/)
    expect(asStoreProblem(new Error('lain'), file)).toBeInstanceOf(Error)
  })
})
