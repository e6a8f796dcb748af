// Checking that the audit log is still what the app wrote: the triggers that make the table append-only are in
// place and unchanged, and every entry's hash chains to the one before (audit/log.ts). Run by
// `tanggap audit verify` and the audit.verify procedure.
import type { Db } from '../store/open.ts'
import { verifyAuditChain } from './log.ts'

/** The triggers 0001_init.sql creates, and what each must do. */
const GUARDS = [
  { name: 'audit_log_no_update', event: 'UPDATE' },
  { name: 'audit_log_no_delete', event: 'DELETE' },
] as const

export type TriggerCheck = { name: string; ok: boolean; problem?: string }

export type AuditVerification = {
  ok: boolean
  entries: number
  /** The newest entry: write its hash down somewhere else (a paper log) to detect later truncation. */
  head: { id: number; at: number; hash: string } | null
  triggers: TriggerCheck[]
  chain: { ok: true } | { ok: false; brokenAt: number; problem: string; entry: Record<string, unknown> | null }
  /** When an expected head hash was given: whether that entry is still in the chain. */
  expectedHead?: { hash: string; found: boolean }
}

export function checkTriggers(db: Db): TriggerCheck[] {
  return GUARDS.map(({ name, event }) => {
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = 'audit_log'").pluck().get(name) as
      | string
      | undefined
    if (!sql) return { name, ok: false, problem: 'pemicu hilang: tabel audit_log dapat diubah atau dihapus' }
    const normal = sql.replace(/\s+/g, ' ').toUpperCase()
    const guards = normal.includes(`BEFORE ${event} ON AUDIT_LOG`) && /RAISE\s*\(\s*ABORT/.test(normal) && !/\bWHEN\b/.test(normal)
    return guards ? { name, ok: true } : { name, ok: false, problem: `pemicu diubah: tidak lagi menolak setiap ${event}` }
  })
}

export function verifyAudit(db: Db, expectedHeadHash?: string): AuditVerification {
  const triggers = checkTriggers(db)
  const chain = verifyAuditChain(db)
  const head = (db.prepare('SELECT id, at, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as AuditVerification['head'] | undefined) ?? null
  const expectedHead =
    expectedHeadHash === undefined ? undefined : { hash: expectedHeadHash, found: db.prepare('SELECT 1 FROM audit_log WHERE hash = ?').get(expectedHeadHash) !== undefined }
  const ok = chain.ok && triggers.every((t) => t.ok) && (expectedHead?.found ?? true)
  return {
    ok,
    entries: chain.entries,
    head,
    triggers,
    chain: chain.ok
      ? { ok: true }
      : {
          ok: false,
          brokenAt: chain.brokenAt,
          problem: chain.problem,
          entry: (db.prepare('SELECT * FROM audit_log WHERE id = ?').get(chain.brokenAt) as Record<string, unknown> | undefined) ?? null,
        },
    expectedHead,
  }
}
