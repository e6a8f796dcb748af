// The wall's snapshot on a real store: the alarm list holds exactly what became overdue since the wall's previous
// answer — a deadline that passed in between, or a complaint that arrived already past one — and nothing on the
// first answer or twice.
import { describe, expect, it } from 'vitest'
import { wallSnapshot } from '#main/wall/snapshot.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { kpiFor } from '#main/kpi/service.ts'
import { insertComplaints } from '../fixtures.ts'
import { tempStore } from '../helpers.ts'

const period = { from: '2026-11-01', to: '2026-11-30' }

function setup() {
  const { db } = tempStore()
  seedKabupaten(db, '64.08')
  // Submitted Monday 16 Nov 2026 (WITA): verification is due 3 hari kerja later, end of Thursday 19 Nov WITA.
  const [fresh] = insertComplaints(db, [{ tracking_id: 'W1', submitted: '2026-11-16T01:00:00Z' }])
  const due = db.prepare('SELECT next_due_at FROM complaint_sla WHERE complaint_id = ?').pluck().get(fresh) as number
  return { db, fresh, due }
}

describe('wall snapshot', () => {
  it('alarms once for a complaint whose deadline passes between two answers', () => {
    const { db, due } = setup()
    expect(new Date(due).toISOString()).toBe('2026-11-19T15:59:59.999Z') // 23:59:59.999 WITA
    const first = wallSnapshot(db, { kabupaten: '64.08', period }, due - 60_000)
    expect(first.newlyOverdue).toEqual([]) // the first answer is the baseline
    expect(first.overdue.total).toBe(0)
    const before = wallSnapshot(db, { kabupaten: '64.08', period, since: first.now, sinceId: first.maxId }, due - 1_000)
    expect(before.newlyOverdue).toEqual([])
    const after = wallSnapshot(db, { kabupaten: '64.08', period, since: before.now, sinceId: before.maxId }, due + 1_000)
    expect(after.newlyOverdue.map((c) => c.tracking_id)).toEqual(['W1'])
    expect(after.newlyOverdue[0].overdue).toMatchObject({ steps: ['verifikasi'], hk: 1 })
    expect(after.overdue.total).toBe(1)
    expect(after.kpi.overdueNow).toBe(kpiFor(db, '64.08', 'all', period, due + 1_000).total.overdueNow)
    const later = wallSnapshot(db, { kabupaten: '64.08', period, since: after.now, sinceId: after.maxId }, due + 60_000)
    expect(later.newlyOverdue).toEqual([])
  })

  it('alarms for a complaint that arrives already past its deadline, not for old overdue ones', () => {
    const { db, due } = setup()
    const now = due + 86_400_000
    const first = wallSnapshot(db, { kabupaten: '64.08', period }, now)
    expect(first.overdue.total).toBe(1) // W1, already overdue when the wall started: no alarm for it
    // A sync brings in a complaint from early November that nobody verified: overdue on arrival.
    const [late] = insertComplaints(db, [{ tracking_id: 'W2', submitted: '2026-11-02T01:00:00Z', judul: 'Banjir di Jl. Pendidikan' }])
    refreshComplaints(db, '64.08', [late])
    const next = wallSnapshot(db, { kabupaten: '64.08', period, since: first.now, sinceId: first.maxId }, now + 5_000)
    expect(next.newlyOverdue.map((c) => c.tracking_id)).toEqual(['W2'])
    expect(next.overdue.total).toBe(2)
    expect(next.feed.map((c) => c.tracking_id)).toContain('W2')
  })

  it('says when data last came in: the last sync of a source, and the newest change', () => {
    const { db } = setup()
    const s = wallSnapshot(db, { kabupaten: '64.08', period })
    expect(s.sync).toEqual({ lastSyncedAt: null, lastChangeAt: Date.parse('2026-11-16T01:00:00Z') })
    db.prepare("INSERT INTO sync_source (name, kind, kabupaten_kode, last_synced_at) VALUES ('lapor', 'lapor-json', '64.08', 1795400000000)").run()
    expect(wallSnapshot(db, { kabupaten: '64.08', period }).sync.lastSyncedAt).toBe(1795400000000)
  })
})
