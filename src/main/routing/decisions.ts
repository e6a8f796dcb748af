// Was the suggestion taken, and was it right? Every disposition decided in tanggap (a first disposition, a
// supervisor's move) is recorded with the suggestion tanggap had stored for the complaint at that moment
// (routing_decision, migration 0034). Whether it was right is read from the complaint as it ends, by one written
// rule an OPD can check (docs/routing.md, "Saran diikuti dan tepat"):
// - taken: the unit chosen has the suggestion's label (the same OPD or bidang; for a kecamatan or desa office,
//   the place's own office);
// - judged: the complaint is now selesai; right: the unit that finished it has the suggestion's label. Open,
//   returned (bukan wewenang), postponed and archived complaints are not judged: nobody has shown where they belong.
// Rows are grouped by the OPD the suggestion named (a bidang counts under its OPD).
import type { Db } from '../store/open.ts'
import { periodBounds, type Period } from '#shared/period.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { labelOfUnit, routingContext } from './context.ts'

/** In the caller's transaction, before the complaint moves: what tanggap suggested for it then. */
export function recordDecision(
  db: Db,
  d: { complaintId: number; kabupaten: string; at: number; userId: number | null; fromUnitId: number | null; chosenUnitId: number },
): void {
  const s = db.prepare('SELECT unit_id, confidence, top_json FROM routing_suggestion WHERE complaint_id = ?').get(d.complaintId) as
    | { unit_id: number | null; confidence: number; top_json: string }
    | undefined
  const best = s ? (JSON.parse(s.top_json) as { label: string }[])[0] : undefined
  const has = s !== undefined && s.unit_id !== null && best !== undefined
  db.prepare(
    `INSERT INTO routing_decision (complaint_id, kabupaten_kode, at, user_id, from_unit_id, chosen_unit_id, suggested_unit_id, suggested_label, confidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.complaintId, d.kabupaten, d.at, d.userId, d.fromUnitId, d.chosenUnitId, has ? s.unit_id : null, has ? best.label : null, has ? s.confidence : null)
}

/** An undone move was never a decision that stands. */
export function withdrawDecision(db: Db, complaintId: number, at: number): void {
  db.prepare('DELETE FROM routing_decision WHERE complaint_id = ? AND at = ?').run(complaintId, at)
}

export type UptakeCounts = {
  /** Decisions with a suggestion on record. */
  decisions: number
  taken: number
  /** Of those, complaints now selesai, and of them finished by the suggested unit. */
  judged: number
  right: number
  judgedTaken: number
  rightTaken: number
  /** Not taken, yet finished by the suggested unit: the suggestion was right and was passed over. */
  judgedPassed: number
  rightPassed: number
}

export type UptakeRow = UptakeCounts & { unitId: number; nama: string; singkatan: string | null }

export type Uptake = {
  rows: UptakeRow[]
  total: UptakeCounts
  /** Decisions taken with no suggestion on record (a model still learning, a complaint without a place). */
  withoutSuggestion: number
  /** Judged decisions by the confidence tanggap gave: does "90 %" come true about 9 times in 10? */
  calibration: { from: number; to: number; judged: number; right: number; meanConfidence: number }[]
}

const BINS = [0, 0.5, 0.7, 0.9, 1.0001]

const zero = (): UptakeCounts => ({ decisions: 0, taken: 0, judged: 0, right: 0, judgedTaken: 0, rightTaken: 0, judgedPassed: 0, rightPassed: 0 })

export function uptake(db: Db, kabupaten: string, period: Period): Uptake {
  const [from, to] = periodBounds(period, getKabupaten(db, kabupaten).utc_offset_minutes)
  const ctx = routingContext(db, kabupaten)
  const rows = db
    .prepare(
      `SELECT d.chosen_unit_id, d.suggested_unit_id, d.suggested_label, d.confidence, c.status, c.unit_id
       FROM routing_decision d JOIN complaint c ON c.id = d.complaint_id
       WHERE d.kabupaten_kode = ? AND d.at >= ? AND d.at < ?`,
    )
    .all(kabupaten, from, to) as {
    chosen_unit_id: number
    suggested_unit_id: number | null
    suggested_label: string | null
    confidence: number | null
    status: string
    unit_id: number | null
  }[]
  const byOpd = new Map<number, UptakeCounts>()
  const total = zero()
  const bins = BINS.slice(0, -1).map((b, i) => ({ from: b, to: Math.min(1, BINS[i + 1]), judged: 0, right: 0, sum: 0 }))
  let withoutSuggestion = 0
  for (const r of rows) {
    if (r.suggested_unit_id === null || r.suggested_label === null) {
      withoutSuggestion++
      continue
    }
    const opd = ctx.top.get(r.suggested_unit_id) ?? r.suggested_unit_id
    const counts = byOpd.get(opd) ?? zero()
    byOpd.set(opd, counts)
    const taken = labelOfUnit(ctx, r.chosen_unit_id) === r.suggested_label
    const judged = r.status === 'selesai' && labelOfUnit(ctx, r.unit_id) !== null
    const right = judged && labelOfUnit(ctx, r.unit_id) === r.suggested_label
    for (const c of [counts, total]) {
      c.decisions++
      if (taken) c.taken++
      if (!judged) continue
      c.judged++
      if (right) c.right++
      if (taken) {
        c.judgedTaken++
        if (right) c.rightTaken++
      } else {
        c.judgedPassed++
        if (right) c.rightPassed++
      }
    }
    if (judged && r.confidence !== null) {
      const bin = bins.find((_, i) => r.confidence! >= BINS[i] && r.confidence! < BINS[i + 1])
      if (bin) {
        bin.judged++
        bin.sum += r.confidence
        if (right) bin.right++
      }
    }
  }
  const out: UptakeRow[] = [...byOpd].map(([unitId, c]) => {
    const u = ctx.units.get(unitId)
    return { unitId, nama: u?.nama ?? `unit ${unitId}`, singkatan: u?.singkatan ?? null, ...c }
  })
  out.sort((a, b) => b.decisions - a.decisions || a.nama.localeCompare(b.nama, 'id'))
  return {
    rows: out,
    total,
    withoutSuggestion,
    calibration: bins.map(({ sum, ...b }) => ({ ...b, meanConfidence: b.judged === 0 ? 0 : sum / b.judged })),
  }
}
