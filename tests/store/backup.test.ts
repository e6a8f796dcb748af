// Backups while the app writes, and getting them back: `tanggap backup` copies a store that another process is
// writing into; the copy passes integrity_check and equals the original at the backup's moment; `tanggap restore`
// checks the backup, refuses while the store is open and keeps the replaced file; retention keeps N.
import { spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore, type Db } from '#main/store/open.ts'
import { StoreKeyError } from '#main/store/cipher.ts'
import { backupName, listBackups, pruneBackups } from '#main/store/backup.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { tempDir } from '../helpers.ts'
import { tanggap } from '../cli.ts'

const ROOT = join(import.meta.dirname, '..', '..')

function complaintsChecksum(db: Db, maxId: number): { count: number; sum: string } {
  const rows = db.prepare('SELECT id, tracking_id, judul, status, updated_at FROM complaint WHERE id <= ? ORDER BY id').raw().all(maxId)
  return { count: rows.length, sum: createHash('sha256').update(JSON.stringify(rows)).digest('hex') }
}

function seeded(file: string, key?: string): void {
  const db = openStore(file, { key: key ?? null })
  seedKabupaten(db, '64.08')
  db.close()
}

describe('tanggap backup and restore', () => {
  it('backs up while another process writes; the copy is whole and equals the original at its moment; restore brings it back', async () => {
    const dir = tempDir()
    const file = join(dir, 'store.db')
    seeded(file)
    const stop = join(dir, 'stop')
    const writer = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/store/fixtures/writer.ts'), file, stop], { cwd: ROOT })
    let written = ''
    writer.stdout.on('data', (d: Buffer) => (written += d.toString()))
    const exited = new Promise((r) => writer.on('exit', r))
    while (written.split('\n').length < 30) await new Promise((r) => setTimeout(r, 50))

    const out = join(dir, 'cadangan.db')
    const b = tanggap(['backup', '--db', file, '--out', out])
    expect(b.status, b.stderr).toBe(0)
    expect(b.json()).toMatchObject({ file: out, complaints: expect.any(Number) })
    while (written.split('\n').length < 60) await new Promise((r) => setTimeout(r, 50))
    writeFileSync(stop, '')
    await exited

    const copy = openStore(out, { readonly: true })
    const original = openStore(file, { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    const maxId = copy.prepare('SELECT max(id) FROM complaint').pluck().get() as number
    const atMoment = complaintsChecksum(copy, maxId)
    // The writer went on after the backup: the original holds more, and exactly the copy's rows up to its moment.
    expect(atMoment.count).toBe(b.json<{ complaints: number }>().complaints)
    expect(atMoment.count).toBeGreaterThanOrEqual(29)
    expect(original.prepare('SELECT count(*) FROM complaint').pluck().get()).toBeGreaterThan(atMoment.count)
    expect(complaintsChecksum(original, maxId)).toEqual(atMoment)
    for (const t of ['kecamatan', 'desa', 'unit', 'app_user']) {
      expect(copy.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(original.prepare(`SELECT count(*) FROM ${t}`).pluck().get())
    }
    copy.close()

    // Restore refuses while the store is open elsewhere …
    const busy = tanggap(['restore', '--db', file, '--from', out])
    expect(busy.status).toBe(1)
    expect(busy.stderr).toMatch(/sedang dibuka program lain/)
    original.close()
    // … and a damaged backup, before touching the store.
    const bad = join(dir, 'rusak.db')
    writeFileSync(bad, '')
    const r0 = tanggap(['backup', '--db', file, '--out', bad])
    expect(r0.status).toBe(1) // an existing file is never overwritten
    const damaged = join(dir, 'cadangan-rusak.db')
    expect(tanggap(['backup', '--db', file, '--out', damaged]).status).toBe(0)
    const fd = openSync(damaged, 'r+')
    const pages = statSync(damaged).size / 4096
    for (const f of [0.3, 0.5, 0.7, 0.9]) writeSync(fd, randomBytes(4096), 0, 4096, Math.floor(pages * f) * 4096)
    closeSync(fd)
    const refused = tanggap(['restore', '--db', file, '--from', damaged])
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/rusak/)
    expect(existsSync(`${file}.before-restore`)).toBe(false)
    // Damage in the schema page fails before SQLite's check can report; the answer is the same.
    const schemaDamaged = join(dir, 'cadangan-skema-rusak.db')
    expect(tanggap(['backup', '--db', file, '--out', schemaDamaged]).status).toBe(0)
    const fd2 = openSync(schemaDamaged, 'r+')
    writeSync(fd2, randomBytes(4096 - 100), 0, 4096 - 100, 100)
    closeSync(fd2)
    const refused2 = tanggap(['restore', '--db', file, '--from', schemaDamaged])
    expect(refused2.status).toBe(1)
    expect(refused2.stderr).toMatch(/rusak/)
    expect(refused2.stderr).not.toMatch(/malformed/)
    expect(existsSync(`${file}.before-restore`)).toBe(false)

    const restored = tanggap(['restore', '--db', file, '--from', out])
    expect(restored.status, restored.stderr).toBe(0)
    expect(restored.json()).toMatchObject({ file, from: out, before: `${file}.before-restore`, complaints: atMoment.count })
    const back = openStore(file, { readonly: true })
    expect(back.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(complaintsChecksum(back, Number.MAX_SAFE_INTEGER)).toEqual(atMoment)
    back.close()
    const kept = openStore(`${file}.before-restore`, { readonly: true })
    expect(kept.prepare('SELECT count(*) FROM complaint').pluck().get()).toBeGreaterThan(atMoment.count)
    kept.close()
  }, 180_000)

  it('keeps an encrypted store encrypted with the same key', () => {
    const key = 'kunci-cadangan-yang-panjang'
    const dir = tempDir()
    const file = join(dir, 'enc.db')
    seeded(file, key)
    const out = join(dir, 'enc-cadangan.db')
    const b = tanggap(['backup', '--db', file, '--out', out], { env: { TANGGAP_DB_KEY: key } })
    expect(b.status, b.stderr).toBe(0)
    expect(() => openStore(out, { key: null, readonly: true })).toThrow(StoreKeyError)
    const copy = openStore(out, { key, readonly: true })
    expect(copy.prepare('SELECT count(*) FROM desa').pluck().get()).toBeGreaterThan(100)
    copy.close()
  }, 60_000)

  it('names backups by their moment and keeps the newest N', () => {
    const dir = tempDir()
    const names = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => backupName(new Date(2026, 11, 1 + i, 2, 0, 0)))
    expect(names[0]).toBe('tanggap-20261201-020000.db')
    for (const n of names) writeFileSync(join(dir, n), 'x')
    writeFileSync(join(dir, 'catatan.txt'), 'bukan cadangan')
    expect(pruneBackups(dir, 7)).toHaveLength(3)
    expect(listBackups(dir).map((b) => b.file)).toEqual(names.slice(3).reverse().map((n) => join(dir, n)))
    expect(existsSync(join(dir, 'catatan.txt'))).toBe(true)
  })
})
