// The calendar API as Pengaturan uses it, over real HTTP on a signed-in server with a real SQLite file: an admin's
// change to the calendar or the rules is answered at once, the deadlines and KPI aggregates are rebuilt right
// after (the queue's due dates move), every change is audited, a malformed holiday file changes nothing, and
// the API refuses everyone below admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client'
import type { AppRouter } from '#main/app/api/router.ts'
import { whenRebuilt } from '#main/kpi/rebuild-queue.ts'
import { isStale } from '#main/kpi/refresh.ts'
import type { Role } from '#shared/domain.ts'
import { insertComplaints } from '../fixtures.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { snapshot } from '../security/db-snapshot.ts'
import { startSecured, type Secured } from '../security/server.ts'
import { endOf } from './time.ts'

const KAB = '64.08'
const NATUNA = '21.03'
let s: Secured
let ids: number[]

beforeAll(async () => {
  s = await startSecured((ws) => {
    seedKabupaten(ws.db, NATUNA)
    insertComplaints(ws.db, [{ kabupaten: NATUNA, tracking_id: 'N1', submitted: '2026-02-02T03:00:00Z', kecamatan: null }])
    return (ids = insertComplaints(ws.db, [
      // Monday 2 February 2026, 10:00 WITA: verification due by the end of Thursday 5 February (3 hk).
      { tracking_id: 'K1', submitted: '2026-02-02T02:00:00Z' },
      // Monday 16 February 2026 10:00 WITA: Tahun Baru Imlek is Tuesday 17 February, so due Friday 20 February.
      { tracking_id: 'K2', submitted: '2026-02-16T02:00:00Z' },
    ]))
  })
})
afterAll(() => s?.close())

function client(role: Role) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${s.base}/trpc`, headers: { authorization: `Bearer ${s.tokens[role]}` } })],
  })
}

/** What Antrean shows as a complaint's next due time (complaint_sla, i.e. what the rebuild writes). */
async function nextDue(trackingId: string): Promise<number | null> {
  const page = await client('viewer').complaints.queue.query({ kabupaten: KAB, queue: 'semua', limit: 100 })
  return page.rows.find((r) => r.tracking_id === trackingId)!.next_due_at
}

function auditOf(action: string) {
  return s.ws.db.prepare('SELECT username, before_json, after_json FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    username: string
    before_json: string | null
    after_json: string | null
  }[]
}

async function rebuilt(): Promise<void> {
  await whenRebuilt(s.ws.db)
  expect(isStale(s.ws.db, KAB)).toBe(false)
}

describe('calendar API', () => {
  it('moves a verification deadline one working day later after a local day off, once the rebuild has run', async () => {
    const admin = client('admin')
    expect(await nextDue('K1')).toBe(endOf('2026-02-05', 'WITA'))
    expect(await admin.calendar.status.query({ kabupaten: KAB })).toMatchObject({ status: 'current' })

    const changes: string[] = []
    const abort = new AbortController()
    void (async () => {
      for await (const c of s.ws.bus.changes(abort.signal)) changes.push(`${c.kind}:${c.kabupaten}`)
    })().catch(() => {})

    // Wednesday 4 February: a Bupati's day off for Kutai Timur.
    const added = await admin.calendar.addDayOff.mutate({ kabupaten: KAB, date: '2026-02-04', nama: 'Hari Jadi Kabupaten' })
    expect(added).toMatchObject({ date: '2026-02-04', nama: 'Hari Jadi Kabupaten', isActive: true, deadlines: { status: 'recomputing' } })
    // Answered before the rebuild: the deadlines are marked as being recomputed, the old ones still stored.
    expect(await admin.calendar.status.query({ kabupaten: KAB })).toMatchObject({ status: 'recomputing' })
    expect(await nextDue('K1')).toBe(endOf('2026-02-05', 'WITA'))

    await rebuilt()
    expect(await nextDue('K1')).toBe(endOf('2026-02-06', 'WITA'))
    const status = await admin.calendar.status.query({ kabupaten: KAB })
    expect(status).toMatchObject({ status: 'current', error: null, lastRun: { kabupaten: KAB, complaints: 2 } })
    // Open screens were told: the calendar changed, the deadlines are being recomputed (the indicator shows), then
    // the new ones are in (kpi/background-rebuild.ts).
    expect(changes.filter((c) => c.endsWith(KAB))).toEqual([`reference:${KAB}`, `complaints:${KAB}`, `complaints:${KAB}`])
    abort.abort()

    const days = await client('viewer').calendar.daysOff.query({ kabupaten: KAB, year: 2026 })
    expect(days.skb).toMatch(/SKB/)
    expect(days.days.find((d) => d.date === '2026-02-04')).toMatchObject({ kind: 'lokal', scope: 'lokal', isActive: true, source: 'manual' })
    expect(days.days.filter((d) => d.scope === 'nasional').length).toBe(25) // 2026: 17 libur + 8 cuti bersama

    const [entry] = auditOf('calendar.add_day_off')
    expect(entry.username).toBe('admin1')
    expect(JSON.parse(entry.before_json!)).toBeNull()
    expect(JSON.parse(entry.after_json!)).toEqual({ kabupaten: KAB, date: '2026-02-04', nama: 'Hari Jadi Kabupaten', isActive: true })

    // Switching the local day off again brings the old deadline back.
    const local = days.days.find((d) => d.date === '2026-02-04')!
    await admin.calendar.setDayOffActive.mutate({ kabupaten: KAB, id: local.id, isActive: false })
    await rebuilt()
    expect(await nextDue('K1')).toBe(endOf('2026-02-05', 'WITA'))
  })

  it('switches a national day off off and on again, never deleting it, with the deadlines following', async () => {
    const admin = client('admin')
    expect(await nextDue('K2')).toBe(endOf('2026-02-20', 'WITA'))
    const imlek = (await admin.calendar.daysOff.query({ kabupaten: KAB, year: 2026 })).days.find((d) => d.date === '2026-02-17')!
    expect(imlek).toMatchObject({ kind: 'libur', scope: 'nasional', isActive: true })

    expect(await admin.calendar.setDayOffActive.mutate({ kabupaten: KAB, id: imlek.id, isActive: false })).toMatchObject({ changed: true })
    await rebuilt()
    expect(await nextDue('K2')).toBe(endOf('2026-02-19', 'WITA'))
    const listed = (await admin.calendar.daysOff.query({ kabupaten: KAB, year: 2026 })).days.find((d) => d.id === imlek.id)
    expect(listed).toMatchObject({ date: '2026-02-17', isActive: false }) // still listed, switched off

    // Asking for the state it is already in changes nothing and writes no audit entry.
    const before = snapshot(s.ws.db)
    expect(await admin.calendar.setDayOffActive.mutate({ kabupaten: KAB, id: imlek.id, isActive: false })).toMatchObject({ changed: false })
    expect(snapshot(s.ws.db)).toBe(before)

    await admin.calendar.setDayOffActive.mutate({ kabupaten: KAB, id: imlek.id, isActive: true })
    await rebuilt()
    expect(await nextDue('K2')).toBe(endOf('2026-02-20', 'WITA'))
    const audit = auditOf('calendar.set_day_off_active').map((e) => [JSON.parse(e.before_json!).isActive, JSON.parse(e.after_json!).isActive])
    expect(audit.slice(-2)).toEqual([
      [true, false],
      [false, true],
    ])
  })

  it('changes deadlines when the rules change', async () => {
    const admin = client('admin')
    const result = await admin.calendar.setRules.mutate({ kabupaten: KAB, rules: { verificationDays: 5 } })
    expect(result).toMatchObject({ changed: true, rules: { verificationDays: 5, firstResponseDays: 5, autoCloseDays: 10, completionCapDays: 60, skipCutiBersama: true } })
    await rebuilt()
    expect(await nextDue('K1')).toBe(endOf('2026-02-09', 'WITA')) // 5 hk from Monday 2 Feb: Monday 9 Feb
    expect(await client('viewer').calendar.rules.query({ kabupaten: KAB })).toMatchObject({ verificationDays: 5 })
    const [entry] = auditOf('calendar.set_rules')
    expect(JSON.parse(entry.before_json!)).toMatchObject({ verificationDays: 3 })
    expect(JSON.parse(entry.after_json!)).toMatchObject({ verificationDays: 5 })

    await expect(admin.calendar.setRules.mutate({ kabupaten: KAB, rules: { verificationDays: 0 } })).rejects.toThrow(/verificationDays/)
    await admin.calendar.setRules.mutate({ kabupaten: KAB, rules: { verificationDays: 3 } })
    await rebuilt()
    expect(await nextDue('K1')).toBe(endOf('2026-02-05', 'WITA'))
  })

  it('imports a holiday file, and refuses a malformed one saying what and where, changing nothing', async () => {
    const admin = client('admin')
    const file = {
      _note: 'Keputusan Bupati: cuti bersama tambahan',
      '2026': { skb: 'SKB uji 2026', libur: [], cuti_bersama: [['2026-02-03', 'Cuti bersama uji']] },
    }
    const preview = await admin.calendar.importHolidays.mutate({ kabupaten: KAB, text: JSON.stringify(file), mode: 'merge', dryRun: true })
    expect(preview).toMatchObject({ ok: true, dryRun: true, summary: { years: [2026], added: 1, changed: 0, deactivated: 0 } })
    expect((await admin.calendar.daysOff.query({ kabupaten: KAB, year: 2026 })).days.some((d) => d.date === '2026-02-03')).toBe(false)

    await admin.calendar.importHolidays.mutate({ kabupaten: KAB, text: JSON.stringify(file), mode: 'merge' })
    await rebuilt()
    expect(await nextDue('K1')).toBe(endOf('2026-02-06', 'WITA'))
    expect(auditOf('calendar.import_holidays')).toHaveLength(1)

    const before = snapshot(s.ws.db)
    const bad = JSON.stringify(
      { '2026': { skb: 'SKB uji', libur: [['2026-02-30', 'Tanggal salah']], cuti_bersama: [['2026-03-04', '']]} },
      null,
      2,
    )
    const refusal = await admin.calendar.importHolidays.mutate({ kabupaten: KAB, text: bad }).catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(TRPCClientError)
    const message = (refusal as TRPCClientError<AppRouter>).message
    expect(message).toMatch(/^Berkas libur tidak sah, tidak ada yang diubah \(2 kesalahan\)/)
    expect(message).toContain('tahun 2026, libur no. 1 (indeks 0), tanggal: tanggal "2026-02-30" tidak ada di kalender')
    expect(message).toContain('tahun 2026, cuti_bersama no. 1 (indeks 0), nama: nama tidak boleh kosong')

    const broken = '{\n  "2026": {\n    "skb": "SKB uji"\n    "libur": []\n  }\n}'
    const syntax = await admin.calendar.importHolidays.mutate({ kabupaten: KAB, text: broken }).catch((e: unknown) => e)
    expect((syntax as Error).message).toMatch(/baris 4, kolom 5: bukan JSON yang sah/)
    expect(snapshot(s.ws.db)).toBe(before)
    expect(await admin.calendar.status.query({ kabupaten: KAB })).toMatchObject({ status: 'current' })
  })

  it('rebuilds every kabupaten after a national change, and only the one concerned after a local change', async () => {
    const admin = client('admin')
    const lastRuns = async () =>
      Object.fromEntries(await Promise.all([KAB, NATUNA].map(async (k) => [k, (await admin.calendar.status.query({ kabupaten: k })).lastRun?.finishedAt ?? 0])))
    const pancasila = (await admin.calendar.daysOff.query({ kabupaten: NATUNA, year: 2026 })).days.find((d) => d.date === '2026-06-01')!
    const t0 = await lastRuns()
    await admin.calendar.setDayOffActive.mutate({ kabupaten: NATUNA, id: pancasila.id, isActive: false })
    await rebuilt()
    const t1 = await lastRuns()
    expect(t1[KAB]).toBeGreaterThan(t0[KAB])
    expect(t1[NATUNA]).toBeGreaterThan(t0[NATUNA])
    await admin.calendar.setDayOffActive.mutate({ kabupaten: NATUNA, id: pancasila.id, isActive: true })
    await rebuilt()
    const t2 = await lastRuns()
    expect(t2[KAB]).toBeGreaterThan(t1[KAB])

    // Natuna's own day off moves nothing in Kutai Timur: it is marked current without a rebuild.
    await admin.calendar.addDayOff.mutate({ kabupaten: NATUNA, date: '2026-06-10', nama: 'Hari Jadi Natuna' })
    await rebuilt()
    const t3 = await lastRuns()
    expect(t3[NATUNA]).toBeGreaterThan(t2[NATUNA])
    expect(t3[KAB]).toBe(t2[KAB])
    expect(isStale(s.ws.db, NATUNA)).toBe(false)
    expect((await admin.calendar.daysOff.query({ kabupaten: KAB, year: 2026 })).days.some((d) => d.date === '2026-06-10')).toBe(false)
  })

  it('refuses a weekend or an impossible date for a local day off', async () => {
    const admin = client('admin')
    await expect(admin.calendar.addDayOff.mutate({ kabupaten: KAB, date: '2026-02-07', nama: 'Sabtu' })).rejects.toThrow(/akhir pekan/)
    await expect(admin.calendar.addDayOff.mutate({ kabupaten: KAB, date: '2026-02-30', nama: 'Salah' })).rejects.toThrow(/tidak ada di kalender/)
    await expect(admin.calendar.addDayOff.mutate({ kabupaten: KAB, date: '2026-03-02', nama: '  ' })).rejects.toThrow(/nama hari libur wajib diisi/)
  })

  it.each(['viewer', 'operator', 'supervisor'] as const)('refuses every change from a %s and changes nothing', async (role) => {
    const c = client(role)
    const before = snapshot(s.ws.db)
    const attempts = [
      c.calendar.addDayOff.mutate({ kabupaten: KAB, date: '2026-03-03', nama: 'Tidak boleh' }),
      c.calendar.setDayOffActive.mutate({ kabupaten: KAB, id: 1, isActive: false }),
      c.calendar.setRules.mutate({ kabupaten: KAB, rules: { verificationDays: 9 } }),
      c.calendar.importHolidays.mutate({ kabupaten: KAB, text: '{"2026": {"skb": "x", "libur": [], "cuti_bersama": []}}' }),
      c.kpi.setMinSample.mutate({ n: 3 }),
      c.settings.setUi.mutate({ tileUrl: 'https://tile.example.org/{z}/{x}/{y}.png' }),
    ]
    for (const attempt of attempts) await expect(attempt).rejects.toThrow(`Peran ${role} tidak boleh melakukan ini (perlu admin atau lebih tinggi)`)
    expect(snapshot(s.ws.db)).toBe(before)
    // Reading is for everyone.
    expect(await c.calendar.rules.query({ kabupaten: KAB })).toMatchObject({ verificationDays: 3 })
    expect(ids).toHaveLength(2)
  })
})
