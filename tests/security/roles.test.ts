// Every API procedure, over HTTP and over WebSocket, called as nobody and as each role on a server that requires
// sign-in (as on a network): what a role may not do is refused with a clear error and changes nothing stored;
// what it may do works. The procedures are found by walking the router, so one added later is checked too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, roleAtLeast, type Role } from '#shared/domain.ts'
import { insertComplaints } from '../fixtures.ts'
import { seedKnownIdentities } from '../privacy/leak-scan.ts'
import { callHttp, listProcedures, mayCall, sampleInputs, wsCaller, type ProcedureInfo, type Reply } from './api.ts'
import { snapshot } from './db-snapshot.ts'
import { startSecured, type Secured } from './server.ts'
import { whenRebuilt } from '#main/kpi/rebuild-queue.ts'

let s: Secured
beforeAll(async () => {
  s = await startSecured((ws) => [
    ...insertComplaints(ws.db, [
      { tracking_id: 'R1', submitted: '2026-01-05T02:00:00Z' },
      { tracking_id: 'R2', submitted: '2026-01-06T02:00:00Z', status: 'proses', unitKode: '64.08/dinkes' },
    ]),
    ...Object.values(seedKnownIdentities(ws.db).ids),
  ])
})
afterAll(() => s?.close())

const procedures = listProcedures()

it('finds every procedure of the router, each declaring the least role it needs', () => {
  expect(procedures.length).toBeGreaterThanOrEqual(24)
  for (const p of procedures) expect(p.minRole, `${p.path} is built without a role procedure (api/trpc.ts)`).toBeDefined()
})

it('keeps changes away from viewers (wall screens) and the audit log and settings with the roles that own them', () => {
  // Exports are the one mutation a viewer may call: they write a file for the caller (and an audit entry),
  // never a complaint; what the file may hold is decided per role (tests/export/privacy.test.ts).
  const viewerMutations = new Set(['exports.start', 'exports.cancel'])
  for (const p of procedures.filter((p) => p.type === 'mutation' && !viewerMutations.has(p.path))) {
    // The liaison's own mutations (liaison.*) are for the penghubung role only (ProcedureMeta.only).
    if (p.only === 'penghubung') continue
    expect(roleAtLeast(p.minRole!, 'operator'), `${p.path} open to viewers`).toBe(true)
  }
  const roles = Object.fromEntries(procedures.map((p) => [p.path, p.minRole]))
  expect(roles).toMatchObject({ 'audit.list': 'supervisor', 'audit.verify': 'supervisor', 'settings.setUi': 'admin', 'kpi.setMinSample': 'admin' })
  // Backups: where copies of the whole store go, and making one, are an admin's (the list anyone may read).
  expect(roles).toMatchObject({ 'backups.overview': 'viewer', 'backups.setSettings': 'admin', 'backups.now': 'admin' })
  // The working-day calendar and the deadline rules move every deadline of the kabupaten: admins only.
  for (const p of ['addDayOff', 'setDayOffActive', 'setRules', 'importHolidays']) expect(roles[`calendar.${p}`], p).toBe('admin')
})

type Who = Role | null

function expectRefused(reply: Reply, who: Who, proc: ProcedureInfo) {
  const label = `${proc.path} as ${who ?? 'nobody'}`
  expect(reply.ok, label).toBe(false)
  if (who === null) {
    expect(reply.code, label).toBe('UNAUTHORIZED')
    expect(reply.status, label).toBe(401)
    expect(reply.message, label).toMatch(/Belum masuk/)
  } else {
    expect(reply.code, label).toBe('FORBIDDEN')
    expect(reply.status, label).toBe(403)
    // Says who was refused and what role the action needs; a liaison, that it has only its unit's inbox.
    if (who === 'penghubung') expect(reply.message, label).toBe(`Profil penghubung penghubung1 hanya dapat memakai kotak masuk unitnya (bukan ${proc.path})`)
    else if (proc.only) expect(reply.message, label).toBe('Hanya untuk profil penghubung unit')
    else expect(reply.message, label).toBe(`Peran ${who} tidak boleh melakukan ini (perlu ${proc.minRole} atau lebih tinggi)`)
  }
}

function expectAllowed(reply: Reply, who: Role, proc: ProcedureInfo) {
  // Some samples ask about things this store does not hold (an export job nobody started, sync source 1, a
  // quarantine entry): "not found" or a domain refusal is what a permitted caller gets there. What this test
  // checks is the role gate; each domain's own tests check the answers.
  if (/^(exports|sync|imports)\./.test(proc.path) && !reply.ok && reply.status !== 401 && reply.status !== 403) return
  // A return is decided once, a complaint returned once, answered while open: the walk's second pass (or a role
  // that came first) may find it already done.
  if (/^(complaints\.decideReturn|liaison\.(reply|requestExtension|returnComplaint))$/.test(proc.path) && !reply.ok && [404, 409, 412].includes(reply.status)) return
  expect(reply, `${proc.path} as ${who}: ${reply.message}`).toMatchObject({ ok: true })
}

describe.each(['http', 'ws'] as const)('over %s', (transport) => {
  it.each([null, ...ROLES] as Who[])('as %s: refused below the needed role with nothing changed, allowed from it', async (who) => {
    const ws = transport === 'ws' ? wsCaller(s.base, who ? s.tokens[who] : undefined) : null
    try {
      const samples = sampleInputs(s.sample)
      for (const proc of procedures) {
        const input = samples[proc.path]?.[0]
        // An admin's calendar change rebuilds the deadlines in the background; let it finish first.
        await whenRebuilt(s.ws.db)
        const before = snapshot(s.ws.db)
        const reply = ws ? await ws.call(proc, input) : await callHttp(s.base, proc, input, who ? s.tokens[who] : undefined)
        if (who !== null && mayCall(who, proc)) expectAllowed(reply, who, proc)
        else {
          expectRefused(reply, who, proc)
          expect(snapshot(s.ws.db), `${proc.path} as ${who ?? 'nobody'} changed the store`).toBe(before)
        }
      }
    } finally {
      ws?.close()
    }
    // A walk of ~110 procedures with a store fingerprint around each refusal: longer than the default 30 s on a
    // loaded machine (the liaison, users and reminders routers of issue 18 added 20).
  }, 120_000)
})
