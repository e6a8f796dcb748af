// Proof that reporter identity does not leak through the API: a store seeded with known people (and demo data
// whose citizens write their NIK, phone and name into the complaint text), every procedure of the router called
// as each role with sensible inputs, every response scanned for every reporter it must not show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, type Role } from '#shared/domain.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { callHttp, listProcedures, sampleInputs, type Reply } from '../security/api.ts'
import { startSecured, type Secured } from '../security/server.ts'
import { findIdentities, PEOPLE, seedKnownIdentities, storedReporters, type Person } from './leak-scan.ts'

let s: Secured
let demoIds: number[]
let anonimReporters: Person[]
let openReporters: Person[]

beforeAll(async () => {
  s = await startSecured((ws) => {
    generateDemo(ws.db, { kabupaten: '64.08', count: 600, seed: 7, until: new Date('2026-02-15T00:00:00Z') })
    // Every demo complaint whose citizen typed personal data into the text, and a spread of the others.
    demoIds = ws.db
      .prepare("SELECT id FROM complaint WHERE source = 'demo' AND (isi LIKE '%NIK%' OR isi LIKE '%HP%' OR isi LIKE '%hubungi%' OR id % 10 = 0)")
      .pluck()
      .all() as number[]
    return [...Object.values(seedKnownIdentities(ws.db).ids), ...demoIds]
  })
  const reporters = storedReporters(s.ws.db)
  const anonim = new Set(s.ws.db.prepare('SELECT id FROM complaint WHERE is_anonim = 1').pluck().all() as number[])
  const isAnonim = (p: Person) => anonim.has(Number(p.key.replace('reporter#', '')))
  anonimReporters = reporters.filter((p) => p.key.startsWith('reporter#') && isAnonim(p))
  openReporters = reporters.filter((p) => p.key.startsWith('reporter#') && !isAnonim(p))
}, 120_000)
afterAll(() => s?.close())

/** Everything every procedure answers to one role, with the path that produced it. */
async function allResponses(role: Role): Promise<{ path: string; data: unknown }[]> {
  const samples = sampleInputs(s.sample)
  const out: { path: string; data: unknown }[] = []
  for (const proc of listProcedures()) {
    for (const input of samples[proc.path] ?? []) {
      const reply = proc.type === 'subscription' ? await subscriptionData(proc.path, input, role) : await callHttp(s.base, proc, input, s.tokens[role])
      out.push({ path: proc.path, data: reply.ok ? reply.data : reply.message })
    }
  }
  return out
}

/** The first notice a subscription pushes after a change, over WebSocket. */
async function subscriptionData(path: string, input: unknown, role: Role): Promise<Reply> {
  const { createTRPCUntypedClient, createWSClient, wsLink } = await import('@trpc/client')
  const { default: WebSocket } = await import('ws')
  const client = createWSClient({ url: `${s.base.replace('http', 'ws')}/trpc-ws`, WebSocket: WebSocket as never, connectionParams: { token: s.tokens[role] } })
  try {
    const trpc = createTRPCUntypedClient({ links: [wsLink({ client })] })
    // A refusal (an unknown export job, say) is an answer too: its message is scanned like data.
    return await new Promise<Reply>((resolve) => {
      // A subscription that pushes nothing for this change (sync progress, with no run going) has shown nothing.
      const quiet = setTimeout(() => {
        sub.unsubscribe()
        resolve({ ok: true, status: 200, data: null })
      }, 3000)
      const sub = trpc.subscription(path, input, {
        onStarted: () => s.ws.bus.emit({ kabupaten: '64.08', kind: 'complaints', at: Date.now(), count: 1 }),
        onData: (d) => {
          clearTimeout(quiet)
          sub.unsubscribe()
          resolve({ ok: true, status: 200, data: d })
        },
        onError: (e) => {
          clearTimeout(quiet)
          resolve({ ok: false, status: 0, data: null, message: e.message })
        },
      })
    })
  } finally {
    client.close()
  }
}

it('has sensible inputs for every procedure, so none escapes the scan', () => {
  const samples = sampleInputs(s.sample)
  const missing = listProcedures().filter((p) => !samples[p.path]?.length).map((p) => p.path)
  expect(missing, 'add inputs for these procedures in tests/security/api.ts sampleInputs()').toEqual([])
})

it('the scanner recognises people in the spellings the seed data uses (positive control)', () => {
  const rows = s.ws.db.prepare("SELECT judul, isi, lokasi_text FROM complaint WHERE tracking_id LIKE 'PII-%'").all()
  const found = new Set(findIdentities(rows, Object.values(PEOPLE)).map((f) => `${f.person}.${f.field}`))
  for (const p of Object.keys(PEOPLE)) for (const field of ['nama', 'nik', 'phone', 'email']) expect(found, `${p}.${field}`).toContain(`${p}.${field}`)
  // Some demo citizens write their own name, NIK or phone into the text: the scanner must find them there.
  expect(findIdentities(s.ws.db.prepare('SELECT isi FROM complaint WHERE id IN (' + demoIds.join(',') + ')').all(), openReporters).length).toBeGreaterThanOrEqual(5)
})

describe.each(ROLES)('as %s', (role) => {
  const seesIdentity = role === 'supervisor' || role === 'admin'

  it('no response shows a reporter the role may not see', async () => {
    const responses = await allResponses(role)
    expect(responses.length).toBeGreaterThan(listProcedures().length)
    // Citizens may share a name (the demo draws them from regional name lists: two "Hajrah Lawing", a "Wan Ajang"
    // inside "Irwan Ajang"). Where open reporters are rightly shown, an anonim one named like one of them cannot be
    // told apart by name; it is still looked for by NIK, phone and e-mail.
    const openNames = openReporters.map((p) => p.nama.toLowerCase())
    const namedApart = (p: Person) => (openNames.some((n) => n.includes(p.nama.toLowerCase())) ? { ...p, nama: '' } : p)
    const forbidden = seesIdentity
      ? [PEOPLE.anonim, PEOPLE.keduanya, ...anonimReporters.map(namedApart)]
      : [...Object.values(PEOPLE), ...anonimReporters, ...openReporters]
    const leaks = responses.flatMap((r) => findIdentities(r.data, forbidden).map((f) => ({ procedure: r.path, ...f })))
    expect(leaks).toEqual([])
    if (seesIdentity) {
      // The roles that verify reports do see an open reporter, in the detail pane where it belongs.
      const shown = responses.filter((r) => r.path === 'complaints.detail').flatMap((r) => findIdentities(r.data, [PEOPLE.terbuka, PEOPLE.rahasia]))
      expect(shown.map((f) => f.path)).toEqual(expect.arrayContaining(['reporter.nama', 'reporter.nik', 'reporter.phone', 'reporter.email']))
    }
  }, 120_000)
})
