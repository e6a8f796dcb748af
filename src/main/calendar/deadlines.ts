// The four LAPOR! deadlines of one complaint (domain.md, "Deadlines"), as a pure function of its timestamps, its
// kabupaten's calendar and rules, and "now". The KPI layer stores the result in columns and recomputes it when
// the calendar revision changes (calendar_revision in 0002_calendar.sql).
import type { Status } from '#shared/domain.ts'
import {
  calendarDaysBetween,
  dueAfterCalendarDays,
  dueAt,
  workingDaysBetween,
  type Calendar,
} from './calendar.ts'

export type DeadlineRules = {
  /** Verify and forward: ≤ N hari kerja after submission (LAPOR!: 3). */
  verificationDays: number
  /** First tindak lanjut by the OPD: ≤ N hari kerja after the disposition it received (LAPOR!: 5). */
  firstResponseDays: number
  /** LAPOR! closes a report as Selesai N hari kerja after a TL with no reply (10). */
  autoCloseDays: number
  /** Completion cap from submission (Perpres 76/2013: 60), in the unit below. */
  completionCapDays: number
  /**
   * The unit of the cap: 'hari_kalender' (the Perpres reading, the default) or 'hari_kerja' (a Pemda that counts
   * its cap in working days). Stored with the rules; Pengaturan shows which is in force.
   */
  completionCapUnit: CapUnit
  /** Cuti bersama is not a working day (UNCONFIRMED upstream, default true). */
  skipCutiBersama: boolean
}

export const CAP_UNITS = ['hari_kalender', 'hari_kerja'] as const
export type CapUnit = (typeof CAP_UNITS)[number]

/** The same values as the column defaults of deadline_rule (a test checks that they agree). */
export const DEFAULT_DEADLINE_RULES: Readonly<DeadlineRules> = Object.freeze({
  verificationDays: 3,
  firstResponseDays: 5,
  autoCloseDays: 10,
  completionCapDays: 60,
  completionCapUnit: 'hari_kalender',
  skipCutiBersama: true,
})

/** A complaint's timestamps (ms UTC) as held in the complaint row, plus two from its history. */
export type ComplaintTimes = {
  submitted_at: number
  verified_at: number | null
  dispositioned_at: number | null // first disposition
  first_response_at: number | null // first tindak lanjut
  closed_at: number | null
  status: Status
  /** Latest tindak lanjut; when absent the first response stands in for it. */
  last_tl_at?: number | null
  /** Latest reply by the pelapor; a reply after the latest TL stops the auto-close clock. */
  last_pelapor_reply_at?: number | null
  /**
   * From the history (kpi/history.ts): the disposition by which the OPD holding the complaint now received it.
   * Absent or null: the first disposition stands in for it.
   */
  opd_received_at?: number | null
  /** The first TL at or after opd_received_at; absent (undefined): first_response_at stands in for it. */
  opd_first_response_at?: number | null
  /** Periods in Tunda that began before verification, in order (rule TUNDA_IS_THE_REPORTERS_TIME). */
  tunda?: TundaSpan[]
}

/** A period in Tunda: from `at` to `until` (null: still in Tunda); resumed: it went back to Belum Terverifikasi. */
export type TundaSpan = { at: number; until: number | null; resumed: boolean }

/**
 * - not_applicable: the clock never started (no disposition yet, no TL yet, a reply after the last TL), or the
 *   complaint left the flow (closed, deleted) before this step was due and without it;
 * - pending: not done, due later than now; overdue: not done and now is past due;
 * - met / missed: done on or before / after due; missed also when the complaint was closed without the step
 *   after the deadline had already passed;
 * - paused: not done while the report is in Tunda (back with the pelapor for 5W1H), so it is not the Pemda's
 *   delay. Verification is judged from the moment of Tunda when the history gives it (TUNDA_IS_THE_REPORTERS_TIME);
 *   a complaint put in Tunda after verification pauses its first tindak lanjut.
 */
export type DeadlineState = 'not_applicable' | 'pending' | 'overdue' | 'met' | 'missed' | 'paused'

export type DeadlineOutcome = {
  startAt: number | null // when the clock started
  dueAt: number | null // last ms that is on time (local 23:59:59.999), see calendar.ts dueAt
  doneAt: number | null // the moment the step was done
  state: DeadlineState
  workingDays: number | null // hari kerja taken, see workingDaysBetween; null if not done
}

export type ComplaintDeadlines = {
  verification: DeadlineOutcome
  firstResponse: DeadlineOutcome
  /** met: closed by the auto-close day; overdue: still open after it (should have been closed as Selesai). */
  autoClose: DeadlineOutcome
  completion: DeadlineOutcome & { calendarDays: number | null }
}

const CLOSED: ReadonlySet<Status> = new Set(['selesai', 'bukan_wewenang', 'arsip', 'dihapus'])

export function computeDeadlines(c: ComplaintTimes, cal: Calendar, rules: DeadlineRules, nowMs: number): ComplaintDeadlines {
  const verification = verificationOutcome(c, cal, rules, nowMs)

  const firstResponse = responseOutcome(c, cal, rules, nowMs)

  // The auto-close clock runs from the latest TL, and only while the pelapor has not answered it.
  const tl = c.last_tl_at ?? c.first_response_at
  const reply = c.last_pelapor_reply_at ?? null
  const autoClose =
    tl !== null && (reply === null || reply < tl)
      ? judge(c, cal, nowMs, tl, dueAt(cal, tl, rules.autoCloseDays), c.closed_at !== null && c.closed_at >= tl ? c.closed_at : null)
      : NOT_APPLICABLE

  // Rule COMPLETION_CAP_UNIT: "60 hari (Perpres 76/2013)" read as hari kalender from submission unless the rules
  // say hari kerja.
  const capDue =
    rules.completionCapUnit === 'hari_kerja'
      ? dueAt(cal, c.submitted_at, rules.completionCapDays)
      : dueAfterCalendarDays(cal, c.submitted_at, rules.completionCapDays)
  const completion = judge(c, cal, nowMs, c.submitted_at, capDue, c.closed_at) as
    ComplaintDeadlines['completion']
  completion.calendarDays = c.closed_at === null ? null : calendarDaysBetween(cal, c.submitted_at, c.closed_at)

  return { verification, firstResponse, autoClose, completion }
}

/**
 * Rule TUNDA_IS_THE_REPORTERS_TIME (docs/kpi-rules.md): "Waktu selama Tunda adalah waktu pelapor, bukan waktu
 * admin: verifikasi terpenuhi bila laporan ditunda dalam 3 hari kerja; bila pelapor melengkapinya dan laporan kembali
 * ke Belum Terverifikasi, jam verifikasi berhenti selama Tunda lalu berjalan lagi." Sources (domain.md): "verify
 * and forward: ≤ 3 hari kerja after submission" and "Tunda (too vague, lacking 5W1H; back to the reporter)".
 * Sending a report back to the pelapor is the admin's decision on it, and the time in Tunda is the pelapor's:
 * - put in Tunda within the verification days: verification met (at the moment of Tunda); after them: missed;
 * - if the pelapor completes it and it returns to Belum Terverifikasi, the clock resumes: the hari kerja spent in
 *   Tunda are added to the deadline, and the later verification is judged against it (and its hari kerja are
 *   counted without them).
 * Any other admin decision ends the clock as before: verifikasi, a disposition (imports may lack verified_at), or
 * closing it (Arsip, Bukan Wewenang goes back up to the national admin).
 */
function verificationOutcome(c: ComplaintTimes, cal: Calendar, rules: DeadlineRules, nowMs: number): DeadlineOutcome {
  const decidedAt = earliest(earliest(c.verified_at, c.dispositioned_at), c.closed_at)
  let due = dueAt(cal, c.submitted_at, rules.verificationDays)
  let paused = 0
  for (const t of c.tunda ?? []) {
    if (decidedAt !== null && t.at >= decidedAt) break // a Tunda after the verification is not this clock's
    if (!t.resumed || t.until === null || t.at > due) {
      const o = judge(c, cal, nowMs, c.submitted_at, due, t.at)
      return { ...o, workingDays: Math.max(0, o.workingDays! - paused) }
    }
    paused += workingDaysBetween(cal, t.at, t.until)
    due = dueAt(cal, c.submitted_at, rules.verificationDays + paused)
  }
  const o = judge(c, cal, nowMs, c.submitted_at, due, decidedAt)
  return o.workingDays === null || paused === 0 ? o : { ...o, workingDays: Math.max(0, o.workingDays - paused) }
}

/**
 * Rule RESPONSE_FROM_RECEIVED_DISPOSITION (docs/kpi-rules.md): "tindak lanjut pertama ≤ 5 hari kerja setelah
 * disposisi" (domain.md, Deadlines) is owed by the OPD the disposition went to. Each OPD is judged from the
 * disposition it received: the clock of the OPD holding the complaint starts at the last disposition to it
 * from another OPD (a forward to its own bidang does not restart it). The days lost at a wrongly chosen OPD are
 * the misroute's (kpi: misroute_hk, charged per OPD that held it wrongly), not the answering OPD's.
 */
function responseOutcome(c: ComplaintTimes, cal: Calendar, rules: DeadlineRules, nowMs: number): DeadlineOutcome {
  const start = c.opd_received_at ?? c.dispositioned_at
  if (start === null) return NOT_APPLICABLE
  const done = c.opd_first_response_at === undefined ? c.first_response_at : c.opd_first_response_at
  return judge(c, cal, nowMs, start, dueAt(cal, start, rules.firstResponseDays), done)
}

// Shared and frozen: a rule whose clock never started costs no allocation (outcomes are read-only).
const NOT_APPLICABLE: DeadlineOutcome = Object.freeze({ startAt: null, dueAt: null, doneAt: null, state: 'not_applicable', workingDays: null })

// A plain function rather than a closure per call: this runs for every complaint when a calendar changes.
function judge(c: ComplaintTimes, cal: Calendar, nowMs: number, startAt: number, due: number, doneAt: number | null): DeadlineOutcome {
  if (doneAt !== null) {
    return { startAt, dueAt: due, doneAt, state: doneAt <= due ? 'met' : 'missed', workingDays: workingDaysBetween(cal, startAt, doneAt) }
  }
  let state: DeadlineState
  if (c.closed_at !== null || CLOSED.has(c.status)) state = c.closed_at !== null && c.closed_at > due ? 'missed' : 'not_applicable'
  else if (c.status === 'tunda') state = 'paused'
  else state = nowMs <= due ? 'pending' : 'overdue'
  return { startAt, dueAt: due, doneAt: null, state, workingDays: null }
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null || a <= b ? a : b
}
