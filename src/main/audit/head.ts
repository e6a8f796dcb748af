// The audit chain's head as exports and the monthly recap print it: whoever holds the printout can later check with
// `tanggap audit verify --head HASH` that the log still holds that entry unchanged, i.e. that it was not cut back or
// rewritten since (finding 4 of issue 15; the key and anchor file are in audit/key.ts).
import type { Db } from '../store/open.ts'

export type AuditHead = { id: number; hash: string }

/** The newest entry of the audit log, or null when the log is empty. */
export function auditHead(db: Db): AuditHead | null {
  return (db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as AuditHead | undefined) ?? null
}

/** The line printed on a document, e.g. "entri 1234 · hash 3f…; periksa: tanggap audit verify --head 3f…". */
export function auditHeadLine(head: AuditHead | null): string {
  if (!head) return 'log audit masih kosong'
  return `entri ${head.id} · hash ${head.hash} (periksa kemudian: tanggap audit verify --db BERKAS --head ${head.hash})`
}

export const AUDIT_HEAD_LABEL = 'Kepala log audit'
