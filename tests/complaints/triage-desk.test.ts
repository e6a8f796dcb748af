// The triage desk's server side (issue 13) on a real store: undoing a reassignment is a real, audited action with
// its limits; someone else's claim is an answer, not an error; a tracking number is found by its beginning under
// the privacy rule; the audit log reads as words, with tracking numbers and names, filtered by OPD and person.
import { describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { performAction } from '#main/complaints/actions.ts'
import { tryClaim, claim } from '#main/complaints/claims.ts'
import { undoReassign, UNDO_MS } from '#main/complaints/undo.ts'
import { complaintDetail } from '#main/complaints/queries.ts'
import { queueCount, queuePage } from '#main/queue/queries.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { verifyAuditChain } from '#main/audit/log.ts'
import { countAudit, listAudit, presentAudit } from '#main/audit/queries.ts'
import { changesText } from '#main/audit/present.ts'
import { rebuildKabupaten } from '#main/kpi/refresh.ts'
import { buildDoc, writeDoc } from '#main/export/run.ts'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../helpers.ts'
import { insertComplaints } from '../fixtures.ts'

/** A supervisor of every kabupaten, as the audit screen reads the log for one. */
const SUPERVISOR = { role: 'supervisor' as const, username: 'sup', kabupaten: null }
import { tempStore } from '../helpers.ts'

function setup() {
  const { db } = tempStore()
  seedKabupaten(db, '64.08')
  const operator = upsertProfile(db, 'op', 'Rina Wulandari', 'operator')
  const supervisor = upsertProfile(db, 'sup', 'Budi Santoso', 'supervisor')
  const other = upsertProfile(db, 'sup2', 'Sari Dewi', 'supervisor')
  const ids = insertComplaints(db, [
    { tracking_id: 'LOK-2103-2026-00001', submitted: '2026-11-02T01:00:00Z', judul: 'Jalan rusak di desa' },
    { tracking_id: 'LOK-2103-2026-00002', submitted: '2026-11-03T01:00:00Z', judul: 'Lampu jalan mati' },
    { tracking_id: 'LOK-2104-2026-00001', submitted: '2026-11-04T01:00:00Z', judul: 'Sampah menumpuk' },
  ])
  db.transaction(() => rebuildKabupaten(db, '64.08')).immediate()
  const unit = (kode: string) => db.prepare('SELECT id FROM unit WHERE kode = ?').pluck().get(kode) as number
  return { db, operator, supervisor, other, ids, unit }
}

const now = Date.parse('2026-11-05T02:00:00Z')

describe('undoing a reassignment', () => {
  it('moves it back, audits both, takes the re-disposition back, and keeps the chain intact', () => {
    const { db, operator, supervisor, ids, unit } = setup()
    performAction(db, operator, { action: 'disposition', ids: [ids[0]], unitId: unit('64.08/disdikbud'), reason: 'Sekolah rusak' }, now)
    performAction(db, supervisor, { action: 'disposition', ids: [ids[0]], unitId: unit('64.08/dinkes'), reason: 'Salah sasaran, ini puskesmas' }, now + 1000)
    expect(complaintDetail(db, ids[0], 'supervisor', now).disposition_count).toBe(2)
    const r = undoReassign(db, supervisor, [ids[0]], now + 5000)
    expect(r).toEqual({ done: [ids[0]], refused: [] })
    const d = complaintDetail(db, ids[0], 'supervisor', now + 5000)
    expect(d).toMatchObject({ unit_id: unit('64.08/disdikbud'), disposition_count: 1 })
    expect(d.history.at(-1)).toMatchObject({ kind: 'disposition', to_unit: 'Dinas Pendidikan dan Kebudayaan', actor: 'Budi Santoso' })
    const audit = db.prepare("SELECT action, before_json, after_json, reason FROM audit_log WHERE entity_id = ? AND action LIKE 'complaint.%' ORDER BY id").all(String(ids[0])) as {
      action: string
      before_json: string
      after_json: string
      reason: string
    }[]
    expect(audit.map((a) => a.action)).toEqual(['complaint.disposition', 'complaint.disposition', 'complaint.reassign_undo'])
    expect(JSON.parse(audit[2].after_json)).toMatchObject({ unit_id: unit('64.08/disdikbud') })
    expect(audit[2].reason).toMatch(/diurungkan; kembali ke Disdikbud/)
    expect(verifyAuditChain(db).ok).toBe(true)
    // Undone once: the latest change is the undo now, so a second undo is refused with a reason.
    expect(undoReassign(db, supervisor, [ids[0]], now + 6000).refused[0].reason).toMatch(/bukan pemindahan/)
  })

  it('refuses what it must not undo: a first disposition, someone else’s move, a late undo, a lower role', () => {
    const { db, operator, supervisor, other, ids, unit } = setup()
    performAction(db, supervisor, { action: 'disposition', ids: [ids[0], ids[1]], unitId: unit('64.08/disdikbud'), reason: 'Pendidikan' }, now)
    expect(undoReassign(db, supervisor, [ids[0]], now + 1000).refused[0].reason).toMatch(/disposisi pertama/)
    performAction(db, supervisor, { action: 'disposition', ids: [ids[0], ids[1]], unitId: unit('64.08/dinkes'), reason: 'Kesehatan' }, now + 2000)
    expect(undoReassign(db, other, [ids[0]], now + 3000).refused[0].reason).toMatch(/bukan dilakukan oleh Anda/)
    expect(undoReassign(db, supervisor, [ids[0]], now + 2000 + UNDO_MS + 1).refused[0].reason).toMatch(/batas waktu/)
    expect(() => undoReassign(db, operator, [ids[1]], now + 3000)).toThrow(/operator tidak boleh/)
    // Someone acted since (a note): moving it back would overwrite their work.
    performAction(db, operator, { action: 'note', ids: [ids[1]], body: 'Sudah dihubungi' }, now + 3000)
    expect(undoReassign(db, supervisor, [ids[1]], now + 4000).refused[0].reason).toMatch(/bukan pemindahan/)
  })
})

describe('claims', () => {
  it('someone else’s claim is an answer naming the holder; the throwing form still throws', () => {
    const { db, operator, supervisor, ids } = setup()
    expect(tryClaim(db, operator, ids[0], {}, now)).toMatchObject({ ok: true, claim: { nama: 'Rina Wulandari' } })
    expect(tryClaim(db, supervisor, ids[0], {}, now + 1000)).toEqual({ ok: false, heldBy: 'Rina Wulandari', since: now, until: now + 30 * 60_000 })
    expect(() => claim(db, supervisor, ids[0], {}, now + 1000)).toThrow(/Sedang ditangani Rina Wulandari/)
    expect(tryClaim(db, supervisor, ids[0], { takeover: true }, now + 2000)).toMatchObject({ ok: true, claim: { nama: 'Budi Santoso' } })
  })
})

describe('tracking-number search', () => {
  it('finds a tracking number by its beginning, with or without #, in any case, and escapes LIKE wildcards', () => {
    const { db } = setup()
    const find = (search: string) => queuePage(db, { kabupaten: '64.08', queue: 'semua', search, limit: 50, now, role: 'viewer' }).map((r) => r.tracking_id)
    expect(find('LOK-2103')).toEqual(['LOK-2103-2026-00001', 'LOK-2103-2026-00002'])
    expect(find('#lok-2104')).toEqual(['LOK-2104-2026-00001'])
    expect(find('LOK-2103-2026-00002')).toEqual(['LOK-2103-2026-00002'])
    expect(find('LOK_2103')).toEqual([])
    expect(find('2103')).toEqual([]) // a beginning, not any part: titles are matched by words, numbers by prefix
    expect(queueCount(db, { kabupaten: '64.08', queue: 'semua', search: 'LOK-2103', now, role: 'viewer' })).toBe(2)
  })
})

describe('the audit log as a supervisor reads it', () => {
  it('names the complaint, the person and the units, in words, and filters by OPD, person and tracking number', () => {
    const { db, operator, supervisor, ids, unit } = setup()
    performAction(db, operator, { action: 'disposition', ids: [ids[0]], unitId: unit('64.08/disdikbud'), reason: 'Sekolah' }, now)
    performAction(db, supervisor, { action: 'disposition', ids: [ids[0]], unitId: unit('64.08/dinkes'), reason: 'Puskesmas' }, now + 1000)
    performAction(db, operator, { action: 'verify', ids: [ids[1]] }, now + 2000)
    performAction(db, operator, { action: 'note', ids: [ids[1]], body: 'Pelapor sudah ditelepon' }, now + 3000)
    const all = presentAudit(db, listAudit(db, { limit: 100 }, SUPERVISOR))
    const move = all.find((e) => e.username === 'sup')!
    expect(move).toMatchObject({ tracking_id: 'LOK-2103-2026-00001', nama: 'Budi Santoso', action: 'complaint.disposition' })
    expect(move.changes).toEqual([{ field: 'unit_id', before: { kind: 'text', text: 'Dinas Pendidikan dan Kebudayaan' }, after: { kind: 'text', text: 'Dinas Kesehatan' } }])
    expect(changesText(move.changes)).toBe('Unit: Dinas Pendidikan dan Kebudayaan → Dinas Kesehatan')
    const verify = all.find((e) => e.action === 'complaint.verify')!
    expect(verify.changes).toEqual([{ field: 'status', before: { kind: 'status', code: 'belum_terverifikasi' }, after: { kind: 'status', code: 'belum_ditindaklanjuti' } }])
    // A note lists what it added; the status and unit it was written under are context, not something removed.
    expect(all.find((e) => e.action === 'complaint.note')!.changes).toEqual([{ field: 'note', after: { kind: 'text', text: 'Pelapor sudah ditelepon' } }])
    // OPD: entries about complaints held by it now, or moved from or to it.
    const atDisdikbud = listAudit(db, { unitId: unit('64.08/disdikbud'), limit: 100 }, SUPERVISOR)
    expect(atDisdikbud.map((e) => [e.entity_id, e.username])).toEqual([
      [String(ids[0]), 'sup'],
      [String(ids[0]), 'op'],
    ])
    expect(countAudit(db, { username: 'op' }, SUPERVISOR)).toBe(db.prepare("SELECT count(*) FROM audit_log WHERE username = 'op'").pluck().get())
    expect(listAudit(db, { tracking: 'lok-2103-2026-00002', limit: 100 }, SUPERVISOR).map((e) => e.action)).toEqual(['complaint.note', 'complaint.verify'])
  })
})

describe('the audit export', () => {
  it('holds exactly the entries the screen lists under the same filters, in words; below supervisor it is refused', async () => {
    const { db, operator, supervisor, ids, unit } = setup()
    performAction(db, operator, { action: 'disposition', ids: [ids[0]], unitId: unit('64.08/disdikbud'), reason: 'Sekolah' }, now)
    performAction(db, supervisor, { action: 'disposition', ids: [ids[0]], unitId: unit('64.08/dinkes'), reason: 'Puskesmas; kewenangan Dinkes' }, now + 1000)
    performAction(db, operator, { action: 'note', ids: [ids[1]], body: 'Catatan operator' }, now + 2000)
    const ctx = (role: 'operator' | 'supervisor') => ({ db, reader: null, role, now, username: 'Budi Santoso (sup)' })
    const request = { kind: 'audit' as const, kabupaten: '64.08', username: 'op' }
    const file = join(tempDir(), 'audit.csv')
    const written = await writeDoc(buildDoc(ctx('supervisor'), request), { format: 'csv', delimiter: ';' }, file)
    const listed = listAudit(db, { username: 'op', limit: 500 }, SUPERVISOR)
    expect(written.rows).toBe(listed.length)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('LOK-2103-2026-00002')
    expect(text).toContain('Catatan: Catatan operator')
    expect(text).toContain('Unit: – → Dinas Pendidikan dan Kebudayaan')
    expect(text).not.toContain('Puskesmas') // the supervisor's entry is filtered out
    expect(text).not.toMatch(/complaint\.|unit_id|\{/)
    expect(() => buildDoc(ctx('operator'), request)).toThrow(/tidak boleh mengekspor log audit/)
  })
})
