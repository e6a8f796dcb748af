// Linking duplicates to one main complaint: chains are flattened, other kabupaten and self-links are refused with a
// message naming the tracking numbers, unlinking works, and every change is in the audit log.
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { duplicateLinks, linkDuplicate, unlinkDuplicate } from '#main/serupa/links.ts'
import { verifyAudit } from '#main/audit/verify.ts'
import { tempStore } from '../helpers.ts'

function complaint(db: Db, tracking: string, kabupaten = '64.08'): number {
  return Number(
    db
      .prepare(
        `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw, submitted_at, updated_at)
         VALUES (?, 'test', ?, 'Jalan rusak', 'Jalan rusak di depan pasar', 'pengaduan', 'web', 'proses', 'Proses', 1, 1)`,
      )
      .run(kabupaten, tracking).lastInsertRowid,
  )
}

describe('duplicate links', () => {
  it('links, flattens chains, refuses what cannot be a duplicate, unlinks, and audits each step', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    seedKabupaten(db, '21.03')
    const op = upsertProfile(db, 'siti', 'Siti Operator', 'operator')
    const [a, b, c, d] = ['LOK-1', 'LOK-2', 'LOK-3', 'LOK-4'].map((t) => complaint(db, t))
    const natuna = complaint(db, 'NAT-1', '21.03')

    expect(linkDuplicate(db, op, b, a, 0.8)).toEqual({ id: b, mainId: a, moved: [] })
    // Linking to a duplicate links to its main.
    expect(linkDuplicate(db, op, c, b).mainId).toBe(a)
    // A main linked elsewhere brings its duplicates along: nothing is left pointing at a duplicate.
    expect(linkDuplicate(db, op, a, d)).toEqual({ id: a, mainId: d, moved: [b, c] })
    expect(duplicateLinks(db, d).duplicates.map((x) => x.id)).toEqual([a, b, c])
    expect(duplicateLinks(db, b).main).toEqual({ id: d, tracking_id: 'LOK-4' })
    expect(duplicateLinks(db, d).main).toBeNull()

    expect(() => linkDuplicate(db, op, d, d)).toThrow(/LOK-4 tidak dapat menjadi duplikat dirinya sendiri/)
    expect(() => linkDuplicate(db, op, b, d)).not.toThrow() // re-linking to the same main is harmless
    expect(() => linkDuplicate(db, op, d, a)).toThrow(/dirinya sendiri/) // a's main is d
    expect(() => linkDuplicate(db, op, natuna, d)).toThrow(/NAT-1 dan LOK-4 berasal dari kabupaten yang berbeda/)
    expect(() => linkDuplicate(db, op, 99_999, d)).toThrow(/Laporan dengan id 99999 tidak ada/)

    expect(unlinkDuplicate(db, op, c)).toBe(true)
    expect(unlinkDuplicate(db, op, c)).toBe(false)
    expect(duplicateLinks(db, d).duplicates.map((x) => x.id)).toEqual([a, b])

    const audit = db.prepare("SELECT action, entity_id, before_json, after_json FROM audit_log WHERE action LIKE 'complaint.%link_duplicate' ORDER BY id").all() as {
      action: string
      entity_id: string
      before_json: string | null
      after_json: string | null
    }[]
    expect(audit.map((r) => [r.action, Number(r.entity_id)])).toEqual([
      ['complaint.link_duplicate', b],
      ['complaint.link_duplicate', c],
      ['complaint.link_duplicate', a],
      ['complaint.link_duplicate', b],
      ['complaint.unlink_duplicate', c],
    ])
    expect(JSON.parse(audit[2].after_json!)).toEqual({ main: 'LOK-4', moved: 2 })
    expect(JSON.parse(audit[4].before_json!)).toEqual({ main: 'LOK-4' })
    expect(verifyAudit(db).ok).toBe(true)
  })
})
