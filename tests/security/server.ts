// A serve-mode server that requires sign-in (as on a network), with one profile per role, each signed in.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, type RunningServer, type ServeOptions } from '#main/app/server/serve.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { setPasswordHash, setProfileUnits, upsertProfile } from '#main/users/profiles.ts'
import { hashPassword } from '#main/auth/password.ts'
import { ROLES, type Role } from '#shared/domain.ts'
import type { SampleContext } from './api.ts'
import { BUILT_READ_POOL } from '../built-read-pool.ts'
import { indexTerms } from '#main/isu/terms.ts'
import { processPendingSlice } from '#main/serupa/arrival.ts'

export const PASSWORDS: Record<Role, string> = {
  penghubung: 'sandi-penghubung-01',
  viewer: 'sandi-dinding-01',
  operator: 'sandi-operator-01',
  supervisor: 'sandi-supervisor-01',
  admin: 'sandi-admin-0001',
}

export type Secured = {
  ws: Workspace
  server: RunningServer
  base: string
  /** A session token per role, from a real sign-in. */
  tokens: Record<Role, string>
  sample: SampleContext
  close(): Promise<void>
}

// One hash per role for the whole test file: scrypt is deliberately slow.
let hashes: Promise<Record<Role, string>> | null = null
const passwordHashes = () =>
  (hashes ??= Promise.all(ROLES.map(async (r) => [r, await hashPassword(PASSWORDS[r])] as const)).then((e) => Object.fromEntries(e) as Record<Role, string>))

export async function signIn(base: string, username: string, password: string): Promise<Response> {
  return fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
}

export async function startSecured(seed: (ws: Workspace) => number[], options: Partial<ServeOptions> = {}): Promise<Secured> {
  // Its own folder, not helpers.tempDir(): the server usually lives for a whole test file (beforeAll).
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-secured-'))
  const ws = openWorkspace(join(dir, 'secured.db'))
  seedKabupaten(ws.db, '64.08')
  const complaintIds = seed(ws)
  // The words and likely duplicates of the seeded complaints, built now: serve mode would otherwise build them in
  // the background while the role tests compare the whole store before and after each refused call.
  while (ws.db.transaction(() => indexTerms(ws.db, { limit: 5_000 })).immediate() > 0);
  while (processPendingSlice(ws.db, 1_000, 256).remaining);
  const h = await passwordHashes()
  for (const role of ROLES) {
    const p = upsertProfile(ws.db, `${role}1`, `Profil ${role}`, role)
    setPasswordHash(ws.db, `${role}1`, h[role])
    // The liaison answers for the Dinas Kesehatan (and its bidang): issue 18.
    if (role === 'penghubung') setProfileUnits(ws.db, p.id, [ws.db.prepare("SELECT id FROM unit WHERE kode = '64.08/dinkes'").pluck().get() as number])
  }
  const server = await startServer({ workspace: ws, port: 0, token: false, requireAuth: true, log: () => {}, routingUpkeep: false, reminders: false, isuBaseline: false, readPool: BUILT_READ_POOL, ...options })
  // (Routing upkeep and the baseline keeper off: the role tests compare the whole store before and after each refused call.)
  // Node's fetch keeps idle connections in a pool; one left idle across a long test meets the server's 5 s
  // keep-alive close just as it is reused (ECONNRESET). Test files here call in bursts with pauses between them.
  server.server.keepAliveTimeout = 60_000
  const base = server.url.replace('0.0.0.0', '127.0.0.1')
  const tokens = {} as Record<Role, string>
  for (const role of ROLES) {
    const res = await signIn(base, `${role}1`, PASSWORDS[role])
    if (res.status !== 200) throw new Error(`sign-in as ${role} failed: ${res.status} ${await res.text()}`)
    tokens[role] = ((await res.json()) as { token: string }).token
  }
  const sample: SampleContext = {
    kabupaten: '64.08',
    kecamatan: ws.db.prepare("SELECT kode FROM kecamatan WHERE kabupaten_kode = '64.08' ORDER BY kode LIMIT 1").pluck().get() as string,
    complaintIds,
    unitId: ws.db.prepare("SELECT id FROM unit WHERE kabupaten_kode = '64.08' AND kind = 'opd' ORDER BY id LIMIT 1").pluck().get() as number,
  }
  return {
    ws,
    server,
    base,
    tokens,
    sample,
    close: async () => {
      await server.close()
      ws.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
