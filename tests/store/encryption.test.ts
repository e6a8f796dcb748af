// Encryption at rest: a store opened with a key is unreadable without it (file and WAL), a wrong or missing key
// gets a clear message, an existing store is encrypted (and decrypted) in place through a verified copy, and a
// machine without the optional module says so.
import Database from 'better-sqlite3'
import { readFileSync, statSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '#main/store/open.ts'
import { CipherUnavailableError, fileKind, setCipherModuleNameForTests, StoreKeyError } from '#main/store/cipher.ts'
import { encryptStore } from '#main/store/encrypt.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { startServer } from '#main/app/server/serve.ts'
import { PEOPLE, seedKnownIdentities } from '../privacy/leak-scan.ts'
import { tempDir } from '../helpers.ts'
import { tanggap } from '../cli.ts'
import { callHttp } from '../security/api.ts'

const KEY = 'kunci-uji-enkripsi-panjang'
afterEach(() => setCipherModuleNameForTests())

/** Whether a name appears anywhere in the bytes on disk (the file and its WAL). */
function onDisk(file: string, text: string): boolean {
  return [file, file + '-wal'].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(text, 'utf8')))
}

describe('a store opened with a key', () => {
  it('is encrypted on disk, WAL included, and reads back with the key', () => {
    const file = join(tempDir(), 'enc.db')
    const db = openStore(file, { key: KEY })
    seedKabupaten(db, '64.08')
    seedKnownIdentities(db)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(onDisk(file, PEOPLE.terbuka.nama)).toBe(false)
    expect(onDisk(file, 'Sangatta')).toBe(false)
    db.close()
    expect(fileKind(file)).toBe('encrypted-or-other')
    expect(() => new Database(file).prepare('SELECT * FROM reporter').all()).toThrow('file is not a database')
    const again = openStore(file, { key: KEY })
    expect(again.prepare('SELECT nama FROM reporter ORDER BY complaint_id').pluck().get()).toBe(PEOPLE.terbuka.nama)
    again.close()
    // The same store unencrypted does show the name on disk: the check above can see it.
    const plain = join(tempDir(), 'plain.db')
    const p = openStore(plain)
    seedKabupaten(p, '64.08')
    seedKnownIdentities(p)
    expect(onDisk(plain, PEOPLE.terbuka.nama)).toBe(true)
    p.close()
  })

  it('refuses with a clear message: no key, a wrong key, a key for a plain file, a short key', () => {
    const file = join(tempDir(), 'enc.db')
    openStore(file, { key: KEY }).close()
    expect(() => openStore(file, { key: null })).toThrow(StoreKeyError)
    expect(() => openStore(file, { key: null })).toThrow(/terenkripsi .*--key-file BERKAS atau TANGGAP_DB_KEY/)
    expect(() => openStore(file, { key: 'kunci-yang-salah-sekali' })).toThrow(/Kunci salah untuk berkas/)
    const plain = join(tempDir(), 'plain.db')
    openStore(plain).close()
    expect(() => openStore(plain, { key: KEY })).toThrow(/tidak terenkripsi, tetapi kunci diberikan\. Enkripsi dulu: tanggap store encrypt/)
    expect(() => openStore(join(tempDir(), 'baru.db'), { key: 'pendek' })).toThrow('kunci berkas data terlalu pendek: minimal 16 karakter')
  })

  it('without the optional module installed, fails with a message that names it', () => {
    setCipherModuleNameForTests('better-sqlite3-multiple-ciphers-tidak-terpasang')
    const file = join(tempDir(), 'enc.db')
    expect(() => openStore(file, { key: KEY })).toThrow(CipherUnavailableError)
    expect(() => openStore(file, { key: KEY })).toThrow(/memerlukan modul better-sqlite3-multiple-ciphers.*npm install better-sqlite3-multiple-ciphers/)
    expect(existsSync(file)).toBe(false)
    // Plain stores do not need it.
    openStore(join(tempDir(), 'plain.db')).close()
  })

  it('serves the app in serve mode like a plain one', async () => {
    const ws = openWorkspace(join(tempDir(), 'enc.db'), { key: KEY })
    seedKabupaten(ws.db, '64.08')
    const server = await startServer({ workspace: ws, port: 0, log: () => {} })
    try {
      expect(await callHttp(server.url, { path: 'regions.kabupaten', type: 'query' }, undefined)).toMatchObject({ ok: true, data: [{ kode: '64.08' }] })
    } finally {
      await server.close()
      ws.close()
    }
  })
})

describe('tanggap store encrypt / decrypt', () => {
  it('encrypts an existing store in place with a new key file; every command then needs the key', () => {
    const dir = tempDir()
    const file = join(dir, 'tanggap.db')
    const keyFile = join(dir, 'tanggap.key')
    expect(tanggap(['demo', '--db', file, '--count', '300', '--seed', '5', '--until', '2026-01-31']).status).toBe(0)
    const before = tanggap(['info', '--db', file]).json()
    const enc = tanggap(['store', 'encrypt', '--db', file, '--new-key-file', keyFile])
    expect(enc.stderr).toBe('')
    expect(enc.status).toBe(0)
    expect(enc.json()).toMatchObject({ file, encrypted: true, keyFile })
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/)
    expect(fileKind(file)).toBe('encrypted-or-other')
    expect(existsSync(`${file}.enkripsi-${process.pid}`)).toBe(false)

    const locked = tanggap(['info', '--db', file])
    expect(locked.status).toBe(1)
    expect(locked.stderr).toMatch(/^tanggap: Berkas .* terenkripsi .*--key-file BERKAS atau TANGGAP_DB_KEY/)
    expect(tanggap(['info', '--db', file, '--key-file', keyFile]).json()).toEqual(before)
    expect(tanggap(['--key-file', keyFile, 'info', '--db', file]).json()).toEqual(before)
    const key = readFileSync(keyFile, 'utf8').trim()
    expect(tanggap(['info', '--db', file], { env: { TANGGAP_DB_KEY: key } }).json()).toEqual(before)

    const again = tanggap(['store', 'encrypt', '--db', file, '--key-file', keyFile])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/sudah terenkripsi .*tidak diubah/)

    const dec = tanggap(['store', 'decrypt', '--db', file, '--key-file', keyFile])
    expect(dec.status).toBe(0)
    expect(fileKind(file)).toBe('plain')
    expect(tanggap(['info', '--db', file]).json()).toEqual(before)
  }, 180_000)

  it('leaves the original untouched when it cannot finish', () => {
    const file = join(tempDir(), 'tanggap.db')
    const db = openStore(file)
    seedKabupaten(db, '64.08')
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    const bytes = readFileSync(file)
    expect(() => encryptStore(file, 'pendek')).toThrow(/terlalu pendek/)
    expect(readFileSync(file).equals(bytes)).toBe(true)
    setCipherModuleNameForTests('tidak-ada')
    expect(() => encryptStore(file, KEY)).toThrow(CipherUnavailableError)
    expect(readFileSync(file).equals(bytes)).toBe(true)
    expect(tanggap(['store', 'encrypt', '--db', file]).stderr).toMatch(/kunci tidak diberikan/)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })
})

describe('tanggap bench store', () => {
  it('prints the same measurements for the plain and the encrypted store, and their ratios', () => {
    const r = tanggap(['bench', 'store', '--count', '300', '--runs', '3'])
    expect(r.status, r.stderr).toBe(0)
    const out = r.json<{ plain: Record<string, unknown>; encrypted: Record<string, unknown>; encrypted_over_plain: Record<string, number> }>()
    const measured = ['generate_ms', 'kpi_opd_year', 'queue_page', 'complaint_detail', 'open', 'open_and_summary', 'cold_full_scan']
    for (const side of [out.plain, out.encrypted]) for (const m of measured) expect(side, m).toHaveProperty(m)
    expect(Object.keys(out.encrypted_over_plain)).toEqual(expect.arrayContaining(['bytes', 'generate', 'open', 'cold_full_scan']))
  }, 180_000)
})
