// The briefing's numbers on a real store: the same figures as the KPI service every screen uses, the league and
// backlog in the order a slide draws them, the overdue cases that need a decision, and the notable cases an
// operator picks (who may, what is refused, what the audit log keeps).
import { describe, expect, it } from 'vitest'
import { DomainError } from '#main/errors.ts'
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import { join } from 'node:path'
import type { AppRouter } from '#main/app/api/router.ts'
import { briefingDeck } from '#main/briefing/deck.ts'
import { setNotableCases } from '#main/briefing/notable.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { kpiFor } from '#main/kpi/service.ts'
import { queueCount } from '#main/queue/queries.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { verifyAuditChain } from '#main/audit/log.ts'
import { startServer } from '#main/app/server/serve.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { insertComplaints } from '../fixtures.ts'
import { tempDir, tempStore } from '../helpers.ts'

const UNTIL = new Date('2026-11-20T12:00:00Z')
const NOW = Date.parse('2026-11-23T03:00:00Z')
const PERIOD = { from: '2026-03-01', to: '2026-10-31' }

function demoStore() {
  const { db } = tempStore()
  generateDemo(db, { kabupaten: '64.08', count: 1500, seed: 11, until: UNTIL })
  return db
}

describe('briefing deck', () => {
  it('shows the KPI service figures: headline against the previous period, kecamatan, OPD league and backlog', () => {
    const db = demoStore()
    const deck = briefingDeck(db, '64.08', PERIOD, NOW)
    const all = kpiFor(db, '64.08', 'all', PERIOD, NOW)
    expect(deck.previousPeriod).toEqual({ from: '2025-07-01', to: '2026-02-28' }) // eight whole months before
    expect(deck.headline).toMatchObject({
      n: all.total.n,
      pctSelesai: all.total.pctSelesai,
      pctResponseOnTime: all.total.pctResponseOnTime,
      medianResponseHk: all.total.medianResponseHk,
      openNow: all.total.openNow,
      overdueNow: all.total.overdueNow,
      backlog: all.total.backlog,
      previous: { n: all.total.previous.n, pctResponseOnTime: all.total.previous.pctResponseOnTime },
    })
    expect(deck.headline.n).toBeGreaterThan(200)

    // Every kecamatan is on the map, those without complaints as zero; the counts add up with "no location".
    const kec = db.prepare("SELECT count(*) FROM kecamatan WHERE kabupaten_kode = '64.08'").pluck().get()
    expect(deck.kecamatan).toHaveLength(kec as number)
    expect(deck.kecamatan.reduce((s, k) => s + k.n, 0) + deck.tanpaLokasi).toBe(deck.headline.n)

    // League: only OPD with enough reports, best share first; the rest counted, never ranked.
    const opd = kpiFor(db, '64.08', 'opd', PERIOD, NOW)
    const ranked = opd.rows.filter((r) => r.isRanked)
    expect(deck.league.map((r) => r.key).sort()).toEqual(ranked.map((r) => r.key).sort())
    expect(deck.league.every((r) => r.n >= deck.minSample)).toBe(true)
    for (let i = 1; i < deck.league.length; i++) expect(deck.league[i - 1].pctResponseOnTime!).toBeGreaterThanOrEqual(deck.league[i].pctResponseOnTime!)
    const dinkes = opd.rows.find((r) => r.label === 'Dinkes')!
    expect(deck.league.find((r) => r.key === dinkes.key) ?? deck.backlog.find((r) => r.key === dinkes.key)).toMatchObject({
      pctResponseOnTime: dinkes.pctResponseOnTime,
      medianResponseHk: dinkes.medianResponseHk,
      openNow: dinkes.openNow,
      overdueNow: dinkes.overdueNow,
    })
    expect(deck.notRanked).toBe(opd.rows.filter((r) => r.key !== '' && !r.isRanked && r.n > 0).length)
    // Backlog: most overdue first; with the undispositioned it adds up to everything open.
    for (let i = 1; i < deck.backlog.length; i++) expect(deck.backlog[i - 1].overdueNow).toBeGreaterThanOrEqual(deck.backlog[i].overdueNow)
    expect(deck.backlog.reduce((s, r) => s + r.openNow, 0) + deck.undisposed.openNow).toBe(deck.headline.openNow)
  })

  it('lists the top topics of the busiest kecamatan and the longest overdue cases', () => {
    const db = demoStore()
    const deck = briefingDeck(db, '64.08', PERIOD, NOW)
    expect(deck.issues.length).toBeGreaterThan(0)
    const busiest = [...deck.kecamatan].sort((a, b) => b.n - a.n)[0]
    expect(deck.issues[0]).toMatchObject({ kode: busiest.kode, n: busiest.n })
    const top = deck.issues[0].categories[0]
    const direct = db
      .prepare(
        `SELECT count(*) FROM complaint c WHERE c.kabupaten_kode = '64.08' AND c.kecamatan_kode = ? AND c.category_id = ?
         AND c.submitted_at >= ? AND c.submitted_at < ?`,
      )
      .pluck()
      .get(busiest.kode, top.id, Date.parse('2026-03-01T00:00:00+08:00'), Date.parse('2026-11-01T00:00:00+08:00'))
    expect(top.n).toBe(direct)

    // Overdue now: the Antrean's "terlambat" queue, longest overdue first, each with its missed deadline.
    expect(deck.overdue.total).toBe(queueCount(db, { kabupaten: '64.08', queue: 'terlambat', now: NOW, role: 'viewer' }))
    expect(deck.overdue.cases.length).toBe(Math.min(6, deck.overdue.total))
    const hks = deck.overdue.cases.map((c) => c.overdue!.hk)
    expect(hks).toEqual([...hks].sort((a, b) => b - a))
    expect(deck.overdue.cases.length).toBeGreaterThan(0)
    for (const c of deck.overdue.cases) expect(c.overdue!.steps.length).toBeGreaterThan(0)
  })
})

describe('notable cases', () => {
  function setup() {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    seedKabupaten(db, '21.03')
    const operator = upsertProfile(db, 'op', 'Rina (operator)', 'operator')
    const ids = insertComplaints(db, [
      { tracking_id: 'N1', submitted: '2026-10-02T01:00:00Z', judul: 'Jembatan gantung Desa Sepaso putus' },
      { tracking_id: 'N2', submitted: '2026-10-03T01:00:00Z', judul: 'Dugaan pungli di kantor X', is_rahasia: 1 },
      { tracking_id: 'N3', submitted: '2026-10-04T01:00:00Z', judul: 'Air PDAM keruh' },
      { tracking_id: 'N4', submitted: '2026-10-04T01:00:00Z', kabupaten: '21.03', kecamatan: null, judul: 'Dermaga rusak' },
    ])
    return { db, operator, ids }
  }
  const october = { from: '2026-10-01', to: '2026-10-31' }

  it('keeps the chosen cases per kabupaten and period, in order, with a masked note, and audits the choice', () => {
    const { db, operator, ids } = setup()
    setNotableCases(db, operator, '64.08', october, [
      { complaintId: ids[2], note: 'Warga minta kepastian; hubungi 0812-3456-7890 (Pak Lurah)' },
      { complaintId: ids[0], note: null },
    ])
    const deck = briefingDeck(db, '64.08', october, NOW)
    expect(deck.notable.map((c) => [c.tracking_id, c.position])).toEqual([
      ['N3', 1],
      ['N1', 2],
    ])
    expect(deck.notable[0].note).toBe('Warga minta kepastian; hubungi [nomor disembunyikan] (Pak Lurah)')
    // Another period has its own choice (none yet).
    expect(briefingDeck(db, '64.08', { from: '2026-10-01', to: '2026-10-15' }, NOW).notable).toEqual([])
    const audit = db.prepare("SELECT username, entity_id, after_json FROM audit_log WHERE action = 'briefing.set_notable'").get() as Record<string, string>
    expect(audit).toMatchObject({ username: 'op', entity_id: '64.08/2026-10-01/2026-10-31' })
    expect(JSON.parse(audit.after_json).map((c: { complaint_id: number }) => c.complaint_id)).toEqual([ids[2], ids[0]])
    expect(verifyAuditChain(db).ok).toBe(true)

    // Replacing the choice replaces it whole.
    setNotableCases(db, operator, '64.08', october, [{ complaintId: ids[0] }])
    expect(briefingDeck(db, '64.08', october, NOW).notable.map((c) => c.tracking_id)).toEqual(['N1'])
  })

  it('refuses a rahasia report, another kabupaten, duplicates and too many, naming the case and changing nothing', () => {
    const { db, operator, ids } = setup()
    setNotableCases(db, operator, '64.08', october, [{ complaintId: ids[0] }])
    const refused = (choices: { complaintId: number }[]) => {
      try {
        setNotableCases(db, operator, '64.08', october, choices)
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError)
        return (err as Error).message
      }
      throw new Error('not refused')
    }
    expect(refused([{ complaintId: ids[2] }, { complaintId: ids[1] }])).toMatch(/#N2 bersifat rahasia/)
    expect(refused([{ complaintId: ids[3] }])).toMatch(/#N4 bukan milik kabupaten 64.08/)
    expect(refused([{ complaintId: ids[0] }, { complaintId: ids[0] }])).toMatch(/dua kali/)
    expect(refused([ids[0], ids[2], 1, 2, 3].map((complaintId) => ({ complaintId })))).toMatch(/Paling banyak 4/)
    expect(refused([{ complaintId: 99_999 }])).toMatch(/Laporan 99999 tidak ditemukan/)
    expect(briefingDeck(db, '64.08', october, NOW).notable.map((c) => c.tracking_id)).toEqual(['N1'])
  })

  it('a case made rahasia after it was chosen shows no title', () => {
    const { db, operator, ids } = setup()
    setNotableCases(db, operator, '64.08', october, [{ complaintId: ids[0], note: 'Perlu arahan' }])
    db.prepare('UPDATE complaint SET is_rahasia = 1 WHERE id = ?').run(ids[0])
    expect(briefingDeck(db, '64.08', october, NOW).notable[0]).toMatchObject({ tracking_id: 'N1', judul: null, is_rahasia: 1 })
  })

  it('over the API: a viewer may read the deck but not choose; an operator may choose', async () => {
    const ws = openWorkspace(join(tempDir(), 'api.db'))
    seedKabupaten(ws.db, '64.08')
    const [id] = insertComplaints(ws.db, [{ tracking_id: 'API1', submitted: '2026-10-02T01:00:00Z' }])
    upsertProfile(ws.db, 'dinding', 'Layar dinding', 'viewer')
    upsertProfile(ws.db, 'op', 'Rina', 'operator')
    const servers = [await startServer({ workspace: ws, port: 0, username: 'dinding' }), await startServer({ workspace: ws, port: 0, username: 'op' })]
    try {
      const [viewer, operator] = servers.map((s) => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${s.url}/trpc` })] }))
      const input = { kabupaten: '64.08', period: october, cases: [{ complaintId: id, note: 'Sorotan media lokal' }] }
      const err = await viewer.briefing.setNotable.mutate(input).catch((e) => e)
      expect(err.data.code).toBe('FORBIDDEN')
      expect(await operator.briefing.setNotable.mutate(input)).toEqual({ count: 1 })
      const deck = await viewer.briefing.deck.query({ kabupaten: '64.08', period: october })
      expect(deck.notable).toMatchObject([{ tracking_id: 'API1', note: 'Sorotan media lokal' }])
      const bad = await operator.briefing.setNotable.mutate({ ...input, cases: [{ complaintId: id, note: 'x'.repeat(301) }] }).catch((e) => e)
      expect(bad.data.code).toBe('BAD_REQUEST')
      expect(bad.message).toMatch(/300 huruf/)
    } finally {
      for (const s of servers) await s.close()
      ws.close()
    }
  })
})
