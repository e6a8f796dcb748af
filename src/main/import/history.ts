// Past imports of a kabupaten, newest first, with what each run did to the store.
import type { Db } from '#main/store/open.ts'

export type ImportHistoryRow = {
  id: number
  file_name: string
  file_sha256: string
  layout: string
  rows: number
  accepted: number
  rejected: number
  imported_by: string
  imported_at: number
  source: string
  /** null while the file's run is unknown (an import that never reached the sync engine). */
  inserted: number | null
  updated: number | null
  unchanged: number | null
  status: string | null
}

export function importHistory(db: Db, kabupaten: string, limit: number): ImportHistoryRow[] {
  return db
    .prepare(
      `SELECT f.id, f.file_name, f.file_sha256, f.layout, f.rows, f.accepted, f.rejected, f.imported_by, f.imported_at, s.name AS source,
              r.inserted, r.updated, r.unchanged, r.status
       FROM import_file f JOIN sync_source s ON s.id = f.source_id LEFT JOIN sync_run r ON r.id = f.run_id
       WHERE s.kabupaten_kode = ? ORDER BY f.id DESC LIMIT ?`,
    )
    .all(kabupaten, limit) as ImportHistoryRow[]
}
