// Reminders that reach people (issue 18). One pass (runReminders), run by serve mode every few minutes
// (app/server/serve.ts) and by an admin's "Kirim sekarang":
// 1. plan the day's digest of every unit that has a liaison: what falls due within 2 hari kerja and what is overdue
//    (reminders/digest.ts), one row per liaison profile, once per unit, profile and local day;
// 2. plan escalations: a complaint overdue by `escalateAfterHk` hari kerja or more goes to the head of its OPD
//    (user_unit.is_kepala of the top-level unit), once per complaint and head;
// 3. deliver what is due: a failed send is retried with backoff (1, 4, 16, 64 minutes) and after MAX_ATTEMPTS
//    stays 'gagal' with its error, shown in Pengaturan → Pengingat (reminders.log): never silent.
// Every reminder is a row of the reminder table (0029_reminders.sql), sent or not.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '../users/session.ts'
import { OPEN_STATUSES_SQL } from '#shared/status.ts'
import { SOON_HK } from '#shared/liaison.ts'
import { appendAudit } from '../audit/log.ts'
import { cachedCalendar } from '../kpi/service.ts'
import { topUnits } from '../kpi/refresh.ts'
import { localDate, workingDaysBetween } from '../calendar/calendar.ts'
import { reminderSettings } from '../settings/smtp.ts'
import { complaintPrivacy, redactText } from '../privacy/policy.ts'
import { reportersOf } from '../privacy/reporters.ts'
import { LIAISON_MAIL_VIEW } from '../liaison/privacy.ts'
import { mailDigestOfUnits } from './digest.ts'
import type { InboxRow } from '../liaison/inbox.ts'
import { createMailer, smtpConfigured, type Mailer } from './mailer.ts'

export const MAX_ATTEMPTS = 5
const BACKOFF_MS = 60_000
/** A row being sent is leased for this long, so two passes (two processes) never send it twice. */
const LEASE_MS = 10 * 60_000

export function backoffMs(attempts: number): number {
  return BACKOFF_MS * 4 ** Math.max(0, attempts - 1)
}

type Recipient = { user_id: number; email: string | null; nama: string }

function line(r: InboxRow): string {
  const judul = r.judul ?? (r.is_rahasia ? '[laporan rahasia: buka di aplikasi]' : '')
  const sisa = r.sisaHariKerja === null ? '' : r.sisaHariKerja < 0 ? `terlambat ${-r.sisaHariKerja} hari kerja` : `sisa ${r.sisaHariKerja} hari kerja`
  return `- ${r.nomor} ${judul} (${r.unit.nama}; tenggat ${r.tenggat ?? '-'}, ${sisa})`
}

export function digestText(unitNama: string, day: string, d: { segera: InboxRow[]; terlambat: InboxRow[] }): { subject: string; text: string } {
  const parts = [
    `Ringkasan harian laporan SP4N-LAPOR! untuk ${unitNama}, ${day}.`,
    '',
    `Sudah terlambat (${d.terlambat.length}):`,
    ...(d.terlambat.length ? d.terlambat.map(line) : ['- tidak ada']),
    '',
    `Jatuh tempo dalam ${SOON_HK} hari kerja (${d.segera.length}):`,
    ...(d.segera.length ? d.segera.map(line) : ['- tidak ada']),
    '',
    'Buka kotak masuk unit di tanggap untuk menulis tindak lanjut, meminta perpanjangan atau mengembalikan laporan yang bukan wewenang unit.',
    'Pesan ini dikirim otomatis; identitas pelapor tidak pernah disertakan.',
  ]
  return { subject: `[tanggap] ${unitNama}: ${d.terlambat.length} terlambat, ${d.segera.length} segera jatuh tempo (${day})`, text: parts.join('\n') }
}

function insertReminder(db: Db, r: { kind: 'digest' | 'eskalasi'; day: string; kab: string; unitId: number; complaintId: number | null; to: Recipient; subject: string; body: string; ids: number[] }, now: number): boolean {
  const noEmail = !r.to.email
  return (
    db
      .prepare(
        `INSERT INTO reminder (kind, day, kabupaten_kode, unit_id, complaint_id, user_id, recipient, subject, body, complaint_ids, state, attempts, next_attempt_at, last_error, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        r.kind,
        r.day,
        r.kab,
        r.unitId,
        r.complaintId,
        r.to.user_id,
        r.to.email ?? '',
        r.subject,
        r.body,
        JSON.stringify(r.ids),
        noEmail ? 'gagal' : 'menunggu',
        noEmail ? null : now,
        noEmail ? `Profil ${r.to.nama} belum punya alamat e-mail (Pengaturan → Pengguna)` : null,
        now,
      ).changes === 1
  )
}

/** The day's digests not planned yet; returns how many rows were added. */
export function planDigests(db: Db, now = Date.now()): number {
  const settings = reminderSettings(db)
  const units = db
    .prepare(
      `SELECT DISTINCT u.id, u.nama, u.kabupaten_kode FROM user_unit uu JOIN app_user a ON a.id = uu.user_id JOIN unit u ON u.id = uu.unit_id
       WHERE a.is_active = 1 AND a.role = 'penghubung' ORDER BY u.id`,
    )
    .all() as { id: number; nama: string; kabupaten_kode: string }[]
  const recipients = db.prepare(
    `SELECT a.id AS user_id, a.email, a.nama FROM user_unit uu JOIN app_user a ON a.id = uu.user_id
     WHERE uu.unit_id = ? AND a.is_active = 1 AND a.role = 'penghubung' ORDER BY a.id`,
  )
  let added = 0
  db.transaction(() => {
    for (const u of units) {
      const cal = cachedCalendar(db, u.kabupaten_kode)
      const day = localDate(cal, now)
      // Not before the digest hour of the kabupaten's day.
      const hour = new Date(now + cal.offsetMs).getUTCHours()
      if (hour < settings.digestHour) continue
      const d = mailDigestOfUnits(db, [u.id], now)
      if (d.segera.length + d.terlambat.length === 0) continue
      const { subject, text } = digestText(u.nama, day, d)
      const ids = [...d.terlambat, ...d.segera].map((r) => r.id)
      for (const to of recipients.all(u.id) as Recipient[]) {
        if (insertReminder(db, { kind: 'digest', day, kab: u.kabupaten_kode, unitId: u.id, complaintId: null, to, subject, body: text, ids }, now)) added++
      }
    }
  }).immediate()
  return added
}

/** Escalations not planned yet (once per complaint and head); returns how many rows were added. */
export function planEscalations(db: Db, now = Date.now()): number {
  const { escalateAfterHk } = reminderSettings(db)
  if (escalateAfterHk <= 0) return 0
  const heads = db.prepare(
    `SELECT a.id AS user_id, a.email, a.nama FROM user_unit uu JOIN app_user a ON a.id = uu.user_id
     WHERE uu.unit_id = ? AND uu.is_kepala = 1 AND a.is_active = 1 ORDER BY a.id`,
  )
  const kabs = db.prepare('SELECT DISTINCT u.kabupaten_kode FROM user_unit uu JOIN unit u ON u.id = uu.unit_id WHERE uu.is_kepala = 1').pluck().all() as string[]
  let added = 0
  db.transaction(() => {
    for (const kab of kabs) {
      const cal = cachedCalendar(db, kab)
      const top = topUnits(db, kab)
      const overdue = db
        .prepare(
          // sql-vetted: OPEN_STATUSES_SQL is the fixed list of status codes from #shared/status.ts
          `SELECT c.id, c.tracking_id, c.judul, c.unit_id, c.is_anonim, c.is_rahasia, s.next_due_at, u.nama AS unit_nama
           FROM complaint c JOIN complaint_sla s ON s.complaint_id = c.id JOIN unit u ON u.id = c.unit_id
           WHERE c.kabupaten_kode = ? AND c.status IN ${OPEN_STATUSES_SQL} AND s.next_due_at < ?`,
        )
        .all(kab, now) as { id: number; tracking_id: string; judul: string; unit_id: number; is_anonim: number; is_rahasia: number; next_due_at: number; unit_nama: string }[]
      const reporters = reportersOf(
        db,
        overdue.map((c) => c.id),
      )
      for (const c of overdue) {
        const late = workingDaysBetween(cal, c.next_due_at, now)
        if (late < escalateAfterHk) continue
        const opd = top.get(c.unit_id) ?? c.unit_id
        const list = heads.all(opd) as Recipient[]
        if (list.length === 0) continue
        const judul = redactText(c.judul, complaintPrivacy(LIAISON_MAIL_VIEW, c), reporters.get(c.id)) ?? '[laporan rahasia: buka di aplikasi]'
        const subject = `[tanggap] Eskalasi: laporan ${c.tracking_id} terlambat ${late} hari kerja (${c.unit_nama})`
        const text = [
          `Laporan ${c.tracking_id} "${judul}" yang dipegang ${c.unit_nama} sudah melewati tenggat ${localDate(cal, c.next_due_at)}: terlambat ${late} hari kerja.`,
          '',
          `Pesan ini dikirim sekali kepada kepala unit karena keterlambatan mencapai ${escalateAfterHk} hari kerja. Mohon pastikan tindak lanjut segera ditulis di tanggap.`,
          'Identitas pelapor tidak pernah disertakan.',
        ].join('\n')
        for (const to of list) {
          if (insertReminder(db, { kind: 'eskalasi', day: localDate(cal, now), kab, unitId: opd, complaintId: c.id, to, subject, body: text, ids: [c.id] }, now)) added++
        }
      }
    }
  }).immediate()
  return added
}

export type DeliverResult = { sent: number; failed: number; retrying: number }

/** Sends the reminders that are due, one by one; a failure is retried with backoff, then recorded as failed. */
export async function deliverDue(db: Db, mailer: Mailer, now = Date.now()): Promise<DeliverResult> {
  const out: DeliverResult = { sent: 0, failed: 0, retrying: 0 }
  const due = db
    .prepare("SELECT id, recipient, subject, body, attempts FROM reminder WHERE state = 'menunggu' AND next_attempt_at <= ? ORDER BY id")
    .all(now) as { id: number; recipient: string; subject: string; body: string; attempts: number }[]
  const lease = db.prepare("UPDATE reminder SET next_attempt_at = ? WHERE id = ? AND state = 'menunggu' AND next_attempt_at <= ?")
  for (const r of due) {
    if (lease.run(now + LEASE_MS, r.id, now).changes !== 1) continue // another pass took it
    try {
      await mailer.send({ to: r.recipient, subject: r.subject, text: r.body })
      db.prepare("UPDATE reminder SET state = 'terkirim', attempts = attempts + 1, sent_at = ?, next_attempt_at = NULL, last_error = NULL WHERE id = ?").run(Date.now(), r.id)
      out.sent++
    } catch (err) {
      const attempts = r.attempts + 1
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 500)
      const final = attempts >= MAX_ATTEMPTS
      db.prepare('UPDATE reminder SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?').run(
        final ? 'gagal' : 'menunggu',
        attempts,
        final ? null : now + backoffMs(attempts),
        error,
        r.id,
      )
      if (final) out.failed++
      else out.retrying++
    }
  }
  return out
}

export type RunResult = { planned: number; escalations: number } & DeliverResult

/** One pass: plan and send. Nothing happens while reminders are off or no SMTP server is set. */
export async function runReminders(db: Db, opts: { now?: number; mailer?: Mailer } = {}): Promise<RunResult | null> {
  const now = opts.now ?? Date.now()
  if (!reminderSettings(db).enabled || !smtpConfigured(db)) return null
  const planned = planDigests(db, now)
  const escalations = planEscalations(db, now)
  const mailer = opts.mailer ?? createMailer(db)
  try {
    return { planned, escalations, ...(await deliverDue(db, mailer, now)) }
  } finally {
    if (!opts.mailer) mailer.close()
  }
}

/** An admin's "Kirim sekarang": the pass at once, audited. */
export async function sendNow(db: Db, user: SessionUser, now = Date.now()): Promise<RunResult> {
  if (!smtpConfigured(db)) {
    throw new DomainError('PRECONDITION', 'Server SMTP belum diatur: isi host dan alamat pengirim di Pengaturan → Pengingat')
  }
  // Due now whatever the hour: the admin asked for it; the digest hour applies to the schedule only.
  db.prepare("UPDATE reminder SET next_attempt_at = ? WHERE state = 'menunggu'").run(now)
  const result = (await runReminders(db, { now })) ?? { planned: 0, escalations: 0, sent: 0, failed: 0, retrying: 0 }
  appendAudit(db, user, { action: 'reminders.send_now', entity: 'reminder', after: result }, now)
  return result
}

export type ReminderLogRow = {
  id: number
  pada: number
  unit: string
  penerima: string
  jenis: 'digest' | 'eskalasi'
  status: 'menunggu' | 'terkirim' | 'gagal'
  percobaan: number
  galat: string | null
  berikutnya: number | null
  subjek: string
}

export function reminderLog(db: Db, q: { cursor?: number; limit?: number; kabupaten?: readonly string[] | null }): { rows: ReminderLogRow[]; nextCursor: number | null } {
  const limit = q.limit ?? 100
  const rows = db
    .prepare(
      `SELECT r.id, r.created_at AS pada, u.nama AS unit, coalesce(a.nama, '') || CASE WHEN r.recipient <> '' THEN ' <' || r.recipient || '>' ELSE '' END AS penerima,
              r.kind AS jenis, r.state AS status, r.attempts AS percobaan, r.last_error AS galat, r.next_attempt_at AS berikutnya, r.subject AS subjek
       FROM reminder r JOIN unit u ON u.id = r.unit_id LEFT JOIN app_user a ON a.id = r.user_id
       WHERE r.id < ? AND (? IS NULL OR r.kabupaten_kode IN (SELECT value FROM json_each(?))) ORDER BY r.id DESC LIMIT ?`,
    )
    .all(q.cursor ?? Number.MAX_SAFE_INTEGER, q.kabupaten ? 1 : null, JSON.stringify(q.kabupaten ?? []), limit + 1) as ReminderLogRow[]
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  return { rows: page, nextCursor: more ? page[page.length - 1].id : null }
}
