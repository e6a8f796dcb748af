// The privacy rules of privacy/policy.ts, the one place every screen, document and export asks.
import { describe, expect, it } from 'vitest'
import { ROLES } from '#shared/domain.ts'
import { complaintPrivacy, maskText, SURFACES, viewFor } from '#main/privacy/policy.ts'
import { IDENTITY_ROLE } from '#main/privacy/mask.ts'
import { complaintDetail } from '#main/complaints/queries.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { tempStore } from '../helpers.ts'
import { findIdentities, PEOPLE, seedKnownIdentities } from './leak-scan.ts'

describe('viewFor(role, surface)', () => {
  it('shows identity only to supervisors and admins, only in the app and in exports', () => {
    expect(IDENTITY_ROLE).toBe('supervisor')
    const table = Object.fromEntries(ROLES.map((r) => [r, Object.fromEntries(SURFACES.map((s) => [s, viewFor(r, s).identity]))]))
    expect(table).toEqual({
      // A liaison reads through its own view (liaison/privacy.ts: content yes, identity only if the Pemda grants it).
      penghubung: { app: false, wall: false, briefing: false, export: false },
      viewer: { app: false, wall: false, briefing: false, export: false },
      operator: { app: false, wall: false, briefing: false, export: false },
      supervisor: { app: true, wall: false, briefing: false, export: true },
      admin: { app: true, wall: false, briefing: false, export: true },
    })
  })

  it('keeps rahasia content off the wall and the briefing for everyone, and away from viewers everywhere', () => {
    const table = Object.fromEntries(ROLES.map((r) => [r, Object.fromEntries(SURFACES.map((s) => [s, viewFor(r, s).rahasiaContent]))]))
    expect(table).toEqual({
      penghubung: { app: false, wall: false, briefing: false, export: false },
      viewer: { app: false, wall: false, briefing: false, export: false },
      operator: { app: true, wall: false, briefing: false, export: true },
      supervisor: { app: true, wall: false, briefing: false, export: true },
      admin: { app: true, wall: false, briefing: false, export: true },
    })
  })

  it('never shows the reporter of an anonim complaint, and masks its texts even for admins', () => {
    const admin = viewFor('admin', 'app')
    expect(complaintPrivacy(admin, { is_anonim: 1, is_rahasia: 0 })).toEqual({ identity: false, identityHidden: 'anonim', content: true, maskText: true })
    expect(complaintPrivacy(admin, { is_anonim: 0, is_rahasia: 1 })).toEqual({ identity: true, identityHidden: null, content: true, maskText: false })
    expect(complaintPrivacy(viewFor('operator', 'app'), { is_anonim: 0, is_rahasia: 0 })).toMatchObject({ identity: false, identityHidden: 'peran', maskText: true })
    expect(complaintPrivacy(viewFor('admin', 'wall'), { is_anonim: 0, is_rahasia: 1 })).toMatchObject({ identity: false, content: false })
  })
})

describe('masking texts', () => {
  it('masks numbers, e-mail addresses and the reporter’s own name in any case and spacing', () => {
    const reporter = { nama: 'Siti  Rahmawati', nik: null, phone: null, email: null }
    expect(maskText('Saya SITI RAHMAWATI, siti.r@mail.co.id, HP 0812-3456-7890, NIK 6408011204900001', reporter)).toBe(
      'Saya [nama disembunyikan], [email disembunyikan], HP [nomor disembunyikan], NIK [NIK disembunyikan]',
    )
    // Only whole words: "Sitinjak" is not "Siti".
    expect(maskText('Pak Sitinjak melapor', { nama: 'Siti', nik: null, phone: null, email: null })).toBe('Pak Sitinjak melapor')
    expect(maskText('Jl. A. Yani', { nama: 'A', nik: null, phone: null, email: null })).toBe('Jl. A. Yani')
  })
})

describe('the detail pane on public-facing surfaces', () => {
  it('shows no reporter and no rahasia content on the wall or in a briefing, even for an admin', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const { ids } = seedKnownIdentities(db)
    for (const surface of ['wall', 'briefing'] as const) {
      for (const id of Object.values(ids)) {
        const d = complaintDetail(db, id, 'admin', Date.now(), surface)
        expect(d.reporter).toBeNull()
        expect(findIdentities(d, Object.values(PEOPLE))).toEqual([])
      }
      const rahasia = complaintDetail(db, ids.rahasia, 'admin', Date.now(), surface)
      expect(rahasia).toMatchObject({ judul: null, isi: null, lokasi_text: null, lat: null, lon: null })
      expect(rahasia.history.every((e) => e.body === null && e.reason === null)).toBe(true)
    }
    const inApp = complaintDetail(db, ids.rahasia, 'admin')
    expect(inApp.reporter?.nama).toBe(PEOPLE.rahasia.nama)
    expect(inApp.history.find((e) => e.kind === 'pelapor_reply')?.actor).toBe(PEOPLE.rahasia.nama)
    // An operator reads the text, with the reporter's details masked, and the reply is by "Pelapor".
    const operator = complaintDetail(db, ids.terbuka, 'operator')
    expect(operator.isi).toBe('Atas nama [nama disembunyikan], NIK [NIK disembunyikan]. Jalan berlubang sejak Januari, mohon diperbaiki. Hubungi [nomor disembunyikan] atau [email disembunyikan].')
    expect(operator.history.find((e) => e.kind === 'pelapor_reply')?.actor).toBe('Pelapor')
  })
})
