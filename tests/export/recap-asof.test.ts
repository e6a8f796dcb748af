// The monthly recap "as of" a past date counts the statuses as they were then: it equals the recap made on a copy
// of the store rolled back to that date (events and complaints after it deleted, statuses, units and dispositions
// reset from the history), whose recap is read from the KPI aggregates as on the day itself.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openStore, type Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { rebuildKabupaten, slaContext } from '#main/kpi/refresh.ts'
import { recapDoc } from '#main/export/recap.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { NOW } from './seed.ts'

const KAB = '64.08'
const AS_OF = Date.parse('2026-06-02T04:00:00Z') // noon WITA, 2 June 2026
const PERIOD = { from: '2026-03-01', to: '2026-06-30' } // runs past the date: later complaints are left out

/**
 * The store as it was at `at`, written plainly: the statuses, units and dispositions each complaint had then are
 * read from the original history; the copy loses everything after `at` and takes those values.
 */
function rollBack(original: Db, copy: Db, at: number): void {
  const evs = original.prepare('SELECT * FROM complaint_event WHERE complaint_id = ? ORDER BY at, id')
  const update = copy.prepare('UPDATE complaint SET status = ?, unit_id = ?, dispositioned_at = ?, updated_at = min(updated_at, ?) WHERE id = ?')
  const then = (original.prepare('SELECT id, status, unit_id, dispositioned_at FROM complaint WHERE submitted_at <= ?').all(at) as Record<string, any>[]).map((c) => {
    const all = evs.all(c.id) as Record<string, any>[]
    const moves = all.filter((e) => e.to_status !== null) // a status entry, or a tindak lanjut moving it to proses
    const dispositions = all.filter((e) => e.kind === 'disposition' && e.to_unit_id !== null)
    const movesThen = moves.filter((e) => e.at <= at)
    const dispositionsThen = dispositions.filter((e) => e.at <= at)
    return {
      id: c.id,
      status: movesThen.length ? movesThen[movesThen.length - 1].to_status : moves.length ? (moves[0].from_status ?? 'belum_terverifikasi') : c.status,
      unit: dispositions.length ? (dispositionsThen.length ? dispositionsThen[dispositionsThen.length - 1].to_unit_id : null) : c.unit_id,
      dispositioned: dispositions.length ? (dispositionsThen[0]?.at ?? null) : c.dispositioned_at !== null && c.dispositioned_at <= at ? c.dispositioned_at : null,
    }
  })
  copy.pragma('foreign_keys = OFF')
  copy.exec('DROP TRIGGER complaint_event_no_delete')
  copy.prepare('DELETE FROM complaint_event WHERE at > ? OR complaint_id IN (SELECT id FROM complaint WHERE submitted_at > ?)').run(at, at)
  copy.prepare('DELETE FROM complaint WHERE submitted_at > ?').run(at)
  for (const c of then) update.run(c.status, c.unit, c.dispositioned, at, c.id)
}

describe('monthly recap as of a past date', () => {
  it('equals the recap of a copy of the store rolled back to that date', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KAB, count: 900, seed: 5, until: new Date(NOW) })
    db.transaction(() => rebuildKabupaten(db, KAB, slaContext(db, KAB, NOW)))()

    const file = join(tempDir(), 'rolled-back.db')
    db.exec(`VACUUM INTO '${file}'`)
    const copy = openStore(file)
    try {
      rollBack(db, copy, AS_OF)
      expect(copy.prepare('SELECT count(*) FROM complaint_event WHERE at > ?').pluck().get(AS_OF)).toBe(0)
      copy.transaction(() => rebuildKabupaten(copy, KAB, slaContext(copy, KAB, AS_OF)))()

      const ctx = { role: 'admin' as const, now: AS_OF, username: 'uji' }
      const request = { kind: 'recap' as const, kabupaten: KAB, period: PERIOD }
      const past = recapDoc({ ...ctx, db }, request)
      const rolled = recapDoc({ ...ctx, db: copy }, request)
      expect(past.sheets.map((s) => s.name)).toEqual(['Rekap per OPD', 'Rekap per kategori', 'Rekap per bulan'])
      expect(past.sheets).toEqual(rolled.sheets)
      // Only the past recap says where its statuses came from.
      expect(past.info.filter(([k]) => k !== 'Sumber status')).toEqual(rolled.info)
      expect(past.info.map(([k]) => k)).toContain('Sumber status')
      expect(past.info).toContainEqual(['Status per', '2026-06-02 12:00 WITA'])
      // Complaints in proses on the day (a tindak lanjut moved them there) are counted as such.
      const proses = past.sheets[0].columns.findIndex((c) => c.key === 'proses')
      expect(Number([...past.sheets[0].rows][0][proses])).toBeGreaterThan(0)

      // It is not today's recap: statuses moved on since 2 June, and June's later complaints are out.
      const today = recapDoc({ ...ctx, db, now: NOW }, request)
      const total = (d: typeof past) => [...d.sheets[0].rows][0]
      expect(total(past)).not.toEqual(total(today))
      expect(Number(total(past)[2])).toBeLessThan(Number(total(today)[2]))
    } finally {
      copy.close()
    }
  })
})
