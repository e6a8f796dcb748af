// Finding 1 of the second security round: an export made the server lose its SQLite file lock. fileKind()
// opened and closed the store file with openSync/closeSync beside the live connection; on POSIX closing any
// descriptor of a file drops every lock the process holds on it, so a second SQLite program then saw no one using
// the file and deleted its WAL and SHM under the running server. Every path that inspects a store file must
// leave the locks in place: checked in /proc/locks by the file's inode, and by the attack itself (another
// process opening and closing the store must not remove the WAL).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileKind } from '#main/store/cipher.ts'
import { openReader, openStore } from '#main/store/open.ts'
import { readRows } from '#main/import/readers.ts'
import { insertComplaints } from '../fixtures.ts'
import { callHttp } from './api.ts'
import { startSecured, type Secured } from './server.ts'

/** The POSIX locks any process holds on the file, from /proc/locks (the kernel's own table). */
function locksOn(file: string): string[] {
  const ino = statSync(file).ino
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((l) => new RegExp(`:${ino} `).test(l) && l.includes(` ${process.pid} `))
}

/** Another program opening the store and closing it again, as `sqlite3 tanggap.db .tables` would. When it is
 *  the last connection it checkpoints and deletes the WAL and SHM: it must find the server's lock. */
function anotherSqliteProgram(file: string): void {
  const script = `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))}); const db = new D(${JSON.stringify(file)}); db.prepare('SELECT count(*) FROM complaint').get(); db.close()`
  execFileSync(process.execPath, ['-e', script], { stdio: 'pipe' })
}

let s: Secured
let file: string
beforeAll(async () => {
  s = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'LK1', submitted: '2026-01-05T02:00:00Z' }]))
  file = s.ws.db.name
})
afterAll(() => s?.close())

async function waitDone(token: string, id: string): Promise<unknown> {
  for (let i = 0; i < 200; i++) {
    const r = await callHttp(s.base, { path: 'exports.status', type: 'query' }, { id }, token)
    const st = (r.data as { status: string }).status
    if (st !== 'running') return st
    await new Promise((res) => setTimeout(res, 25))
  }
  throw new Error('export did not finish')
}

describe('the server keeps its lock on the store file', () => {
  it('holds a lock while serving (the baseline the rest compares to)', () => {
    expect(locksOn(file).length).toBeGreaterThan(0)
    expect(existsSync(file + '-wal')).toBe(true)
  })

  it('after exports.start (a second reading connection) the lock is still held and another program cannot delete the WAL', async () => {
    for (const kind of ['queue', 'recap'] as const) {
      const request = kind === 'queue' ? { kind, kabupaten: '64.08', queue: 'semua' } : { kind, kabupaten: '64.08', period: { from: '2026-01-01', to: '2026-01-31' } }
      const r = await callHttp(s.base, { path: 'exports.start', type: 'mutation' }, { request, format: 'csv' }, s.tokens.viewer)
      expect(r.ok, r.message).toBe(true)
      expect(await waitDone(s.tokens.viewer, (r.data as { job: { id: string } }).job.id)).toBe('done')
      expect(locksOn(file).length, `no lock after a ${kind} export`).toBeGreaterThan(0)
    }
    anotherSqliteProgram(file)
    expect(existsSync(file + '-wal'), 'the WAL was deleted under the running server').toBe(true)
    // And the server still writes and reads normally.
    expect((await callHttp(s.base, { path: 'complaints.queueCounts', type: 'query' }, { kabupaten: '64.08' }, s.tokens.viewer)).ok).toBe(true)
  })

  it('after every other path that inspects the file: fileKind, a second openStore (info), openReader', () => {
    expect(fileKind(file)).toBe('plain')
    expect(locksOn(file).length).toBeGreaterThan(0)
    const info = openStore(file)
    info.close()
    expect(locksOn(file).length).toBeGreaterThan(0)
    const reader = openReader(s.ws.db)!
    reader.prepare('SELECT count(*) FROM complaint').get()
    reader.close()
    expect(locksOn(file).length).toBeGreaterThan(0)
    anotherSqliteProgram(file)
    expect(existsSync(file + '-wal')).toBe(true)
  })

  it('an import given the store file itself as its path refuses it without opening it', async () => {
    for (const kind of ['csv', 'xlsx'] as const) {
      await expect((async () => readRows({ path: file }, kind).next())()).rejects.toThrow('berkas data tanggap yang sedang dibuka')
      expect(locksOn(file).length).toBeGreaterThan(0)
    }
  })

  it('an encrypted store: the encryption check (fileKind) and a reader leave its lock in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanggap-lock-'))
    try {
      const enc = join(dir, 'enc.db')
      const key = 'kunci-uji-yang-cukup-panjang'
      const db = openStore(enc, { key })
      expect(locksOn(enc).length).toBeGreaterThan(0)
      expect(fileKind(enc)).toBe('encrypted-or-other')
      openStore(enc, { key }).close()
      const reader = openReader(db)!
      reader.close()
      expect(locksOn(enc).length).toBeGreaterThan(0)
      db.close()
      // Once no connection has it open, fileKind reads the header itself.
      expect(fileKind(enc)).toBe('encrypted-or-other')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
