// The life of one complaint in working days: submitted → verified (or tunda / bukan wewenang / arsip) →
// disposition (sometimes to the wrong OPD first, then re-dispositioned) → tindak lanjut → selesai. Delays are drawn
// so that deadlines are both met and missed (≈70% verified within 3 hari kerja, ≈60% first answer within 5 hari
// kerja, slow OPD much slower), and the story stops at `until`, so recent complaints are naturally still open.
// Every story ends, as LAPOR!'s do: a late answer comes weeks late, not never; a tindak lanjut the reporter does not
// answer closes as Selesai within 10 hari kerja (by the admin or automatically); an unsatisfied reply gets a new
// tindak lanjut or the admin's close. So the open complaints at `until` are the recent ones plus a short tail.
import type { Status } from '#shared/domain.ts'
import { STATUS_LABEL } from '#shared/status.ts'
import { HOUR, MINUTE, WorkCalendar } from './calendar.ts'
import { Rng } from './random.ts'
import type { Route, Routing, Topic, UnitInfo } from './routing.ts'
import { TextContext } from './texts.ts'
import * as R from './replies.ts'

export type EventRow = {
  kind: 'submitted' | 'status' | 'disposition' | 'tindak_lanjut' | 'pelapor_reply' | 'note'
  at: number
  actor: string
  from: Status | null
  to: Status | null
  fromUnit: number | null
  toUnit: number | null
  reason: string | null
  body: string | null
}

/** The complaint columns that follow from its history. */
export type LifeState = {
  status: Status
  verifiedAt: number | null
  dispositionedAt: number | null
  firstResponseAt: number | null
  closedAt: number | null
  dispositionCount: number
  unitId: number | null
  updatedAt: number
  // Kept on the row for the deadline computation (migration 0003), so it never has to read the history.
  lastTlAt: number | null
  lastReplyAt: number | null
  firstUnitId: number | null
}

/** LAPOR! stores its own name of the status as status_raw. */
export const STATUS_RAW = STATUS_LABEL

const CLOSED: ReadonlySet<Status> = new Set(['selesai', 'arsip', 'bukan_wewenang'])
const SYSTEM = 'Sistem LAPOR!'

export type LifeInput = {
  submittedAt: number
  topic: Topic
  /** The scenario's index in the topic's phrase bank, or -1 for a suggestion or a question. */
  scenario: number
  klasifikasi: string
  /** Where the scenario goes, and where it is plausibly misrouted to. */
  route: Route
  right: UnitInfo
  /** Fraction of the three-year span at submission (0 = start): admins get a little quicker over time. */
  t: number
  /** Complaints without location or with a one-line text are more often sent back (tunda). */
  vague: boolean
  /** The report names a kecamatan (a tunda then asks for something else than the place). */
  hasPlace: boolean
  trackingId: number
}

export class Lifecycle {
  readonly events: EventRow[] = []
  readonly state: LifeState = blankState()
  private stopped = false
  private input!: LifeInput

  constructor(
    private readonly rng: Rng,
    private readonly cal: WorkCalendar,
    private readonly routing: Routing,
    private readonly ctx: TextContext,
    private readonly until: number,
  ) {}

  run(input: LifeInput): void {
    this.input = input
    this.events.length = 0
    Object.assign(this.state, blankState())
    this.stopped = false
    const { rng } = this
    const admin = this.routing.admin
    this.add('submitted', input.submittedAt, 'Pelapor', { to: 'belum_terverifikasi' })

    const r = rng.next()
    const tunda = input.vague ? 0.2 : 0.07
    const bw = 0.5 * (input.topic.spec.bukanWewenang ?? 0.01)
    const screenedAt = this.afterWorkdays(input.submittedAt, this.verifyDelay())
    if (r < tunda) return this.tunda(screenedAt)
    if (r < tunda + bw) {
      this.add('status', screenedAt, admin, { from: 'belum_terverifikasi', to: 'bukan_wewenang', reason: R.bukanWewenangReason(this.ctx, input.topic.key) })
      return
    }
    if (r < tunda + bw + 0.009) {
      this.add('status', screenedAt, admin, { from: 'belum_terverifikasi', to: 'arsip', reason: R.arsipReason(rng, false, input.trackingId) })
      return
    }
    this.verifyAndHandle(screenedAt, 'belum_terverifikasi')
  }

  private tunda(at: number): void {
    const { rng } = this
    const admin = this.routing.admin
    if (!this.add('status', at, admin, { from: 'belum_terverifikasi', to: 'tunda', reason: R.tundaReason(rng, this.input.hasPlace) })) return
    const r = rng.next()
    if (r < 0.2) {
      // The reporter completes the report; the admin picks it up again.
      const replyAt = at + rng.range(2, 240) * HOUR
      if (!this.add('pelapor_reply', replyAt, 'Pelapor', { body: R.detailReply(this.ctx) })) return
      this.verifyAndHandle(this.afterWorkdays(replyAt, rng.range(0, 4)), 'tunda')
    } else if (r < 0.35) {
      this.add('status', this.afterWorkdays(at, rng.range(15, 30)), admin, { from: 'tunda', to: 'arsip', reason: R.arsipReason(rng, true, this.input.trackingId) })
    }
  }

  private verifyAndHandle(at: number, from: Status): void {
    const { rng, routing } = this
    const admin = routing.admin
    const right = this.input.right
    if (!this.add('status', at, admin, { from, to: 'belum_ditindaklanjuti' })) return
    // Most are disposed within the hour; a third wait for the admin's next round (the "disposisi" queue).
    let dispAt = rng.chance(0.65) ? at + rng.range(3, 90) * MINUTE : this.afterWorkdays(at, rng.range(1, 4))
    let holder: UnitInfo

    const wrongId = rng.chance(0.08) ? routing.pickWrong(rng, this.input.route, right.id) : null
    if (wrongId != null) {
      // Misroute: the wrong unit says so, the admin re-dispositions; a few bounce twice.
      let wrong = routing.units.get(wrongId)!
      let last: UnitInfo | null = null
      for (let hop = 0; hop < 2; hop++) {
        if (!this.add('disposition', dispAt, admin, { fromUnit: last?.id ?? null, toUnit: wrong.id, body: R.dispositionBody(rng),
          reason: last ? R.redispositionReason(rng, last.short, wrong.short) : null })) return
        // Half the wrong units say so within days; the others sit on it until a reminder (the misrouted queue's cases).
        const noteAt = this.afterWorkdays(dispAt, rng.chance(0.5) ? Math.min(20, Math.floor(rng.exp(2 * wrong.speed))) : rng.range(6, 20))
        if (!this.add('note', noteAt, wrong.actor, { body: R.wrongUnitNote(rng, right.short) })) return
        dispAt = this.afterWorkdays(noteAt, rng.chance(0.5) ? 0 : rng.range(1, 3))
        last = wrong
        const again = hop === 0 && rng.chance(0.1) ? routing.pickWrong(rng, this.input.route, right.id) : null
        if (again == null || again === wrong.id) break
        wrong = routing.units.get(again)!
      }
      if (!this.add('disposition', dispAt, admin, { fromUnit: last!.id, toUnit: right.id, reason: R.redispositionReason(rng, last!.short, right.short) })) return
      holder = right
    } else {
      const parent = routing.units.get(right.opdId)!
      if (right.kind === 'bidang' && rng.chance(0.05)) {
        // Sent to the OPD, whose admin passes it on to the bidang.
        if (!this.add('disposition', dispAt, admin, { toUnit: parent.id, body: R.dispositionBody(rng) })) return
        dispAt = this.afterWorkdays(dispAt, rng.range(0, 2))
        if (!this.add('disposition', dispAt, parent.actor, { fromUnit: parent.id, toUnit: right.id, reason: R.internalForward(right.actor) })) return
      } else if (!this.add('disposition', dispAt, admin, { toUnit: right.id, body: R.dispositionBody(rng) })) return
      holder = right
    }
    this.answer(holder, this.state.dispositionedAt!)
  }

  private answer(unit: UnitInfo, firstDisposition: number): void {
    const { rng, cal } = this
    const admin = this.routing.admin
    const { topic: { key: topic }, scenario, klasifikasi } = this.input
    // A reply reports what the unit did on some day since the complaint reached it, or since the last step of its
    // history (a tindak lanjut, the reporter's reply), never before.
    const visit = (at: number, k: number) => Math.max(this.workdayBefore(at, k), cal.at(cal.dayOf(this.last()), 0))
    let k: number
    if (rng.chance(0.04 * Math.pow(unit.speed, 1.5))) {
      // Answered very late: reminders first, then an answer weeks (a few: months) after the 5-hari-kerja deadline.
      k = rng.chance(0.3) ? rng.range(45, 90) : rng.range(15, 45)
      if (rng.chance(0.8) && !this.add('note', this.afterWorkdays(firstDisposition, rng.range(6, 12)), admin, { body: R.reminderNote(rng) })) return
    } else k = Math.min(40, Math.floor(rng.exp(5.5 * unit.speed)))
    let at = this.afterWorkdays(Math.max(firstDisposition, this.last()), k)
    const remindAt = this.afterWorkdays(firstDisposition, 6)
    if (remindAt > this.last() && remindAt < at && rng.chance(0.5)) {
      if (!this.add('note', remindAt, admin, { body: R.reminderNote(rng) })) return
    }
    const boiler = rng.chance(Math.min(0.45, 0.12 * unit.speed + 0.05))
    this.ctx.date = visit(at, rng.range(0, 3))
    this.ctx.unit = unit.actor
    if (!this.add('tindak_lanjut', at, unit.actor, { from: 'belum_ditindaklanjuti', to: 'proses', body: R.tindakLanjut(this.ctx, topic, scenario, klasifikasi, boiler) })) return

    // The work reported done in a later tindak lanjut, when it is done before the automatic close (slower work is
    // reported after the close, outside LAPOR!, or not at all).
    let tuntas = false
    const workDays = 2 + Math.floor(rng.exp(3 * unit.speed))
    if (R.hasTuntas(topic, scenario) && workDays < 10 && rng.chance(boiler ? 0.7 : 0.55)) {
      at = this.afterWorkdays(at, workDays)
      this.ctx.date = visit(at, rng.range(0, 2))
      if (!this.add('tindak_lanjut', at, unit.actor, { body: R.tuntas(this.ctx, topic, scenario) })) return
      tuntas = true
    }
    let satisfied = false
    if (rng.chance(0.22)) {
      // The reporter answers the tindak lanjut within the 10 hari kerja that would otherwise close it.
      satisfied = rng.chance(tuntas ? 0.8 : boiler ? 0.25 : 0.55)
      const replyAt = at + Math.min(200, Math.floor(rng.exp(30))) * HOUR + rng.range(5, 600) * MINUTE
      if (!this.add('pelapor_reply', replyAt, 'Pelapor', { body: R.pelaporReply(this.ctx, satisfied, tuntas, klasifikasi !== 'pengaduan' && klasifikasi !== 'whistle_blowing') })) return
      if (!satisfied) {
        if (rng.chance(0.15)) {
          // The admin judges the answers sufficient and closes it.
          this.add('status', this.afterWorkdays(replyAt, rng.range(1, 9)), admin, { from: 'proses', to: 'selesai', reason: R.closeReason(rng, false) })
          return
        }
        at = this.afterWorkdays(replyAt, rng.range(1, 8))
        this.ctx.date = visit(at, rng.range(0, 2))
        if (!this.add('tindak_lanjut', at, unit.actor, { body: R.followUp(this.ctx) })) return
      }
    }
    if (satisfied || rng.chance(0.45)) {
      this.add('status', this.afterWorkdays(this.last(), rng.range(0, satisfied ? 3 : 9)), admin, { from: 'proses', to: 'selesai', reason: R.closeReason(rng, false) })
    } else {
      const d = this.cal.nthWorkday(this.cal.dayOf(at), 10)
      this.add('status', this.cal.at(d, this.cal.minuteOfDay(at)), SYSTEM, { from: 'proses', to: 'selesai', reason: R.closeReason(rng, true) })
    }
  }

  /** Working days an admin takes to screen a report: mostly 0–3, a tail up to several weeks. */
  private verifyDelay(): number {
    const { rng } = this
    if (rng.next() >= 0.38 - 0.16 * this.input.t) {
      const r = rng.next()
      return r < 0.29 ? 0 : r < 0.65 ? 1 : r < 0.86 ? 2 : 3
    }
    const r = rng.next()
    return r < 0.27 ? 4 : r < 0.48 ? 5 : r < 0.65 ? 6 : r < 0.92 ? rng.range(7, 15) : rng.range(16, 40)
  }

  /** An office-hours moment k working days after t (k = 0: later the same working day when there is time left). */
  private afterWorkdays(t: number, k: number): number {
    const { cal, rng } = this
    const day = cal.dayOf(t)
    if (k === 0 && cal.isWork(day)) {
      const m = cal.minuteOfDay(t)
      if (m < 900) return cal.at(day, Math.max(m + 10, 450) + rng.int(Math.max(1, 990 - Math.max(m + 10, 450))))
      k = 1
    }
    return cal.at(cal.nthWorkday(day, k), officeMinute(rng))
  }

  /** The working day k working days before t (the field visit a reply reports). */
  private workdayBefore(t: number, k: number): number {
    let day = this.cal.dayOf(t)
    while (k > 0 || !this.cal.isWork(day)) {
      day--
      if (this.cal.isWork(day)) k--
    }
    return this.cal.at(day, 600)
  }

  private last(): number {
    return this.events[this.events.length - 1].at
  }

  /** Appends an event unless it would lie after `until`; returns false once the story has reached `until`. */
  private add(kind: EventRow['kind'], at: number, actor: string, e: Partial<Pick<EventRow, 'from' | 'to' | 'fromUnit' | 'toUnit' | 'reason' | 'body'>>): boolean {
    if (this.stopped) return false
    const n = this.events.length
    // Events of one complaint are strictly ordered in time.
    if (n > 0 && at <= this.events[n - 1].at) at = this.events[n - 1].at + (1 + this.rng.int(20)) * MINUTE
    if (at > this.until) {
      this.stopped = true
      return false
    }
    const ev: EventRow = { kind, at, actor, from: e.from ?? null, to: e.to ?? null, fromUnit: e.fromUnit ?? null, toUnit: e.toUnit ?? null,
      reason: e.reason ?? null, body: e.body ?? null }
    this.events.push(ev)
    const s = this.state
    s.updatedAt = at
    if (ev.to) s.status = ev.to
    if (ev.to === 'belum_ditindaklanjuti' && s.verifiedAt == null) s.verifiedAt = at
    if (kind === 'disposition') {
      s.firstUnitId ??= ev.toUnit
      s.dispositionedAt ??= at
      s.dispositionCount++
      s.unitId = ev.toUnit
    }
    if (kind === 'tindak_lanjut') {
      s.firstResponseAt ??= at
      s.lastTlAt = at
    }
    if (kind === 'pelapor_reply') s.lastReplyAt = at
    if (ev.to && CLOSED.has(ev.to)) s.closedAt = at
    return true
  }
}

function blankState(): LifeState {
  return { status: 'belum_terverifikasi', verifiedAt: null, dispositionedAt: null, firstResponseAt: null, closedAt: null, dispositionCount: 0, unitId: null, updatedAt: 0,
    lastTlAt: null, lastReplyAt: null, firstUnitId: null }
}

/** Office hours 07:30–16:30 local, busiest in the morning, quiet over lunch. */
function officeMinute(rng: Rng): number {
  const r = rng.next()
  if (r < 0.58) return 450 + rng.int(270) // 07:30–12:00
  if (r < 0.64) return 720 + rng.int(60) // lunch
  return 780 + rng.int(210) // 13:00–16:30
}
