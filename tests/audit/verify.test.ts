// `tanggap audit verify`: the append-only triggers and the hash chain of the audit log, checked from the command
// line. Tampering is done the way an insider with the sqlite3 shell would: drop the triggers, edit, delete.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { performAction } from '#main/complaints/actions.ts'
import { findProfile } from '#main/users/profiles.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { insertComplaints } from '../fixtures.ts'
import { tempDir } from '../helpers.ts'
import { tanggap } from '../cli.ts'
import { join } from 'node:path'

type Verification = {
  ok: boolean
  entries: number
  head: { id: number; hash: string } | null
  triggers: { name: string; ok: boolean; problem?: string }[]
  chain: { ok: boolean; brokenAt?: number; problem?: string; entry?: { id: number; reason: string } }
  expectedHead?: { found: boolean }
}

/** A store with five audited actions (notes on a complaint). */
function auditedStore(): string {
  const file = join(tempDir(), 'audit.db')
  const ws = openWorkspace(file)
  seedKabupaten(ws.db, '64.08')
  const [id] = insertComplaints(ws.db, [{ tracking_id: 'A1', submitted: '2026-01-05T02:00:00Z' }])
  const admin = findProfile(ws.db, 'admin')!
  for (let i = 1; i <= 5; i++) performAction(ws.db, admin, { action: 'note', ids: [id], body: `catatan ${i}` }, Date.parse('2026-01-06T00:00:00Z') + i)
  ws.db.pragma('wal_checkpoint(TRUNCATE)')
  ws.close()
  return file
}

function tamper(file: string, sql: string) {
  const raw = new Database(file)
  raw.exec(sql)
  raw.close()
}

describe('tanggap audit verify', () => {
  it('reports an intact log with its entries, triggers and head, and exits 0', () => {
    const file = auditedStore()
    const r = tanggap(['audit', 'verify', '--db', file])
    expect(r.status).toBe(0)
    const v = r.json<Verification>()
    expect(v).toMatchObject({ ok: true, entries: 5, chain: { ok: true }, triggers: [{ name: 'audit_log_no_update', ok: true }, { name: 'audit_log_no_delete', ok: true }, { name: 'audit_log_no_replace', ok: true }] })
    expect(v.head?.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(tanggap(['audit', 'verify', '--db', file, '--head', v.head!.hash]).status).toBe(0)
  })

  it('the database itself refuses to change or delete an entry', () => {
    const file = auditedStore()
    const raw = new Database(file)
    expect(() => raw.prepare("UPDATE audit_log SET reason = 'x' WHERE id = 2").run()).toThrow('audit_log is append-only')
    expect(() => raw.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow('audit_log is append-only')
    raw.close()
    expect(tanggap(['audit', 'verify', '--db', file]).status).toBe(0)
  })

  it('finds an edited entry: exit 1, the first broken entry, and missing triggers', () => {
    const file = auditedStore()
    tamper(file, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after_json = '{\"body\":\"diubah\"}' WHERE id = 3")
    const r = tanggap(['audit', 'verify', '--db', file])
    expect(r.status).toBe(1)
    const v = r.json<Verification>()
    expect(v.ok).toBe(false)
    expect(v.chain).toMatchObject({ ok: false, brokenAt: 3, problem: 'isi entri tidak cocok dengan hash-nya', entry: { id: 3 } })
    expect(v.triggers.find((t) => t.name === 'audit_log_no_update')).toMatchObject({ ok: false, problem: expect.stringMatching(/pemicu hilang/) })
    expect(r.stderr).toMatch(/log audit TIDAK utuh mulai entri 3/)
  })

  it('finds a deleted entry in the middle, and a log cut short against a recorded head', () => {
    const file = auditedStore()
    tamper(file, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2')
    const middle = tanggap(['audit', 'verify', '--db', file])
    expect(middle.status).toBe(1)
    expect(middle.json<Verification>().chain).toMatchObject({ ok: false, brokenAt: 3, problem: expect.stringMatching(/rantai terputus/) })

    const cut = auditedStore()
    const cutHead = tanggap(['audit', 'verify', '--db', cut]).json<Verification>().head!.hash
    // Removing the newest entries leaves a chain that is valid on its own: the head recorded outside the store tells,
    // in the anchor file verify keeps beside it (audit/key.ts) and in the hash written down by hand.
    tamper(cut, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id >= 4; ' +
      "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;")
    const anchored = tanggap(['audit', 'verify', '--db', cut])
    expect(anchored.status).toBe(1)
    expect(anchored.stderr).toMatch(/entri 5 yang tercatat di berkas jangkar tidak ada lagi: log dipotong/)
    const withHead = tanggap(['audit', 'verify', '--db', cut, '--head', cutHead])
    expect(withHead.status).toBe(1)
    expect(withHead.json<Verification>().expectedHead).toMatchObject({ found: false })
  })

  it('notices a trigger rewritten to let changes through', () => {
    const file = auditedStore()
    tamper(file, "DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END;")
    const r = tanggap(['audit', 'verify', '--db', file])
    expect(r.status).toBe(1)
    expect(r.json<Verification>().triggers[0]).toMatchObject({ ok: false, problem: expect.stringMatching(/pemicu diubah/) })
  })

  it('says clearly what is wrong with its arguments', () => {
    expect(tanggap(['audit', 'verify', '--db', '/tidak/ada.db']).stderr).toMatch(/tanggap: berkas data \/tidak\/ada.db tidak ada/)
    const file = auditedStore()
    const bad = tanggap(['audit', 'verify', '--db', file, '--head', 'xyz'])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/--head harus hash SHA-256/)
  })
})
