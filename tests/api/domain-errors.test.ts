// A domain refuses with a DomainError; whoever calls the API still gets tRPC's code for it and the Indonesian
// message, never a 500 that hides "not found" or "someone else holds it".
import { describe, expect, it } from 'vitest'
import { TRPCError } from '@trpc/server'
import { appRouter } from '#main/app/api/router.ts'
import { createChangeBus } from '#main/live/bus.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { ensureDefaultProfiles, findProfile } from '#main/users/profiles.ts'
import { tempStore } from '../helpers.ts'

function caller() {
  const { db } = tempStore()
  seedKabupaten(db, '64.08')
  ensureDefaultProfiles(db)
  const user = findProfile(db, 'admin')!
  return appRouter.createCaller({ db, bus: createChangeBus(), user, app: { mode: 'serve', defaultKabupaten: null } })
}

async function refusal(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(TRPCError)
    return e as TRPCError
  }
  throw new Error('not refused')
}

describe('domain errors over the API', () => {
  it('an unknown complaint or kabupaten is NOT_FOUND with its message', async () => {
    const c = caller()
    expect(await refusal(c.complaints.detail({ id: 424242 }))).toMatchObject({ code: 'NOT_FOUND', message: 'Laporan 424242 tidak ditemukan' })
    expect(await refusal(c.calendar.rules({ kabupaten: '99.99' }))).toMatchObject({ code: 'NOT_FOUND', message: 'Kabupaten 99.99 tidak ada di berkas data ini' })
  })

  it('a request the domain finds wrong is BAD_REQUEST', async () => {
    const c = caller()
    // 2026-10-03 is a Saturday: already not a working day.
    const e = await refusal(c.calendar.addDayOff({ kabupaten: '64.08', date: '2026-10-03', nama: 'Hari jadi' }))
    expect(e).toMatchObject({ code: 'BAD_REQUEST', message: 'Tanggal 2026-10-03 jatuh pada akhir pekan: sudah bukan hari kerja' })
  })
})
