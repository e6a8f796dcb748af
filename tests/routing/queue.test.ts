// The "possibly misrouted" queue, filled from the routing model: who is in it, in which order, how a one-click
// reassignment (the suggestion accepted with its reason) goes through the audited action, and what the API lets
// each role see of a suggestion.
import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import type { AppRouter } from '#main/app/api/router.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { rebuild } from '#main/routing/learn.ts'
import { setMisrouteThreshold } from '#main/routing/settings.ts'
import { queueCount, queuePage } from '#main/queue/queries.ts'
import { performAction } from '#main/complaints/actions.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { topUnits } from '#main/kpi/refresh.ts'
import { verifyAuditChain } from '#main/audit/log.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { startServer, type RunningServer } from '#main/app/server/serve.ts'
import { tempDir, tempStore } from '../helpers.ts'

const KUTIM = '64.08'
const UNTIL = new Date('2026-11-20T12:00:00Z')
const NOW = UNTIL.getTime()

// Big enough that a handful of recent complaints still sit with a wrong OPD at `until` (older ones were
// re-dispositioned and closed long ago, as in LAPOR!).
function store() {
  const { db } = tempStore()
  generateDemo(db, { kabupaten: KUTIM, count: 4000, seed: 8, until: UNTIL })
  rebuild(db, KUTIM, NOW)
  return db
}

const q = { kabupaten: KUTIM, queue: 'salah_sasaran' as const, now: NOW, role: 'supervisor' as const }

describe('possibly misrouted queue', () => {
  it('lists open complaints whose unit disagrees with a confident suggestion, most confident first', () => {
    const db = store()
    const rows = queuePage(db, { ...q, sort: 'keyakinan', limit: 500 })
    expect(rows.length).toBeGreaterThan(5)
    expect(queueCount(db, q)).toBe(rows.length)
    const conf = rows.map((r) => r.misroute_confidence!)
    expect(conf).toEqual([...conf].sort((a, b) => b - a))
    expect(Math.min(...conf)).toBeGreaterThanOrEqual(0.7)
    const top = topUnits(db, KUTIM)
    for (const r of rows) {
      expect(['belum_terverifikasi', 'belum_ditindaklanjuti', 'proses']).toContain(r.status)
      expect(r.disposition_count).toBe(1) // nobody has corrected it yet
      expect(r.suggested_unit_id).not.toBe(r.unit_id)
      const otherOpd = top.get(r.suggested_unit_id!) !== top.get(r.unit_id!)
      const otherBidang = (db.prepare('SELECT kind FROM unit WHERE id = ?').pluck().get(r.unit_id) as string) === 'bidang'
      expect(otherOpd || otherBidang).toBe(true)
    }
    // A stricter threshold keeps only the surest, still in order.
    setMisrouteThreshold(db, 0.95)
    const strict = queuePage(db, { ...q, sort: 'keyakinan', limit: 500 })
    expect(strict.length).toBeLessThan(rows.length)
    expect(strict.map((r) => r.id)).toEqual(rows.filter((r) => r.misroute_confidence! >= 0.95).map((r) => r.id))
  })

  it('reassigns in one click with the reason filled in: audited, out of the queue, into "dikembalikan"', () => {
    const db = store()
    const supervisor = upsertProfile(db, 'kepala', 'Budi Santoso', 'supervisor')
    const [first] = queuePage(db, { ...q, sort: 'keyakinan', limit: 1 })
    const total = queueCount(db, q)
    const returned = queueCount(db, { ...q, queue: 'dikembalikan' })
    // What the screen sends when the row's button is clicked.
    const reason = `Kemungkinan salah sasaran; saran rute: ${first.suggested_unit} (keyakinan ${Math.round(first.misroute_confidence! * 100)}%).`
    const r = performAction(db, supervisor, { action: 'disposition', ids: [first.id], unitId: first.suggested_unit_id!, reason }, NOW)
    expect(r.done).toEqual([first.id])
    const audit = db.prepare("SELECT username, action, before_json, after_json, reason FROM audit_log WHERE entity_id = ? ORDER BY id").all(String(first.id))
    expect(audit).toEqual([
      {
        username: 'kepala',
        action: 'complaint.disposition',
        before_json: JSON.stringify({ status: first.status, unit_id: first.unit_id }),
        after_json: JSON.stringify({ status: first.status, unit_id: first.suggested_unit_id }),
        reason,
      },
    ])
    expect(verifyAuditChain(db).ok).toBe(true)
    expect(queueCount(db, q)).toBe(total - 1)
    expect(queuePage(db, { ...q, limit: 500 }).map((x) => x.id)).not.toContain(first.id)
    expect(queueCount(db, { ...q, queue: 'dikembalikan' })).toBe(returned + 1)
    // Its stored suggestion now agrees with where it is.
    expect(db.prepare('SELECT held_unit_id, misroute_confidence FROM routing_suggestion WHERE complaint_id = ?').get(first.id)).toEqual({
      held_unit_id: first.suggested_unit_id,
      misroute_confidence: null,
    })
  })
})

describe('routing over the API', () => {
  let running: { server: RunningServer; ws: Workspace }[] = []
  afterEach(async () => {
    for (const r of running) {
      await r.server.close()
      r.ws.close()
    }
    running = []
  })

  async function desk(ws: Workspace, username: string, role: 'viewer' | 'operator' | 'admin') {
    upsertProfile(ws.db, username, username, role)
    const server = await startServer({ workspace: ws, port: 0, username })
    running.push({ server, ws })
    return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] })
  }

  it('gives the suggestion with its words and basis, hides the words of a rahasia complaint from a viewer, lets only an admin ask for a retraining', async () => {
    const ws = openWorkspace(join(tempDir(), 'api.db'))
    generateDemo(ws.db, { kabupaten: KUTIM, count: 600, seed: 9, until: UNTIL })
    rebuild(ws.db, KUTIM, NOW)
    const secret = ws.db
      // An open one when there is one (a small store has few: every story closes within weeks).
      .prepare("SELECT id FROM complaint WHERE kabupaten_kode = ? AND is_rahasia = 1 AND unit_id IS NOT NULL ORDER BY status IN ('belum_ditindaklanjuti', 'proses') DESC, id LIMIT 1")
      .pluck()
      .get(KUTIM) as number
    const operator = await desk(ws, 'rina', 'operator')
    const viewer = await desk(ws, 'dinding', 'viewer')
    const seen = await operator.routing.suggest.query({ id: secret })
    expect(seen.suggestions.length).toBeGreaterThan(0)
    expect(seen.suggestions[0].words.length).toBeGreaterThan(0)
    expect(seen.basis.complaints).toBeGreaterThan(100)
    const wall = await viewer.routing.suggest.query({ id: secret })
    expect(wall.suggestions.map((s) => s.unitId)).toEqual(seen.suggestions.map((s) => s.unitId))
    expect(wall.suggestions.every((s) => s.words.length === 0)).toBe(true)
    const refused = await operator.routing.rebuild.mutate({ kabupaten: KUTIM }).catch((e) => e)
    expect(refused.data.code).toBe('FORBIDDEN')
    const admin = await desk(ws, 'boss', 'admin')
    // Asked, not trained in the request: the model stays as it was, and the status says a retraining waits for the
    // upkeep (tests/routing/upkeep.test.ts trains it).
    const builtAt = () => ws.db.prepare('SELECT built_at FROM routing_model WHERE kabupaten_kode = ?').pluck().get(KUTIM)
    const before = builtAt()
    const asked = await admin.routing.rebuild.mutate({ kabupaten: KUTIM })
    expect(asked.requestedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(builtAt()).toBe(before)
    expect((await admin.routing.status.query({ kabupaten: KUTIM })).rebuildRequestedAt).toBe(asked.requestedAt)
    expect(ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'routing.rebuild'").pluck().get()).toBe(1)
  })
})
