// Checking that the audit log is still what the app wrote: the triggers that make the table append-only are in
// place with exactly the SQL the migrations gave them, every entry's hash chains to the one before under the
// store's audit key (audit/log.ts, audit/key.ts), and the head written down outside the store is still in the
// chain. Run by `tanggap audit verify` and the audit.verify procedure.
import type { Db } from '../store/open.ts'
import { verifyAuditChain } from './log.ts'
import { anchorAuditHead, auditAnchorFile, auditKey, auditKeyFile, readAnchor } from './key.ts'

/** The triggers 0001_init.sql and 0015_audit_no_replace.sql create, with their SQL text as sqlite_master keeps
 *  it: a trigger with the right name but another body (a no-op, a WHEN that never holds) is no guard. */
const GUARDS = [
  { name: 'audit_log_no_update', event: 'UPDATE', sql: "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END" },
  { name: 'audit_log_no_delete', event: 'DELETE', sql: "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END" },
  {
    name: 'audit_log_no_replace',
    event: 'INSERT OR REPLACE',
    sql: "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
  },
] as const

const normal = (sql: string) => sql.replace(/\s+/g, ' ').trim()

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
  /** The audit key outside the store: where, and the first entry it hashes (older ones: plain SHA-256). */
  key: { file: string | null; fromId: number }
  /** The head last written down outside the store (the anchor file) and whether it is still in the chain. */
  anchor: { file: string | null; id: number | null; hash: string | null; ok: boolean; problem?: string }
}

export function checkTriggers(db: Db): TriggerCheck[] {
  const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string }[]
  const checks: TriggerCheck[] = GUARDS.map(({ name, event, sql }) => {
    const found = all.find((t) => t.name === name)
    if (!found) return { name, ok: false, problem: 'pemicu hilang: tabel audit_log dapat diubah atau dihapus' }
    return normal(found.sql) === normal(sql) ? { name, ok: true } : { name, ok: false, problem: `pemicu diubah: tidak lagi menolak setiap ${event}` }
  })
  // Any other trigger on the table could rewrite what is inserted (an AFTER INSERT that edits the new row).
  for (const t of all) if (!GUARDS.some((g) => g.name === t.name)) checks.push({ name: t.name, ok: false, problem: 'pemicu asing pada audit_log' })
  return checks
}

export function verifyAudit(db: Db, expectedHeadHash?: string): AuditVerification {
  const triggers = checkTriggers(db)
  const key = auditKey(db)
  const chain = verifyAuditChain(db)
  const head = (db.prepare('SELECT id, at, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as AuditVerification['head'] | undefined) ?? null
  const expectedHead =
    expectedHeadHash === undefined ? undefined : { hash: expectedHeadHash, found: db.prepare('SELECT 1 FROM audit_log WHERE hash = ?').get(expectedHeadHash) !== undefined }
  const anchor = checkAnchor(db, key.fromId)
  const ok = chain.ok && triggers.every((t) => t.ok) && (expectedHead?.found ?? true) && anchor.ok
  // Only an intact log moves the anchor forward: a broken one keeps the evidence.
  const written = ok ? anchorAuditHead(db) : null
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
    key: { file: auditKeyFile(db), fromId: key.fromId },
    anchor: { ...anchor, id: written?.id ?? anchor.id, hash: written?.hash ?? anchor.hash },
  }
}

function checkAnchor(db: Db, fromId: number): AuditVerification['anchor'] {
  const file = auditAnchorFile(db)
  const a = readAnchor(db)
  if (!a) return { file, id: null, hash: null, ok: true }
  const base = { file, id: a.id, hash: a.hash }
  if (a.id < 0) return { ...base, ok: false, problem: `berkas jangkar ${file} rusak` }
  if (a.fromId !== fromId) return { ...base, ok: false, problem: 'kunci audit berbeda dari yang tercatat di berkas jangkar: kunci diganti atau dibuat ulang' }
  const stored = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(a.id) as string | undefined
  if (stored === undefined) return { ...base, ok: false, problem: `entri ${a.id} yang tercatat di berkas jangkar tidak ada lagi: log dipotong` }
  if (stored !== a.hash) return { ...base, ok: false, problem: `entri ${a.id} tidak lagi sama dengan yang tercatat di berkas jangkar: log ditulis ulang` }
  return { ...base, ok: true }
}
