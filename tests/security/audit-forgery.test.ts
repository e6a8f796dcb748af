// Finding 4 of the second security round: the audit log could be rewritten without `audit verify` noticing.
// INSERT OR REPLACE went around the append-only triggers (REPLACE deletes without firing the delete trigger); an
// entry rewritten and re-chained with the published SHA-256 formula verified as ok; triggers replaced by no-op ones
// with the same names passed the trigger check; a log cut back verified unless someone had written the head down.
// Each attack is made here the way someone who can write the store file would make it: with plain SQLite.
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appendAudit } from '#main/audit/log.ts'
import { verifyAudit } from '#main/audit/verify.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { openStore } from '#main/store/open.ts'
import { findProfile } from '#main/users/profiles.ts'
import { tempDir } from '../helpers.ts'

const COLUMNS = ['prev_hash', 'at', 'user_id', 'username', 'role', 'action', 'entity', 'entity_id', 'before_json', 'after_json', 'reason'] as const
type Row = Record<(typeof COLUMNS)[number] | 'id' | 'hash', unknown>
/** The formula the docs published for the old chain. */
const published = (r: Row) => createHash('sha256').update(JSON.stringify(COLUMNS.map((c) => r[c]))).digest('hex')

function store(entries = 5): string {
  const file = join(tempDir(), 'audit.db')
  const ws = openWorkspace(file)
  const admin = findProfile(ws.db, 'admin')!
  for (let i = 1; i <= entries; i++) appendAudit(ws.db, admin, { action: 'setting.change', entity: 'setting', entityId: `s${i}`, after: { value: i } })
  ws.db.pragma('wal_checkpoint(TRUNCATE)')
  ws.close()
  return file
}

function raw(file: string, f: (db: Database.Database) => void): void {
  const db = new Database(file)
  try {
    f(db)
  } finally {
    db.close()
  }
}

function verify(file: string) {
  const db = openStore(file, { readonly: true })
  try {
    return verifyAudit(db)
  } finally {
    db.close()
  }
}

const INSERT = `INTO audit_log (id, at, user_id, username, role, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash)
  VALUES (@id, @at, @user_id, @username, @role, @action, @entity, @entity_id, @before_json, @after_json, @reason, @prev_hash, @hash)`

describe('the audit log cannot be rewritten unnoticed by someone who can write the store file', () => {
  it('INSERT OR REPLACE (and REPLACE) of an existing entry is refused by the database', () => {
    const file = store()
    raw(file, (db) => {
      const row = db.prepare('SELECT * FROM audit_log WHERE id = 3').get() as Row
      const forged = { ...row, reason: 'diganti' }
      for (const verb of ['INSERT OR REPLACE', 'REPLACE']) expect(() => db.prepare(`${verb} ${INSERT}`).run(forged), verb).toThrow('audit_log is append-only')
      expect(db.prepare('SELECT reason FROM audit_log WHERE id = 3').pluck().get()).toBeNull()
    })
    expect(verify(file).ok).toBe(true)
  })

  it('an entry rewritten and the chain re-computed with the published formula does not verify (the hashes are keyed)', () => {
    const file = store()
    expect(verify(file).ok).toBe(true)
    raw(file, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update')
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[]
      let prev = (rows[1].hash as string) ?? ''
      for (const r of rows.slice(2)) {
        const changed = r.id === 3 ? { ...r, after_json: '{"value":999}' } : { ...r }
        changed.prev_hash = prev
        changed.hash = published(changed)
        db.prepare('UPDATE audit_log SET after_json = @after_json, prev_hash = @prev_hash, hash = @hash WHERE id = @id').run(changed)
        prev = changed.hash as string
      }
      db.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\nBEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;")
    })
    const v = verify(file)
    expect(v.ok).toBe(false)
    expect(v.chain).toMatchObject({ ok: false, brokenAt: 3, problem: 'isi entri tidak cocok dengan hash-nya' })
    expect(v.triggers.every((t) => t.ok)).toBe(true) // the triggers were put back exactly: the chain alone tells
  })

  it('triggers replaced by no-op ones under the same names, or a foreign trigger beside them, fail the trigger check', () => {
    for (const sql of [
      'DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END;',
      "DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN old.id < 0 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
      "DROP TRIGGER audit_log_no_replace; CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE) WHERE 0; END;",
      "CREATE TRIGGER audit_log_tidy AFTER INSERT ON audit_log BEGIN SELECT 1; END;",
    ]) {
      const file = store(2)
      raw(file, (db) => db.exec(sql))
      const v = verify(file)
      expect(v.ok, sql).toBe(false)
      expect(v.triggers.filter((t) => !t.ok).length, sql).toBe(1)
    }
  })

  it('a log cut back is found from the anchor file, without a hash written down by hand', () => {
    const file = store()
    const before = verify(file)
    expect(before.anchor).toMatchObject({ ok: true, id: 5, file: `${file}.audit-head` })
    raw(file, (db) => db.exec("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id >= 4; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\nBEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"))
    const v = verify(file)
    expect(v.ok).toBe(false)
    expect(v.chain.ok).toBe(true)
    expect(v.anchor).toMatchObject({ ok: false, id: 5, problem: expect.stringMatching(/log dipotong/) })
    // The app appending again does not paper over it: the anchor keeps the evidence.
    const ws = openWorkspace(file)
    for (let i = 0; i < 3; i++) appendAudit(ws.db, findProfile(ws.db, 'admin')!, { action: 'setting.change', entity: 'setting', entityId: 'x' })
    ws.close()
    expect(verify(file).anchor).toMatchObject({ ok: false, id: 5 })
  })

  it('the key lives outside the store, private; a key made anew is noticed', () => {
    const file = store(2)
    const keyFile = `${file}.audit-key`
    expect(existsSync(keyFile)).toBe(true)
    expect(statSync(keyFile).mode & 0o077).toBe(0)
    const key = (JSON.parse(readFileSync(keyFile, 'utf8')) as { key: string }).key
    raw(file, (db) => expect(JSON.stringify(db.prepare("SELECT * FROM sqlite_master").all())).not.toContain(key))
    expect(verify(file).ok).toBe(true)
    rmSync(keyFile)
    const v = verify(file) // creates a new key, which the anchor does not know
    expect(v.ok).toBe(false)
  })

  it('a store from before the keyed chain keeps verifying: old entries by the old formula, new ones keyed', () => {
    const file = join(tempDir(), 'lama.db')
    const ws = openWorkspace(file)
    const admin = findProfile(ws.db, 'admin')!
    // Entries as the previous version wrote them: plain SHA-256, no key file, no anchor.
    let prev = ''
    for (let i = 1; i <= 3; i++) {
      const r: Row = { id: i, at: 1000 + i, user_id: admin.id, username: 'admin', role: 'admin', action: 'lama', entity: 'setting', entity_id: String(i), before_json: null, after_json: null, reason: null, prev_hash: prev, hash: '' }
      r.hash = published(r)
      ws.db.prepare(`INSERT ${INSERT}`).run(r)
      prev = r.hash as string
    }
    expect(existsSync(`${file}.audit-key`)).toBe(false)
    appendAudit(ws.db, admin, { action: 'baru', entity: 'setting', entityId: '4' })
    ws.close()
    const v = verify(file)
    expect(v).toMatchObject({ ok: true, entries: 4, key: { fromId: 4 } })
  })
})
