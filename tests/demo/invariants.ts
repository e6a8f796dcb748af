// Measures what an official reading the demo noticed (see src/main/dev/demo/README.md): histories out of workflow
// order, replies dated before their complaint, 'proses' complaints past the 10-hari-kerja automatic close, years-old
// overdue cases, texts mixing scenarios, replies answering another scenario, and routes no Pemkab would take.
// Works on any demo store: the scenario of a complaint is the one recorded by the generator when given, otherwise
// the one whose main sentence its text contains.
import type { Db } from '#main/store/open.ts'
import { DAY, WorkCalendar, loadHolidayDays } from '#main/dev/demo/calendar.ts'
import { Routing, type Route } from '#main/dev/demo/routing.ts'
import { TOPIC_TEXTS } from '#main/dev/demo/topic-texts.ts'
import { compile } from '#main/dev/demo/texts.ts'
import { ASPIRASI_TL_TEXTS, BOILERPLATE_TEXTS, FOLLOW_UP_TEXTS, TANYA_TL_TEXTS } from '#main/dev/demo/replies.ts'

export type Recorded = Map<string, { topic: string; scenario: string | null }>

export type Figures = {
  complaints: number
  /** Complaints with an event before submission, or a status/disposition/answer out of workflow order. */
  outOfOrder: number
  /** Tindak lanjut whose text names a date before the complaint or an earlier tindak lanjut, or after the reply itself. */
  repliesMisdated: number
  proses: number
  /** 'proses' complaints whose last tindak lanjut or reply is more than 10 hari kerja before `until`. */
  staleProses: number
  /** Open complaints past the 60-day completion cap: the oldest and the 90th percentile, in days past the cap. */
  overdueOpen: number
  oldestOverdueDays: number
  p90OverdueDays: number
  /** Complaints told from one scenario whose text could be matched to it (the rest carry a typo in its sentence). */
  scenarioKnown: number
  /** Title, text or request that belongs to another scenario of the topic. */
  textForeign: number
  /** Substantive answers that are not one of the scenario's (or, for questions and suggestions, a general one). */
  replyForeign: number
  dispositioned: number
  /** Share of dispositioned complaints whose holder is an OPD (or kecamatan / desa) the scenario goes to. */
  ownOpdShare: number
  /** Share of dispositioned complaints first sent to another OPD than the one holding it now. */
  misrouteShare: number
  /** Of those, the share whose first OPD is one of the scenario's plausible confusions. */
  plausibleMisrouteShare: number
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A template as a pattern over any of its three writing variants: slots match anything, spacing and full stops are loose. */
function patterns(text: string): RegExp[] {
  return compile(text).map((parts) => {
    let src = ''
    for (const p of parts) src += typeof p === 'number' ? '.*?' : esc(p).replace(/\\\./g, '\\.?').replace(/\s+/g, '\\s*')
    return new RegExp(src, 'i')
  })
}
const matches = (list: RegExp[], s: string) => list.some((re) => re.test(s))

type ScenarioRx = { id: string; title: RegExp[]; main: RegExp[]; minta: RegExp[]; detail: RegExp[]; replies: RegExp[] }
const BANK = new Map<string, ScenarioRx[]>(
  Object.entries(TOPIC_TEXTS).map(([key, t]) => [key, t.scenarios.map((sc) => {
    const bar = sc.masalah.indexOf('|')
    return { id: sc.id, title: patterns(sc.masalah.slice(0, bar)), main: patterns(sc.masalah.slice(bar + 1)),
      minta: (sc.minta ?? []).flatMap(patterns), detail: (sc.detail ?? []).flatMap(patterns), replies: [...sc.tl, ...(sc.tuntas ?? [])].flatMap(patterns) }
  })]),
)
const GENERAL_ANSWERS = [...ASPIRASI_TL_TEXTS, ...TANYA_TL_TEXTS].flatMap(patterns)
const FOLLOW_UPS = FOLLOW_UP_TEXTS.flatMap(patterns)
const BOILERPLATE = new Set(BOILERPLATE_TEXTS)
const MONTHS = ['januari', 'februari', 'maret', 'april', 'mei', 'juni', 'juli', 'agustus', 'september', 'oktober', 'november', 'desember']
const DATE_RE = /(\d{1,2}) (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) (\d{4})/g

// Which status may follow which (LAPOR!: submitted → verified → disposed → responded → closed, with tunda aside).
const NEXT: Record<string, string[]> = {
  belum_terverifikasi: ['belum_ditindaklanjuti', 'tunda', 'bukan_wewenang', 'arsip'],
  tunda: ['belum_ditindaklanjuti', 'arsip'],
  belum_ditindaklanjuti: ['proses'],
  proses: ['selesai'],
}

export function measure(db: Db, until: Date, recorded?: Recorded): Figures {
  const untilMs = until.getTime()
  const kabs = db.prepare("SELECT DISTINCT kabupaten_kode FROM complaint WHERE source = 'demo'").pluck().all() as string[]
  const f: Figures = { complaints: 0, outOfOrder: 0, repliesMisdated: 0, proses: 0, staleProses: 0, overdueOpen: 0, oldestOverdueDays: 0, p90OverdueDays: 0,
    scenarioKnown: 0, textForeign: 0, replyForeign: 0, dispositioned: 0, ownOpdShare: 0, misrouteShare: 0, plausibleMisrouteShare: 0 }
  const overdue: number[] = []
  let own = 0
  let misrouted = 0
  let plausible = 0
  for (const kab of kabs) {
    const offset = db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kab) as number
    const cal = new WorkCalendar(offset, 19000, Math.floor(untilMs / DAY) + 400, loadHolidayDays())
    const routing = new Routing(db, kab)
    const topicsByCategory = new Map<number, string[]>()
    for (const t of routing.topics) topicsByCategory.set(t.categoryId, [...(topicsByCategory.get(t.categoryId) ?? []), t.key])
    const events = db.prepare('SELECT kind, at, to_status, to_unit_id, body FROM complaint_event WHERE complaint_id = ? ORDER BY at, id')
    const rows = db.prepare(`SELECT id, tracking_id, judul, isi, klasifikasi, category_id, status, submitted_at, unit_id, first_unit_id, last_tl_at, last_reply_at
      FROM complaint WHERE kabupaten_kode = ? AND source = 'demo'`).all(kab) as Record<string, any>[]
    const opdOf = (unitId: number) => {
      const u = routing.units.get(unitId)!
      return u.kind === 'kecamatan' ? -1 : u.kind === 'desa' ? -2 : u.opdId
    }
    for (const c of rows) {
      f.complaints++
      const evs = events.all(c.id) as { kind: string; at: number; to_status: string | null; to_unit_id: number | null; body: string | null }[]

      // Workflow order.
      let status = 'belum_terverifikasi'
      let disposed = false
      let answered = false
      let closed = false
      let bad = evs[0]?.kind !== 'submitted' || evs[0].at !== c.submitted_at
      for (const e of evs.slice(1)) {
        if (e.at < c.submitted_at || closed) bad = true
        if (e.kind === 'disposition' && status !== 'belum_ditindaklanjuti') bad = true
        if (e.kind === 'disposition') disposed = true
        if (e.kind === 'tindak_lanjut' && (!disposed || (e.to_status == null && !answered))) bad = true
        if (e.kind === 'tindak_lanjut') answered = true
        if (e.to_status) {
          if (!(NEXT[status] ?? []).includes(e.to_status)) bad = true
          if (e.to_status === 'proses' && !disposed) bad = true
          status = e.to_status
          if (['selesai', 'arsip', 'bukan_wewenang'].includes(status)) closed = true
        }
      }
      if (bad) f.outOfOrder++

      // Dates named in replies: not before the complaint (nor before an earlier tindak lanjut), not after the reply.
      let floorDay = cal.dayOf(c.submitted_at)
      for (const e of evs) {
        if (e.kind !== 'tindak_lanjut' || !e.body) continue
        for (const m of e.body.matchAll(DATE_RE)) {
          const day = Math.floor(Date.UTC(Number(m[3]), MONTHS.indexOf(m[2].toLowerCase()), Number(m[1])) / DAY)
          if (day < floorDay || day > cal.dayOf(e.at)) {
            f.repliesMisdated++
            break
          }
        }
        floorDay = cal.dayOf(e.at)
      }

      // 'proses' past its automatic close, and the overdue tail of open complaints.
      if (c.status === 'proses') {
        f.proses++
        const lastMove = Math.max(c.last_tl_at ?? 0, c.last_reply_at ?? 0)
        if (cal.at(cal.nthWorkday(cal.dayOf(lastMove), 10), cal.minuteOfDay(lastMove)) < untilMs) f.staleProses++
      }
      if (['belum_terverifikasi', 'belum_ditindaklanjuti', 'proses'].includes(c.status)) {
        const past = (untilMs - c.submitted_at) / DAY - 60
        if (past > 0) overdue.push(past)
      }

      // Scenario: recorded, or found from the text.
      const rec = recorded?.get(c.tracking_id)
      const topics = rec ? [rec.topic] : topicsByCategory.get(c.category_id) ?? []
      const told = c.klasifikasi === 'pengaduan' || c.klasifikasi === 'whistle_blowing'
      let topic: string | null = rec?.topic ?? null
      let sc: ScenarioRx | null = null
      if (told) {
        for (const key of topics) {
          for (const s of BANK.get(key) ?? []) {
            if (rec ? s.id === rec.scenario : matches(s.main, c.isi)) {
              topic = key
              sc = s
            }
          }
        }
      } else if (!topic && topics.length === 1) topic = topics[0]
      if (told && sc && topic) {
        if (!rec || matches(sc.main, c.isi)) f.scenarioKnown++
        const others = (BANK.get(topic) ?? []).filter((s) => s.id !== sc!.id)
        const foreignIn = (text: string, pick: (s: ScenarioRx) => RegExp[], mine: RegExp[]) =>
          others.some((s) => pick(s).some((re) => re.test(text) && !mine.some((m) => m.source === re.source)))
        if (foreignIn(c.judul, (s) => s.title, sc.title) || foreignIn(c.isi, (s) => [...s.main, ...s.minta, ...s.detail], [...sc.main, ...sc.minta, ...sc.detail])) f.textForeign++
      }
      for (const e of evs) {
        if (e.kind !== 'tindak_lanjut' || !e.body || BOILERPLATE.has(e.body) || matches(FOLLOW_UPS, e.body)) continue
        if (told ? sc && !matches(sc.replies, e.body) : !matches(GENERAL_ANSWERS, e.body)) {
          f.replyForeign++
          break
        }
      }

      // Routing.
      if (c.unit_id != null && c.first_unit_id != null && topic) {
        const t = routing.topic(topic)
        if (!t) continue
        const index = sc ? (BANK.get(topic) ?? []).indexOf(sc) : -1
        const route: Route = index >= 0 ? t.scenarios[index] : t
        f.dispositioned++
        if (route.own.has(opdOf(c.unit_id))) own++
        if (opdOf(c.first_unit_id) !== opdOf(c.unit_id)) {
          misrouted++
          if (route.wrong.some((id) => opdOf(id) === opdOf(c.first_unit_id))) plausible++
        }
      }
    }
  }
  overdue.sort((a, b) => a - b)
  f.overdueOpen = overdue.length
  f.oldestOverdueDays = Math.round(overdue.at(-1) ?? 0)
  f.p90OverdueDays = Math.round(overdue[Math.floor(0.9 * (overdue.length - 1))] ?? 0)
  f.ownOpdShare = round(own / Math.max(1, f.dispositioned))
  f.misrouteShare = round(misrouted / Math.max(1, f.dispositioned))
  f.plausibleMisrouteShare = round(plausible / Math.max(1, misrouted))
  return f
}

const round = (x: number) => Math.round(x * 1000) / 1000
