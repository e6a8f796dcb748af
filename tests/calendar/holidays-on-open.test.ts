// A store created before the 2019–2023 holiday table shipped gets it when opened: the admin's own entries and
// switched-off days stay as they are, and the deadlines are rebuilt with the new days off.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { ensureFresh } from '#main/kpi/service.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { rebuildKabupaten, slaContext } from '#main/kpi/refresh.ts'
import { openStore } from '#main/store/open.ts'
import { calendarRevision } from '#main/calendar/store.ts'
import { uncoveredComplaintYears } from '#main/calendar/coverage.ts'
import { resourcePath } from '#main/resources.ts'
import type { Db } from '#main/store/open.ts'
import { tempStore } from '../helpers.ts'
import { addHistory, wita } from '../kpi/history-store.ts'

const KAB = '64.08'
const shipped = JSON.parse(readFileSync(resourcePath('calendar', 'holidays-id-2019-2023.json'), 'utf8')) as Record<string, { libur: string[][]; cuti_bersama: string[][] }>
const shippedDates = Object.entries(shipped)
  .filter(([k]) => /^\d{4}$/.test(k))
  .flatMap(([, y]) => [...y.libur, ...y.cuti_bersama].map(([date]) => date))

const dueOf = (db: Db, id: number) => db.prepare('SELECT verify_due_at FROM complaint_sla WHERE complaint_id = ?').pluck().get(id) as number

/** A store as the previous version left it: 2024–2026 only, an admin's own 2020 and 2021 decisions, fresh KPIs. */
function oldStore() {
  const { db, file } = tempStore()
  seedKabupaten(db, KAB)
  db.prepare("DELETE FROM calendar_day_off WHERE date < '2024-01-01'").run()
  db.prepare('DELETE FROM calendar_year WHERE year < 2024').run()
  const add = db.prepare(`INSERT INTO calendar_day_off (date, kabupaten_kode, kind, nama, source, is_active, updated_at) VALUES (?, NULL, ?, ?, ?, ?, 0)`)
  add.run('2020-12-31', 'cuti_bersama', 'Cuti bersama akhir tahun (dimasukkan admin)', 'manual', 1) // entered by hand
  add.run('2021-05-12', 'cuti_bersama', 'Idul Fitri', 'import', 0) // switched off by the admin
  // Wednesday 30 Dec 2020: with no days off its 3 hk run Thu 31 Dec, Fri 1 Jan, Mon 4 Jan. With the admin's
  // 31 Dec only: Fri 1 Jan, Mon 4, Tue 5. With 1 Jan (Tahun Baru, shipped) too: Mon 4, Tue 5, Wed 6 Jan.
  const id = addHistory(db, 'LAMA', '2020-12-30 09:00', 'belum_terverifikasi', [])
  // The previous version's computation (its ensureFresh had no holiday step).
  db.transaction(() => rebuildKabupaten(db, KAB, slaContext(db, KAB, wita('2021-02-01 12:00')))).immediate()
  db.close()
  return { file, id }
}

describe('shipped holidays 2019–2023 on a store made before them', () => {
  it('are added when the store is opened, without touching the admin’s days, and the deadlines are rebuilt', () => {
    const { file, id } = oldStore()
    // The old store: the deadline as the previous version computed it (31 Dec off, 1 Jan not).
    const before = tempStoreReopen(file, (db) => {
      expect(db.prepare("SELECT count(*) FROM calendar_day_off WHERE date < '2024-01-01'").pluck().get()).toBe(2)
      return dueOf(db, id)
    })
    expect(before).toBe(wita('2021-01-05 23:59') + 59_999)

    const ws = openWorkspace(file)
    const db = ws.db
    try {
      const rows = db.prepare("SELECT date, nama, source, is_active FROM calendar_day_off WHERE kabupaten_kode IS NULL AND date < '2024-01-01' ORDER BY date").all() as { date: string; nama: string; source: string; is_active: number }[]
      // Every shipped date once; the admin's two rows as the admin left them.
      expect(rows.map((r) => r.date)).toEqual([...new Set(shippedDates)].sort())
      expect(rows.find((r) => r.date === '2020-12-31')).toEqual({ date: '2020-12-31', nama: 'Cuti bersama akhir tahun (dimasukkan admin)', source: 'manual', is_active: 1 })
      expect(rows.find((r) => r.date === '2021-05-12')).toMatchObject({ source: 'import', is_active: 0 })
      expect(rows.filter((r) => r.source === 'shipped')).toHaveLength(new Set(shippedDates).size - 2)
      expect(db.prepare('SELECT year FROM calendar_year WHERE year < 2024 ORDER BY year').pluck().all()).toEqual([2019, 2020, 2021, 2022, 2023])
      expect(db.prepare('SELECT skb FROM calendar_year WHERE year = 2020').pluck().get()).toMatch(/391\/2020.*440\/2020.*744\/2020/)
      // Rebuilt on open: 1 Jan 2021 is a day off now.
      expect(dueOf(db, id)).toBe(wita('2021-01-06 23:59') + 59_999)
      expect(uncoveredComplaintYears(db, KAB)).toEqual([])

      // Opening again changes nothing.
      const revision = calendarRevision(db)
      expect(ensureFresh(db)).toEqual([])
      expect(calendarRevision(db)).toBe(revision)
    } finally {
      ws.close()
    }
  })

  it('leaves a store without kabupaten empty', () => {
    const { db } = tempStore()
    ensureFresh(db)
    expect(db.prepare('SELECT count(*) FROM calendar_day_off').pluck().get()).toBe(0)
  })
})

function tempStoreReopen<T>(file: string, f: (db: Db) => T): T {
  const db = openStore(file, { readonly: true })
  try {
    return f(db)
  } finally {
    db.close()
  }
}
