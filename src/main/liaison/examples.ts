// The liaisons' returns as labelled routing examples, for the routing model to read (src/main/routing is being
// rewritten elsewhere; nothing here changes the model). Each return says "not this unit" (the unit that returned
// it) and, when known, "this unit": the one a supervisor accepted it to (strongest), else the one the liaison named.
// A rejected return says the opposite: the holding unit was right after all.
import type { Db } from '../store/open.ts'

export type ReturnExample = {
  complaintId: number
  /** The unit the complaint was returned by. */
  notUnitId: number
  /** Where it belongs, when known, and who said so. */
  unitId: number | null
  source: 'diterima_supervisor' | 'usul_penghubung' | 'ditolak_supervisor' | null
  at: number
}

export function returnExamples(db: Db, kabupaten: string, since = 0): ReturnExample[] {
  const rows = db
    .prepare(
      `SELECT r.complaint_id, r.unit_id, r.unit_tujuan_id, r.accepted, r.decision_unit_id, coalesce(r.decided_at, r.created_at) AS at
       FROM liaison_return r JOIN complaint c ON c.id = r.complaint_id WHERE c.kabupaten_kode = ? AND coalesce(r.decided_at, r.created_at) >= ? ORDER BY r.id`,
    )
    .all(kabupaten, since) as { complaint_id: number; unit_id: number; unit_tujuan_id: number | null; accepted: number | null; decision_unit_id: number | null; at: number }[]
  return rows.map((r) => {
    if (r.accepted === 1) return { complaintId: r.complaint_id, notUnitId: r.unit_id, unitId: r.decision_unit_id, source: 'diterima_supervisor', at: r.at }
    if (r.accepted === 0) return { complaintId: r.complaint_id, notUnitId: r.unit_tujuan_id ?? -1, unitId: r.unit_id, source: 'ditolak_supervisor', at: r.at }
    return { complaintId: r.complaint_id, notUnitId: r.unit_id, unitId: r.unit_tujuan_id, source: r.unit_tujuan_id ? 'usul_penghubung' : null, at: r.at }
  })
}
