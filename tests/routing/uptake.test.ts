// "Saran diikuti dan tepat": every disposition decided in tanggap is recorded with the suggestion tanggap had on
// record for the complaint, and counted per OPD as taken or not, and — once the complaint is selesai — as right
// or not. A supervisor reading the table must be able to check each count against the complaints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { rebuild } from '#main/routing/learn.ts'
import { performAction } from '#main/complaints/actions.ts'
import { undoReassign } from '#main/complaints/undo.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { topUnits } from '#main/kpi/refresh.ts'
import { uptake } from '#main/routing/decisions.ts'

const KUTIM = '64.08'
const UNTIL = new Date('2026-11-20T12:00:00Z')
const NOW = UNTIL.getTime()
const TODAY = { from: '2026-11-20', to: '2026-11-20' }

type Candidate = { id: number; suggested: number }

function setup(dir: string) {
  const db = openStore(join(dir, 'store.db'))
  generateDemo(db, { kabupaten: KUTIM, count: 2500, seed: 8, until: UNTIL })
  rebuild(db, KUTIM, NOW)
  const supervisor = upsertProfile(db, 'kepala', 'Budi Santoso', 'supervisor')
  // Complaints not yet dispositioned whose stored suggestion names an OPD.
  const candidates = db
    .prepare(
      `SELECT c.id, s.unit_id AS suggested FROM complaint c JOIN routing_suggestion s ON s.complaint_id = c.id JOIN unit u ON u.id = s.unit_id
       WHERE c.kabupaten_kode = ? AND c.unit_id IS NULL AND c.status IN ('belum_terverifikasi', 'belum_ditindaklanjuti')
         AND u.kind IN ('opd', 'bidang') ORDER BY c.id LIMIT 7`,
    )
    .all(KUTIM) as Candidate[]
  const top = topUnits(db, KUTIM)
  const opds = db.prepare("SELECT id FROM unit WHERE kabupaten_kode = ? AND kind = 'opd' AND is_active = 1 ORDER BY id").pluck().all(KUTIM) as number[]
  /** An active OPD other than the one the suggestion names. */
  const elsewhere = (unit: number) => opds.find((o) => o !== (top.get(unit) ?? unit))!
  return { db, supervisor, candidates, top, elsewhere }
}

describe('suggestion taken and right, per OPD', () => {
  // One store for both cases (a demo store and its model take a while): each case acts on its own complaints,
  // on its own day.
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-uptake-'))
  let s: ReturnType<typeof setup>
  beforeAll(() => {
    s = setup(dir)
  })
  afterAll(() => {
    s?.db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('counts each disposition as taken or passed over, and judges it when the complaint is selesai', () => {
    const { db, supervisor, top, elsewhere } = s
    expect(s.candidates).toHaveLength(7)
    const candidates = s.candidates.slice(0, 6)
    const dispose = (c: Candidate, unitId: number) =>
      expect(performAction(db, supervisor, { action: 'disposition', ids: [c.id], unitId, reason: 'Disposisi dari uji' }, NOW).done).toEqual([c.id])
    const [t1, t2, t3, t4, p1, p2] = candidates
    for (const c of [t1, t2, t3, t4]) dispose(c, c.suggested)
    for (const c of [p1, p2]) dispose(c, elsewhere(c.suggested))
    // Closed upstream, as a sync writes them: three by the unit the suggestion named, one after LAPOR! moved it
    // to another OPD; a passed-over one ends at the suggested unit; the last stays open.
    const close = db.prepare("UPDATE complaint SET status = 'selesai', unit_id = ? WHERE id = ?")
    for (const c of [t1, t2, t3]) close.run(c.suggested, c.id)
    close.run(elsewhere(t4.suggested), t4.id)
    close.run(p1.suggested, p1.id)

    const u = uptake(db, KUTIM, TODAY)
    expect(u.withoutSuggestion).toBe(0)
    expect(u.total).toEqual({ decisions: 6, taken: 4, judged: 5, right: 4, judgedTaken: 4, rightTaken: 3, judgedPassed: 1, rightPassed: 1 })
    // Grouped by the OPD the suggestion named; the rows add up to the total.
    const opdOf = (c: Candidate) => top.get(c.suggested) ?? c.suggested
    expect(new Set(u.rows.map((r) => r.unitId))).toEqual(new Set(candidates.map(opdOf)))
    for (const key of Object.keys(u.total) as (keyof typeof u.total)[]) {
      expect(u.rows.reduce((s, r) => s + r[key], 0)).toBe(u.total[key])
    }
    for (const r of u.rows) expect(r.decisions).toBe(candidates.filter((c) => opdOf(c) === r.unitId).length)
    // Calibration holds every judged decision once.
    expect(u.calibration.reduce((s, b) => s + b.judged, 0)).toBe(5)
    expect(u.calibration.reduce((s, b) => s + b.right, 0)).toBe(4)

    // Only decisions inside the period count.
    expect(uptake(db, KUTIM, { from: '2026-11-01', to: '2026-11-19' }).total.decisions).toBe(0)
  })

  it('an undone move is no decision', () => {
    const { db, supervisor, elsewhere } = s
    const c = s.candidates[6]
    const day = NOW + 86_400_000
    const period = { from: '2026-11-21', to: '2026-11-21' }
    performAction(db, supervisor, { action: 'disposition', ids: [c.id], unitId: c.suggested, reason: 'Disposisi pertama' }, day)
    performAction(db, supervisor, { action: 'disposition', ids: [c.id], unitId: elsewhere(c.suggested), reason: 'Dipindahkan keliru' }, day + 1000)
    expect(uptake(db, KUTIM, period).total).toMatchObject({ decisions: 2, taken: 1 })
    expect(undoReassign(db, supervisor, [c.id], day + 3000).done).toEqual([c.id])
    expect(uptake(db, KUTIM, period).total).toMatchObject({ decisions: 1, taken: 1 })
  })
})
