// Reading one complaint in full (the detail pane), with the privacy rules of privacy/policy.ts applied for the
// reader's role: reporter identity only for roles that may see it and never for anonim reports; personal data in
// the texts masked for everyone else; rahasia content hidden from viewers (walls, public-facing screens).
import { coveredYears, deadlineCalendarGap, type CalendarGap } from '#main/calendar/coverage.ts'
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { Role, Status, EventKind } from '#shared/domain.ts'
import { complaintPrivacy, redactText, viewFor, type KnownReporter, type Surface } from '../privacy/policy.ts'
import { activeClaim, type Claim } from './claims.ts'
import { computeDeadlines, type ComplaintDeadlines } from '../calendar/deadlines.ts'
import { loadDeadlineRules } from '../calendar/store.ts'
import { cachedCalendar } from '../kpi/service.ts'

export type ComplaintEvent = {
  id: number
  kind: EventKind
  at: number
  actor: string
  from_status: Status | null
  to_status: Status | null
  from_unit: string | null
  to_unit: string | null
  reason: string | null
  body: string | null
}

export type ComplaintDetail = {
  id: number
  kabupaten_kode: string
  tracking_id: string
  source: string
  judul: string | null
  isi: string | null
  klasifikasi: string
  channel: string
  category: string | null
  status: Status
  status_raw: string
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
  kecamatan_kode: string | null
  kecamatan: string | null
  desa_kode: string | null
  desa: string | null
  lokasi_text: string | null
  lat: number | null
  lon: number | null
  unit_id: number | null
  unit: string | null
  submitted_at: number
  updated_at: number
  disposition_count: number
  reporter: { nama: string | null; nik: string | null; phone: string | null; email: string | null } | null
  reporterHidden: 'anonim' | 'peran' | null
  history: ComplaintEvent[]
  deadlines: ComplaintDeadlines
  /** Set when a deadline falls in a year the holiday table does not cover (computed without its holidays). */
  calendarGap: CalendarGap | null
  claim: Claim | null
}

export function complaintDetail(db: Db, id: number, role: Role, now = Date.now(), surface: Surface = 'app'): ComplaintDetail {
  const c = db
    .prepare(
      `SELECT c.*, g.nama AS category, k.nama AS kecamatan, d.nama AS desa, u.nama AS unit
       FROM complaint c LEFT JOIN category g ON g.id = c.category_id LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode
       LEFT JOIN desa d ON d.kode = c.desa_kode LEFT JOIN unit u ON u.id = c.unit_id WHERE c.id = ?`,
    )
    .get(id) as (Omit<ComplaintDetail, 'reporter' | 'reporterHidden' | 'history' | 'deadlines' | 'claim'> & Record<string, unknown>) | undefined
  if (!c) throw new DomainError('NOT_FOUND', `Laporan ${id} tidak ditemukan`)
  const privacy = complaintPrivacy(viewFor(role, surface), c)
  // Read even when hidden: the reporter's own name is masked inside the texts of their complaint.
  const stored = (db.prepare('SELECT nama, nik, phone, email FROM reporter WHERE complaint_id = ?').get(id) as KnownReporter | undefined) ?? null
  const text = (s: string | null) => redactText(s, privacy, stored)
  const history = (
    db
      .prepare(
        `SELECT e.id, e.kind, e.at, e.actor, e.from_status, e.to_status, fu.nama AS from_unit, tu.nama AS to_unit, e.reason, e.body
         FROM complaint_event e LEFT JOIN unit fu ON fu.id = e.from_unit_id LEFT JOIN unit tu ON tu.id = e.to_unit_id
         WHERE e.complaint_id = ? ORDER BY e.at, e.id`,
      )
      .all(id) as ComplaintEvent[]
  ).map((e) => ({
    ...e,
    // A synced history may name the reporter as the actor of their own entries.
    actor: privacy.identity || (e.kind !== 'submitted' && e.kind !== 'pelapor_reply') ? e.actor : 'Pelapor',
    body: text(e.body),
    // Officials' reasons quote the report ("lokasi di depan rumah …"), so they follow the same rule as its text.
    reason: text(e.reason),
  }))
  const reporter = privacy.identity ? (stored ? { nama: stored.nama, nik: stored.nik, phone: stored.phone, email: stored.email } : null) : null
  const reporterHidden = privacy.identityHidden
  const kab = c.kabupaten_kode
  const deadlines = computeDeadlines(
    {
      submitted_at: c.submitted_at,
      verified_at: c.verified_at as number | null,
      dispositioned_at: c.dispositioned_at as number | null,
      first_response_at: c.first_response_at as number | null,
      closed_at: c.closed_at as number | null,
      status: c.status,
      last_tl_at: c.last_tl_at as number | null,
      last_pelapor_reply_at: c.last_reply_at as number | null,
    },
    cachedCalendar(db, kab),
    loadDeadlineRules(db, kab),
    now,
  )
  const offset = (db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kab) as number | undefined) ?? 0
  const calendarGap = deadlineCalendarGap(coveredYears(db), deadlines, offset)
  return {
    id: c.id,
    kabupaten_kode: kab,
    tracking_id: c.tracking_id,
    source: c.source,
    judul: text(c.judul),
    isi: text(c.isi),
    klasifikasi: c.klasifikasi,
    channel: c.channel,
    category: c.category,
    status: c.status,
    status_raw: c.status_raw,
    is_anonim: c.is_anonim,
    is_rahasia: c.is_rahasia,
    kecamatan_kode: c.kecamatan_kode,
    kecamatan: c.kecamatan,
    desa_kode: c.desa_kode,
    desa: c.desa,
    lokasi_text: text(c.lokasi_text),
    lat: privacy.content ? c.lat : null,
    lon: privacy.content ? c.lon : null,
    unit_id: c.unit_id,
    unit: c.unit,
    submitted_at: c.submitted_at,
    updated_at: c.updated_at,
    disposition_count: c.disposition_count,
    reporter,
    reporterHidden,
    history,
    deadlines,
    calendarGap,
    claim: activeClaim(db, id, now),
  }
}

/** The kabupaten a complaint belongs to; undefined for an unknown id. */
export function kabupatenOf(db: Db, id: number): string | undefined {
  return db.prepare('SELECT kabupaten_kode FROM complaint WHERE id = ?').pluck().get(id) as string | undefined
}

