// Finding 4, last part: an export and the monthly recap print the audit log's head, so an OPD holding the file or
// its printout can later check (`tanggap audit verify --head HASH`) that the log was not cut back or rewritten
// since. Checked by reading the written files back: xlsx (Keterangan sheet), CSV (last line), for a queue, a KPI
// table and the recap.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { tempDir, tempStore } from '../helpers.ts'
import { openReader, type Db } from '#main/store/open.ts'
import { buildDoc, writeDoc } from '#main/export/run.ts'
import { exportRequestSchema, type ExportFormat } from '#main/export/request.ts'
import { appendAudit } from '#main/audit/log.ts'
import { verifyAudit } from '#main/audit/verify.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { readXlsx } from '../export/xlsx-reader.ts'
import { JANUARY, NOW, seedKnown } from '../export/seed.ts'

async function exportTo(db: Db, request: unknown, format: ExportFormat): Promise<string> {
  const file = join(tempDir(), `out.${format}`)
  const reader = openReader(db)
  try {
    await writeDoc(buildDoc({ db, reader, role: 'supervisor', now: NOW, username: 'uji' }, exportRequestSchema.parse(request)), { format, delimiter: ';' }, file)
  } finally {
    reader?.close()
  }
  return file
}

const requests = {
  queue: { kind: 'queue', kabupaten: '64.08', queue: 'semua', period: JANUARY },
  kpi: { kind: 'kpi', kabupaten: '64.08', period: JANUARY },
  recap: { kind: 'recap', kabupaten: '64.08', period: JANUARY },
}

function printedHash(format: ExportFormat, file: string): string | undefined {
  const text =
    format === 'xlsx'
      ? readXlsx(file).sheet('Keterangan').rows.find((r) => r[0] === 'Kepala log audit')?.[1]
      : (parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: false }) as string[][]).at(-1)?.[0]
  return /hash ([0-9a-f]{64})/.exec(String(text ?? ''))?.[1]
}

describe.each(['xlsx', 'csv'] as const)('%s', (format) => {
  it.each(Object.keys(requests) as (keyof typeof requests)[])('%s: prints the head the log has now, which verify later finds', async (kind) => {
    const { db } = tempStore()
    seedKnown(db)
    const admin = upsertProfile(db, 'kepala', 'Kepala Bidang', 'admin')
    appendAudit(db, admin, { action: 'settings.update', entity: 'setting', entityId: 'uji', after: { n: 1 } })
    const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string }
    const file = await exportTo(db, requests[kind], format)
    const hash = printedHash(format, file)
    expect(hash, 'no audit head printed').toBe(head.hash)
    // Later work goes on; the printed head is still in the log, so verify with it succeeds.
    appendAudit(db, admin, { action: 'settings.update', entity: 'setting', entityId: 'uji', after: { n: 2 } })
    expect(verifyAudit(db, hash).expectedHead).toEqual({ hash, found: true })
    // A log rewritten from before that entry no longer holds it: the check with the printed head fails.
    for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`) // sql-vetted: trigger names from sqlite_master
    db.prepare('DELETE FROM audit_log WHERE id >= ?').run(head.id)
    const after = verifyAudit(db, hash)
    expect(after.expectedHead).toEqual({ hash, found: false })
    expect(after.ok).toBe(false)
  })
})
