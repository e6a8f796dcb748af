// The queue badges are read from the KPI aggregates; they must always equal counting the queue itself.
import { describe, expect, it } from 'vitest'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { performAction } from '#main/complaints/actions.ts'
import { queueCount, queueCounts, queuePage, QUEUES } from '#main/queue/queries.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { rebuild as trainRouting } from '#main/routing/learn.ts'
import { tempStore } from '../helpers.ts'

const until = new Date('2026-11-20T04:00:00Z')
const KAB = '64.08'

function counted(db: Parameters<typeof queueCount>[0], now: number) {
  return Object.fromEntries(QUEUES.map((queue) => [queue, queueCount(db, { kabupaten: KAB, queue, now, role: 'viewer' })]))
}

describe('queue badges', () => {
  it('equal a count of each queue, after sync-like generation, after triage actions and as time passes', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KAB, count: 2500, seed: 21, until })
    const now = until.getTime()
    trainRouting(db, KAB, now) // fills the stored suggestions behind "salah sasaran"
    const before = queueCounts(db, KAB, now)
    expect(before).toEqual(counted(db, now))
    // Every queue is populated in a realistic store, so the comparison says something about each.
    for (const q of QUEUES) expect(before[q], q).toBeGreaterThan(0)

    const sup = upsertProfile(db, 'sup', 'Budi (supervisor)', 'supervisor')
    const unit = (kode: string) => db.prepare('SELECT id FROM unit WHERE kode = ?').pluck().get(kode) as number
    const toVerify = queuePage(db, { kabupaten: KAB, queue: 'verifikasi', limit: 5, now, role: 'supervisor' }).map((r) => r.id)
    const inProcess = queuePage(db, { kabupaten: KAB, queue: 'proses', limit: 5, now, role: 'supervisor' }).map((r) => r.id)
    performAction(db, sup, { action: 'disposition', ids: toVerify.slice(0, 3), unitId: unit('64.08/dinkes'), reason: 'Layanan puskesmas' }, now)
    performAction(db, sup, { action: 'disposition', ids: inProcess.slice(0, 2), unitId: unit('64.08/dpupr'), reason: 'Jalan rusak, bukan wewenang OPD awal' }, now)
    performAction(db, sup, { action: 'bukan_wewenang', ids: toVerify.slice(3, 4), reason: 'Kewenangan provinsi' }, now)
    const after = queueCounts(db, KAB, now)
    expect(after).toEqual(counted(db, now))
    expect(after.verifikasi).toBe(before.verifikasi - 4)

    // A week later more open complaints are past their deadline; nothing was written in between.
    const later = now + 7 * 86_400_000
    expect(queueCounts(db, KAB, later)).toEqual(counted(db, later))
    expect(queueCounts(db, KAB, later).terlambat).toBeGreaterThan(after.terlambat)
  })
})
