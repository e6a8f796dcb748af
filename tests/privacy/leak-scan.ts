// Proof that reporter identity does not leak: seed a store with known people, then scan whatever the app produces
// (API responses, exported files, rendered wall/briefing pages) for their names, NIK, phone numbers and e-mail
// addresses, in any of the spellings citizens use. Reusable by every surface: pass the output (any JSON value or
// text) to findIdentities() with the people who must not appear in it.
import type { Db } from '#main/store/open.ts'
import { rebuildKabupaten } from '#main/kpi/refresh.ts'

export type Person = { key: string; nama: string; nik: string | null; phone: string | null; email: string | null }
type KnownPerson = { key: string; nama: string; nik: string; phone: string; email: string }

/** Four reporters with names that occur nowhere else in the seed data (units, places, officials). */
export const PEOPLE = {
  /** Reports openly: supervisors and admins may see who they are. */
  terbuka: { key: 'terbuka', nama: 'Wahyuningsih Paramitha', nik: '6408014507880003', phone: '081356782491', email: 'wahyu.paramitha@contoh.id' },
  /** Reports anonim: nobody may see who they are. */
  anonim: { key: 'anonim', nama: 'Bonifasius Lumbantobing', nik: '6408021103790005', phone: '085247193368', email: 'boni.lt@contoh.id' },
  /** Reports rahasia (not anonim): supervisors and admins may see who; walls and viewers see nothing of it. */
  rahasia: { key: 'rahasia', nama: 'Rusdiansyah Kurniawan', nik: '6408030909910002', phone: '082153967724', email: 'rusdi.k@contoh.id' },
  /** Reports both anonim and rahasia. */
  keduanya: { key: 'keduanya', nama: 'Theresia Mawarni Sitompul', nik: '6408046612850007', phone: '081250318846', email: 'theresia.ms@contoh.id' },
} satisfies Record<string, KnownPerson>

export type SeededIdentities = { ids: Record<keyof typeof PEOPLE, number> }

/** How citizens write their own details into a complaint: grouped digits, +62, mixed case. */
function sentences(p: KnownPerson): { judul: string; isi: string; reply: string } {
  const nikSpaced = p.nik.replace(/(\d{4})(?=\d)/g, '$1 ')
  const phoneIntl = `+62 ${p.phone.slice(1, 4)}-${p.phone.slice(4, 8)}-${p.phone.slice(8)}`
  return {
    judul: `Jalan rusak di depan rumah ${p.nama.toUpperCase()}`,
    isi: `Atas nama ${p.nama}, NIK ${nikSpaced}. Jalan berlubang sejak Januari, mohon diperbaiki. Hubungi ${phoneIntl} atau ${p.email}.`,
    reply: `Terima kasih, saya ${p.nama.toLowerCase()} (HP ${p.phone}) sudah melihat perbaikannya.`,
  }
}

/** Adds one complaint per person (flags as their key says), with their identity in the reporter row, in the
 *  texts and as the actor of their own reply, as a sync from LAPOR! could deliver it. Needs seedKabupaten first. */
export function seedKnownIdentities(db: Db, kabupaten = '64.08', submitted = Date.parse('2026-01-12T02:00:00Z')): SeededIdentities {
  const flags: Record<keyof typeof PEOPLE, [anonim: number, rahasia: number]> = { terbuka: [0, 0], anonim: [1, 0], rahasia: [0, 1], keduanya: [1, 1] }
  const kecamatan = db.prepare('SELECT kode FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode LIMIT 1').pluck().get(kabupaten) as string
  const ids = {} as Record<keyof typeof PEOPLE, number>
  db.transaction(() => {
    for (const [key, p] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, KnownPerson][]) {
      const s = sentences(p)
      const id = Number(
        db
          .prepare(
            `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw,
               is_anonim, is_rahasia, kecamatan_kode, lokasi_text, lat, lon, submitted_at, updated_at)
             VALUES (?, 'test', ?, ?, ?, 'pengaduan', 'web', 'belum_terverifikasi', 'Belum Terverifikasi', ?, ?, ?, ?, 0.5, 117.5, ?, ?)`,
          )
          .run(kabupaten, `PII-${key}`, s.judul, s.isi, flags[key][0], flags[key][1], kecamatan, `Depan rumah ${p.nama}`, submitted, submitted).lastInsertRowid,
      )
      db.prepare('INSERT INTO reporter (complaint_id, nama, nik, phone, email) VALUES (?, ?, ?, ?, ?)').run(id, p.nama, p.nik, p.phone, p.email)
      const event = db.prepare('INSERT INTO complaint_event (complaint_id, kind, at, actor, to_status, body) VALUES (?, ?, ?, ?, ?, ?)')
      event.run(id, 'submitted', submitted, p.nama, 'belum_terverifikasi', null)
      event.run(id, 'pelapor_reply', submitted + 3600_000, p.nama, null, s.reply)
      ids[key] = id
    }
    rebuildKabupaten(db, kabupaten)
  })()
  return { ids }
}

export type Finding = { person: string; field: 'nama' | 'nik' | 'phone' | 'email'; path: string; text: string }

type Needle = { person: string; field: Finding['field']; test(s: string, digits: string, lower: string): boolean }

/** The national part of an Indonesian mobile number: 0812… and +62 812… both contain 812…. */
const nationalDigits = (phone: string) => phone.replace(/\D/g, '').replace(/^(62|0)/, '')

function needlesFor(people: readonly Person[]): Needle[] {
  return people.flatMap((p) => {
    const nama = p.nama.toLowerCase().replace(/\s+/g, ' ')
    const nik = p.nik?.replace(/\D/g, '') ?? ''
    const phone = p.phone ? nationalDigits(p.phone) : ''
    const email = p.email?.toLowerCase() ?? ''
    // A person scanned without a name (nama '') is looked for by number and e-mail only.
    const needles: Needle[] = nama ? [{ person: p.key, field: 'nama', test: (_s, _d, lower) => lower.replace(/\s+/g, ' ').includes(nama) }] : []
    // Too short a number would match by chance inside other numbers (dates, counts, ids).
    if (nik.length >= 12) needles.push({ person: p.key, field: 'nik', test: (_s, digits) => digits.includes(nik) })
    if (phone.length >= 8) needles.push({ person: p.key, field: 'phone', test: (_s, digits) => digits.includes(phone) })
    if (email.includes('@')) needles.push({ person: p.key, field: 'email', test: (_s, _d, lower) => lower.includes(email) })
    return needles
  })
}

/** Every place in `output` (a JSON value, or text such as HTML or CSV) where one of `people` can be recognised. */
export function findIdentities(output: unknown, people: readonly Person[]): Finding[] {
  const needles = needlesFor(people)
  const findings: Finding[] = []
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string' || typeof value === 'number') {
      const s = String(value)
      const digits = s.replace(/\D/g, '')
      const lower = s.toLowerCase()
      for (const n of needles) if (n.test(s, digits, lower)) findings.push({ person: n.person, field: n.field, path, text: s.slice(0, 160) })
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`))
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k)
  }
  visit(output, '')
  return findings
}

/** Reporters stored in a store (e.g. demo data), as people to scan for. Names shorter than two words are
 *  skipped: a single common word would match ordinary text. */
export function storedReporters(db: Db, limit = 100_000): Person[] {
  const rows = db
    .prepare('SELECT complaint_id, nama, nik, phone, email FROM reporter WHERE nama IS NOT NULL LIMIT ?')
    .all(limit) as { complaint_id: number; nama: string; nik: string | null; phone: string | null; email: string | null }[]
  return rows
    .filter((r) => r.nama.trim().includes(' '))
    .map((r) => ({ key: `reporter#${r.complaint_id}`, nama: r.nama, nik: r.nik, phone: r.phone, email: r.email }))
}
