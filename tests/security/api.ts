// Calling the API the way any client on the network could: raw HTTP requests to /trpc and a tRPC WebSocket
// client, for every procedure of the router, found by walking it (so a procedure added later is covered too).
import { createTRPCUntypedClient, createWSClient, wsLink, TRPCClientError } from '@trpc/client'
import WebSocket from 'ws'
import { appRouter } from '#main/app/api/router.ts'
import type { ProcedureMeta } from '#main/app/api/trpc.ts'
import { roleAtLeast, type Role } from '#shared/domain.ts'
import { liaisonMayCall } from '#shared/roles.ts'

export type ProcedureInfo = {
  path: string
  type: 'query' | 'mutation' | 'subscription'
  minRole: Role | undefined
  hasInput: boolean
  /** Changes what holds for every kabupaten: refused to a profile limited to some (ScopeMeta.global). */
  global: boolean
  /** Only this role may call it (the liaison's procedures), not the roles above. */
  only?: Role
}

type ProcedureDef = { _def: { type: ProcedureInfo['type']; meta?: ProcedureMeta; inputs: unknown[] } }

export function listProcedures(): ProcedureInfo[] {
  return Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(([path, p]) => ({
    path,
    type: p._def.type,
    minRole: p._def.meta?.minRole,
    hasInput: p._def.inputs.length > 0,
    global: p._def.meta?.scope?.global === true,
    only: p._def.meta?.only,
  }))
}

/** Whether a role may call a procedure: a penghubung only its allow-list (#shared/roles.ts), a procedure for one
 *  role only that role, anything else from its least role up. */
export function mayCall(role: Role, proc: Pick<ProcedureInfo, 'path' | 'minRole' | 'only'>): boolean {
  if (role === 'penghubung') return liaisonMayCall(proc.path)
  if (proc.only) return role === proc.only
  return roleAtLeast(role, proc.minRole!)
}

export type Reply = { ok: boolean; status: number; data?: unknown; code?: string; message?: string; issues?: { path: (string | number)[]; message: string }[] }

type TrpcBody = { result?: { data: unknown }; error?: { message: string; data?: { code?: string; issues?: Reply['issues'] } } }

/** One call over plain HTTP. `auth` is a session or access token sent as a Bearer header. */
export async function callHttp(base: string, proc: Pick<ProcedureInfo, 'path' | 'type'>, input: unknown, auth?: string): Promise<Reply> {
  const headers: Record<string, string> = auth ? { authorization: `Bearer ${auth}` } : {}
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`
  if (proc.type === 'subscription') return subscribeHttp(`${base}/trpc/${proc.path}${query}`, headers)
  const res =
    proc.type === 'mutation'
      ? await fetch(`${base}/trpc/${proc.path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: input === undefined ? undefined : JSON.stringify(input),
        })
      : await fetch(`${base}/trpc/${proc.path}${query}`, { headers })
  const text = await res.text()
  let body: TrpcBody
  try {
    body = JSON.parse(text) as TrpcBody
  } catch {
    return { ok: false, status: res.status, message: text.slice(0, 200) }
  }
  if (body.error) return { ok: false, status: res.status, code: body.error.data?.code, message: body.error.message, issues: body.error.data?.issues }
  return { ok: true, status: res.status, data: body.result?.data }
}

/** A subscription over HTTP answers as a server-sent event stream that stays open. tRPC sends "connected" before
 *  running the procedure, so a refusal follows as an error event right behind it: read until the error, or
 *  until the stream has stayed quiet for a moment after connecting, then hang up. */
async function subscribeHttp(url: string, headers: Record<string, string>): Promise<Reply> {
  const abort = new AbortController()
  const res = await fetch(url, { headers, signal: abort.signal })
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const body = JSON.parse(await res.text()) as TrpcBody
    return { ok: false, status: res.status, code: body.error?.data?.code, message: body.error?.message }
  }
  const reader = res.body!.getReader()
  let text = ''
  const quiet = () => new Promise<{ value: undefined; done: 'quiet' }>((resolve) => setTimeout(() => resolve({ value: undefined, done: 'quiet' }), 1000))
  try {
    for (;;) {
      const { value, done } = await Promise.race([reader.read(), ...(/event: connected\n/.test(text) ? [quiet()] : [])])
      if (done === 'quiet') return { ok: true, status: res.status, data: null }
      if (done) break
      text += new TextDecoder().decode(value)
      const error = /event: serialized-error\ndata: (.*)\n/.exec(text)
      if (error) {
        const e = JSON.parse(error[1]) as { message: string; data?: { code?: string; httpStatus?: number } }
        return { ok: false, status: e.data?.httpStatus ?? res.status, code: e.data?.code, message: e.message }
      }
    }
    return { ok: false, status: res.status, message: `stream ended: ${text.slice(0, 200)}` }
  } finally {
    abort.abort()
  }
}

export type WsCaller = { call(proc: Pick<ProcedureInfo, 'path' | 'type'>, input: unknown): Promise<Reply>; close(): void }

/** A WebSocket client; `auth` goes as the connection's { token } param, `headers` on the upgrade request. */
export function wsCaller(base: string, auth?: string, headers?: Record<string, string>): WsCaller {
  class WithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
  const client = createWSClient({
    url: `${base.replace(/^http/, 'ws')}/trpc-ws`,
    WebSocket: (headers ? WithHeaders : WebSocket) as never,
    connectionParams: auth ? { token: auth } : undefined,
    lazy: { enabled: false, closeMs: 0 },
  })
  const trpc = createTRPCUntypedClient({ links: [wsLink({ client })] })
  const fail = (e: unknown): Reply => {
    if (e instanceof TRPCClientError) return { ok: false, status: e.data?.httpStatus ?? 0, code: e.data?.code, message: e.message }
    return { ok: false, status: 0, message: String(e) }
  }
  return {
    async call(proc, input) {
      if (proc.type === 'subscription') {
        // Started means the server accepted it (auth and input passed); an error means it refused.
        return new Promise<Reply>((resolve) => {
          const sub = trpc.subscription(proc.path, input, {
            onStarted: () => {
              sub.unsubscribe()
              resolve({ ok: true, status: 200, data: null })
            },
            onError: (e) => resolve(fail(e)),
          })
        })
      }
      try {
        const data = proc.type === 'query' ? await trpc.query(proc.path, input) : await trpc.mutation(proc.path, input)
        return { ok: true, status: 200, data }
      } catch (e) {
        return fail(e)
      }
    },
    close: () => client.close(),
  }
}

/** Inputs that make sense for each procedure on a store seeded by tests/security/server.ts. */
export type SampleContext = { kabupaten: string; kecamatan: string; complaintIds: number[]; unitId: number }

/** A tiny CSV export for the import procedures. */
const SAMPLE_CSV = Buffer.from('No Tiket;Judul;Isi\nUJI-1;Lampu jalan mati;Lampu jalan di gang mati sejak seminggu\n').toString('base64')

export function sampleInputs(c: SampleContext): Record<string, unknown[]> {
  const period = { from: '2026-01-01', to: '2026-01-31' }
  const k = { kabupaten: c.kabupaten }
  return {
    session: [undefined],
    'regions.kabupaten': [undefined],
    'regions.kecamatan': [k],
    'regions.desa': [{ kecamatan: c.kecamatan }],
    'regions.boundaries': [{ level: 'kecamatan', parent: c.kabupaten }],
    'units.list': [k],
    'overview.summary': [{ ...k, period }],
    'overview.latest': [{ ...k, limit: 100 }],
    'isu.list': [k, { ...k, falseAlarmsPerWeek: 5 }],
    'isu.similar': c.complaintIds.map((id) => ({ id })),
    'isu.link': [{ id: c.complaintIds[0], mainId: c.complaintIds[1], score: 0.8 }],
    'isu.unlink': [{ id: c.complaintIds[0] }],
    'isu.settings': [undefined],
    'isu.unique': [{ ...k, period }, { ...k, period, filter: { channel: 'web' } }],
    'isu.ganda': [k],
    'isu.gandaExport': [k],
    'isu.setFalseAlarmRate': [{ value: 0.25 }],
    'kpi.table': [{ ...k, dim: 'opd', period }, { ...k, dim: 'kecamatan', period }],
    'kpi.trend': [{ ...k, period }],
    'kpi.minSample': [undefined],
    'kpi.setMinSample': [{ n: 7 }],
    'complaints.detail': c.complaintIds.map((id) => ({ id })),
    'complaints.queue': [{ ...k, queue: 'semua', limit: 500 }, { ...k, queue: 'verifikasi', sort: 'terbaru', limit: 500 }],
    'complaints.queueCounts': [k],
    'complaints.act': [{ action: 'note', ids: [c.complaintIds[0]], body: 'Catatan uji keamanan' }],
    'complaints.claim': [{ id: c.complaintIds[0] }],
    'complaints.release': [{ id: c.complaintIds[0] }],
    // ui13a (triage desk): undo a reassignment; audit export
    'complaints.undoReassign': [{ ids: [c.complaintIds[0]] }],
    'audit.count': [{}, { unitId: c.unitId, username: 'admin' }],
    'audit.choices': [undefined],
    'audit.list': [{ limit: 500 }, { limit: 500, tracking: 'AP-ANON' }],
    'audit.verify': [undefined],
    'settings.ui': [undefined],
    'settings.liaison': [undefined],
    'settings.setUi': [{ tileAttribution: '© uji' }],
    'settings.setLiaison': [{ identitasPelapor: false }],
    'backups.overview': [undefined],
    'backups.setSettings': [{ keep: 5 }],
    'backups.now': [undefined],
    'vocabulary.list': [undefined],
    'vocabulary.set': [{ kind: 'channel', word: 'uji keamanan', value: 'web' }, { kind: 'channel', word: 'uji keamanan', value: 'telepon', remap: true }],
    'vocabulary.remapPreview': [{ kind: 'status', word: 'investigating', value: 'belum_ditindaklanjuti' }],
    'calendar.daysOff': [{ ...k, year: 2026 }],
    'calendar.rules': [k],
    'calendar.status': [k],
    'calendar.addDayOff': [{ ...k, date: '2026-03-02', nama: 'Hari jadi uji' }],
    // Row 1 is the first national date of the shipped table (1 January 2024).
    'calendar.setDayOffActive': [{ ...k, id: 1, isActive: false }],
    'calendar.setRules': [{ ...k, rules: { autoCloseDays: 11 } }],
    'calendar.importHolidays': [{ ...k, text: JSON.stringify({ '2027': { skb: 'SKB uji', libur: [['2027-01-01', 'Tahun Baru']], cuti_bersama: [] } }), mode: 'merge' }],
    'categories.list': [undefined],
    'live.changes': [k],
    'routing.suggest': c.complaintIds.map((id) => ({ id })),
    'routing.status': [k],
    'routing.uptake': [{ ...k, period }],
    'routing.rebuild': [k],
    'routing.setThreshold': [{ value: 0.8 }],
    'exports.start': [
      { format: 'csv', request: { kind: 'queue', ...k, queue: 'semua' } },
      { format: 'xlsx', request: { kind: 'recap', ...k, period } },
    ],
    'exports.count': [{ request: { kind: 'queue', ...k, queue: 'semua' } }, { request: { kind: 'recap', ...k, period } }],
    // An unknown job: the answer must still be refused or empty, never someone's file.
    'exports.status': [{ id: '00000000-0000-4000-8000-000000000000' }],
    'exports.progress': [{ id: '00000000-0000-4000-8000-000000000000' }],
    'exports.cancel': [{ id: '00000000-0000-4000-8000-000000000000' }],
    'briefing.deck': [{ ...k, period }],
    'briefing.setNotable': [{ ...k, period, cases: [{ complaintId: c.complaintIds[0], note: 'Kasus uji keamanan' }] }],
    'wall.snapshot': [{ ...k, period }],
    'imports.presets': [undefined],
    // Serve mode has no open dialog: refused for every role (admin: BAD_REQUEST, never a read).
    'imports.pickFile': [undefined],
    'imports.mappings': [k],
    'imports.saveMapping': [{ name: 'uji keamanan', kabupaten: c.kabupaten, mapping: { columns: { tracking_id: 'No Tiket', judul: 'Judul', isi: 'Isi' } } }],
    'imports.deleteMapping': [{ name: 'uji keamanan' }],
    'imports.inspect': [{ file: { name: 'uji.csv', base64: SAMPLE_CSV } }],
    'imports.run': [{ ...k, file: { name: 'uji.csv', base64: SAMPLE_CSV }, dryRun: true, mappingName: 'tidak ada' }],
    'imports.history': [k],
    'intake.create': [{ ...k, via: 'surat', judul: 'Jalan rusak di depan sekolah', isi: 'Jalan di depan SD berlubang besar dan membahayakan murid.' }],
    'sync.sources': [k],
    'sync.runs': [k],
    'sync.progress': [k],
    // Source 1 may not exist in this store: "not found" is then what a permitted caller gets (see roles.test.ts).
    'sync.runNow': [{ sourceId: 1 }],
    'sync.cancel': [{ sourceId: 1 }],
    'sync.test': [{ sourceId: 1 }],
    'sync.save': [{ name: 'uji-keamanan', kind: 'lapor-json', ...k, baseUrl: 'http://127.0.0.1:9', scheduleMinutes: null, isWriteback: false, isEnabled: false }],
    'sync.quarantine': [k],
    'sync.quarantineRaw': [{ id: 1 }],
    'sync.background': [undefined],
    'sync.outbox': [k],
    'sync.resolve': [{ id: 1, choice: 'discard' }],
    // Issue 18: the liaison of 64.08/dinkes (tests/security/server.ts gives penghubung1 that unit); complaintIds[1]
    // is held by the Dinas Kesehatan in the role and leak walks.
    'liaison.me': [undefined],
    'liaison.units': [undefined],
    'liaison.inbox': [{}, { filter: 'terlambat' }],
    'liaison.digest': [undefined],
    'liaison.detail': [...new Set([c.complaintIds[1] ?? c.complaintIds[0], ...c.complaintIds])].map((id) => ({ id })),
    'liaison.reply': [{ id: c.complaintIds[1] ?? c.complaintIds[0], isi: 'Sudah kami tinjau ke lokasi dan dijadwalkan perbaikan.' }],
    'liaison.requestExtension': [{ id: c.complaintIds[1] ?? c.complaintIds[0], alasan: 'Menunggu anggaran perubahan', hariKerja: 5 }],
    'liaison.returnComplaint': [{ id: c.complaintIds[1] ?? c.complaintIds[0], alasan: 'Jalan kabupaten, bukan wewenang dinas kesehatan', unitTujuanId: c.unitId }],
    'liaison.numbers': [{ period }],
    'liaison.changes': [undefined],
    'complaints.decideReturn': [{ id: c.complaintIds[1] ?? c.complaintIds[0], terima: false, alasan: 'Masih wewenang dinas kesehatan' }],
    'complaints.liaisonRequests': [k],
    'users.list': [undefined],
    'users.add': [{ username: 'uji-penghubung', nama: 'Penghubung Uji', role: 'penghubung', unitCodes: ['64.08/dinkes'], email: 'uji@example.test' }],
    'users.importList': [{ name: 'pengguna.csv', dataBase64: Buffer.from('username,nama,peran,unit,email\nuji-impor,Penghubung Impor,penghubung,64.08/dinkes,impor@example.test\n').toString('base64') }],
    'users.resetPassword': [{ username: 'viewer1', password: 'sandi-dinding-01' }],
    'users.setDisabled': [{ username: 'viewer1', disabled: false }],
    'users.setEmail': [{ username: 'viewer1', email: 'dinding@example.test' }],
    'reminders.getSmtp': [undefined],
    'reminders.setSmtp': [{ host: '127.0.0.1', port: 2525, tls: 'none', sender: 'tanggap@example.test', username: '' }],
    'reminders.settings': [undefined],
    'reminders.setSettings': [{ escalateAfterHk: 4 }],
    'reminders.log': [{}],
    'reminders.sendNow': [undefined],
  }
}
