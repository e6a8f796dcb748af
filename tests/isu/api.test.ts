// The early-warning API as the screens use it, over real HTTP on a signed-in server with a real SQLite file: the
// admin's false-alarm setting (stored, audited, admin only, used by isu.list and by `tanggap isu`), the queue
// "Kemungkinan ganda" (count = list = export, audited; a link takes a complaint out; rahasia only for those who
// may read it), and unique problems beside raw reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client'
import type { AppRouter } from '#main/app/api/router.ts'
import type { Role } from '#shared/domain.ts'
import { insertComplaints } from '../fixtures.ts'
import { startSecured, type Secured } from '../security/server.ts'
import { tanggap } from '../cli.ts'

const KAB = '64.08'
const DAY = 86_400_000
let s: Secured
let ids: number[]
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()

beforeAll(async () => {
  s = await startSecured((ws) =>
    (ids = insertComplaints(ws.db, [
      { tracking_id: 'A', submitted: ago(3), judul: 'Jalan berlubang depan pasar', isi: 'Jalan berlubang besar di depan pasar Sangatta, sudah dua motor jatuh' },
      { tracking_id: 'B', submitted: ago(1), judul: 'Jalan berlubang di depan pasar', isi: 'Jalan di depan pasar berlubang besar, motor jatuh dua kali' },
      { tracking_id: 'C', submitted: ago(2), judul: 'Guru jarang hadir', isi: 'Guru SD sering tidak masuk kelas, murid dipulangkan' },
      { tracking_id: 'R', submitted: ago(1), judul: 'Jalan depan pasar berlubang', isi: 'Jalan berlubang besar di depan pasar, motor jatuh', is_rahasia: 1 },
    ])),
  )
})
afterAll(() => s?.close())

function client(role: Role) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${s.base}/trpc`, headers: { authorization: `Bearer ${s.tokens[role]}` } })] })
}

const auditOf = (action: string) =>
  s.ws.db.prepare('SELECT username, entity_id, before_json, after_json FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    username: string
    entity_id: string
    before_json: string | null
    after_json: string | null
  }[]

describe('false-alarm setting', () => {
  it('is read by all, changed by an admin only, audited, and used by isu.list and the CLI', async () => {
    expect(await client('viewer').isu.settings.query()).toMatchObject({ falseAlarmsPerWeek: 0.5, default: 0.5 })
    for (const role of ['operator', 'supervisor'] as const) {
      const refused = await client(role).isu.setFalseAlarmRate.mutate({ value: 0.2 }).catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(TRPCClientError)
      expect((refused as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN')
    }
    const tooHigh = await client('admin').isu.setFalseAlarmRate.mutate({ value: 40 }).catch((e: unknown) => e)
    expect((tooHigh as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST')
    expect(auditOf('settings.isu')).toEqual([])

    expect(await client('admin').isu.setFalseAlarmRate.mutate({ value: 0.2 })).toBe(0.2)
    expect(await client('viewer').isu.settings.query()).toMatchObject({ falseAlarmsPerWeek: 0.2 })
    expect(auditOf('settings.isu')).toEqual([{ username: 'admin1', entity_id: 'isu.false_alarms_per_week', before_json: '0.5', after_json: '0.2' }])
    expect((await client('viewer').isu.list.query({ kabupaten: KAB })).settings.falseAlarmsPerWeek).toBe(0.2)
    // An explicit value still wins (scheduled reports may ask for another).
    expect((await client('viewer').isu.list.query({ kabupaten: KAB, falseAlarmsPerWeek: 3 })).settings.falseAlarmsPerWeek).toBe(3)

    const cli = tanggap(['isu', '--db', s.ws.file, '--kabupaten', KAB])
    expect(cli.status, cli.stderr).toBe(0)
    expect(cli.json<{ settings: { falseAlarmsPerWeek: number } }>().settings.falseAlarmsPerWeek).toBe(0.2)
    const explicit = tanggap(['isu', '--db', s.ws.file, '--kabupaten', KAB, '--alarm-per-minggu', '1'])
    expect(explicit.json<{ settings: { falseAlarmsPerWeek: number } }>().settings.falseAlarmsPerWeek).toBe(1)
  }, 120_000)
})

describe('Kemungkinan ganda', () => {
  it('lists the later of two similar open complaints, the same in count, list and export; rahasia only for those who may read it', async () => {
    const [a, b, , r] = ids
    const viewer = await client('viewer').isu.ganda.query({ kabupaten: KAB })
    expect(viewer.rows.map((x) => [x.tracking_id, x.main.tracking_id])).toEqual([['B', 'A']])
    expect(viewer.count).toBe(viewer.rows.length)
    expect(viewer.rows[0].score).toBeGreaterThanOrEqual(0.6)

    const admin = await client('admin').isu.ganda.query({ kabupaten: KAB })
    expect(admin.rows.map((x) => x.tracking_id).sort()).toEqual(['B', 'R'])
    expect([a, b]).toContain(admin.rows.find((x) => x.id === r)!.main.id)

    const operator = await client('operator').isu.ganda.query({ kabupaten: KAB })
    const exported = await client('operator').isu.gandaExport.mutate({ kabupaten: KAB })
    const lines = exported.csv.trim().split('\n')
    expect(lines[0]).toMatch(/^tracking_id,judul,status/)
    expect(lines.length - 1).toBe(exported.count)
    expect(exported.count).toBe(operator.count)
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(operator.rows.map((x) => x.tracking_id))
    expect(auditOf('export').map((x) => [x.username, x.entity_id])).toEqual([['operator1', `${KAB}/kemungkinan_ganda`]])

    // Linked, it leaves the queue; unlinked, it is back.
    await client('operator').isu.link.mutate({ id: b, mainId: a, score: viewer.rows[0].score })
    expect((await client('viewer').isu.ganda.query({ kabupaten: KAB })).count).toBe(0)
    await client('operator').isu.unlink.mutate({ id: b })
    expect((await client('viewer').isu.ganda.query({ kabupaten: KAB })).rows.map((x) => x.id)).toEqual([b])
  })

  it('counts unique problems beside raw reports, a linked group once', async () => {
    const [a, b] = ids
    const period = { from: ago(10).slice(0, 10), to: new Date(Date.now() + DAY).toISOString().slice(0, 10) }
    const before = await client('viewer').isu.unique.query({ kabupaten: KAB, period })
    expect(before.masuk).toEqual({ reports: 4, unique: 4 })
    expect(before.terbuka).toEqual({ reports: 4, unique: 4 })
    await client('operator').isu.link.mutate({ id: b, mainId: a })
    const after = await client('viewer').isu.unique.query({ kabupaten: KAB, period })
    expect(after.masuk).toEqual({ reports: 4, unique: 3 })
    expect(after.terbuka).toEqual({ reports: 4, unique: 3 })
    expect(after.linked).toBe(1)
    // The same period as Ringkasan's Masuk tile counts the same reports.
    const summary = await client('viewer').overview.summary.query({ kabupaten: KAB, period })
    expect(summary.masuk).toBe(after.masuk.reports)
    expect(summary.terbuka).toBe(after.terbuka.reports)
    await client('operator').isu.unlink.mutate({ id: b })
  })
})
