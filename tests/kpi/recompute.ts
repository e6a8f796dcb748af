// A plain recomputation of the KPIs straight from the raw complaints and their history, written without the
// aggregate tables, the period splitting or the histogram code, so that the property test can compare the two.
import type { Db } from '#main/store/open.ts'
import { computeDeadlines } from '#main/calendar/deadlines.ts'
import { loadCalendar, loadDeadlineRules } from '#main/calendar/store.ts'
import { workingDaysBetween } from '#main/calendar/calendar.ts'
import { percentile } from '#main/kpi/percentile.ts'
import { ageBucket } from '#main/kpi/queries.ts'
import type { Dim } from '#main/kpi/aggregates.ts'
import { previousPeriod } from '#main/kpi/period.ts'
import type { Period } from '#shared/domain.ts'

type Raw = Record<string, any>

export function plainKpis(db: Db, kabupaten: string, dim: Dim, period: Period, now: number) {
  const cal = loadCalendar(db, kabupaten)
  const rules = loadDeadlineRules(db, kabupaten)
  const units = db.prepare('SELECT id, parent_id, kind FROM unit').all() as Raw[]
  const byId = new Map<number, Raw>(units.map((u) => [u.id, u]))
  const top = (id: number | null): number | null => {
    if (id === null) return null
    let u = byId.get(id)!
    while (u.parent_id !== null && byId.get(u.parent_id)!.kind !== 'pemkab') u = byId.get(u.parent_id)!
    return u.id as number
  }
  const events = db.prepare('SELECT * FROM complaint_event ORDER BY at, id').all() as Raw[]
  const byComplaint = new Map<number, Raw[]>()
  for (const e of events) (byComplaint.get(e.complaint_id) ?? byComplaint.set(e.complaint_id, []).get(e.complaint_id)!).push(e)
  const offset = cal.offsetMs
  const localDate = (ms: number) => new Date(ms + offset).toISOString().slice(0, 10)

  const all = (db.prepare("SELECT * FROM complaint WHERE kabupaten_kode = ?").all(kabupaten) as any[]).map((c) => {
    const evs = byComplaint.get(c.id) ?? []
    const tls = evs.filter((e) => e.kind === 'tindak_lanjut').map((e) => e.at)
    const replies = evs.filter((e) => e.kind === 'pelapor_reply').map((e) => e.at)
    const firstDisposition = evs.find((e) => e.kind === 'disposition')
    // Written rule RESPONSE_FROM_RECEIVED_DISPOSITION: walking back from the last disposition, the run of
    // dispositions into the OPD that holds the complaint now; its earliest is when that OPD received it.
    const holder = top(c.unit_id)
    const dispositions = evs.filter((e) => e.kind === 'disposition' && e.to_unit_id !== null)
    let received: number | null = null
    for (let i = dispositions.length - 1; i >= 0 && top(dispositions[i].to_unit_id) === holder; i--) received = dispositions[i].at
    const opdResponse = received === null ? undefined : tls.length === 0 ? undefined : (tls.find((t) => t >= received!) ?? null)
    const d = computeDeadlines(
      {
        ...c,
        last_tl_at: tls.length ? Math.max(...tls) : null,
        last_pelapor_reply_at: replies.length ? Math.max(...replies) : null,
        opd_received_at: received,
        opd_first_response_at: opdResponse,
        tunda: plainTunda(evs),
      },
      cal,
      rules,
      now,
    )
    const moved = top(firstDisposition?.to_unit_id ?? null) !== null && top(firstDisposition?.to_unit_id ?? null) !== holder
    const misrouteHk = moved && received !== null && c.dispositioned_at !== null ? workingDaysBetween(cal, c.dispositioned_at, received) : 0
    // Written rule MISROUTE_CHARGED_PER_HOLDER: each OPD that held it until it went on to another OPD, its days.
    const shares = new Map<string, number>()
    if (moved && received !== null && c.dispositioned_at !== null) {
      let [at, since] = [top(dispositions[0].to_unit_id), dispositions[0].at]
      for (const e of dispositions) {
        if (top(e.to_unit_id) === at) continue
        const k = String(at)
        shares.set(k, (shares.get(k) ?? 0) + workingDaysBetween(cal, since, e.at))
        ;[at, since] = [top(e.to_unit_id), e.at]
      }
    }
    const key: Record<Dim, string> = {
      all: '',
      opd: String(top(c.unit_id) ?? ''),
      unit: String(c.unit_id ?? ''),
      kecamatan: c.kecamatan_kode ?? '',
      desa: c.desa_kode ?? '',
      category: String(c.category_id ?? ''),
      channel: c.channel,
      klasifikasi: c.klasifikasi,
      first_opd: String(top(firstDisposition?.to_unit_id ?? null) ?? ''),
    }
    const isOpen = ['belum_terverifikasi', 'belum_ditindaklanjuti', 'proses'].includes(c.status)
    return { c, d, key: key[dim], date: localDate(c.submitted_at), isOpen, firstOpd: top(firstDisposition?.to_unit_id ?? null), misrouteHk, shares }
  })

  const inPeriod = all.filter((x) => x.date >= period.from && x.date <= period.to)
  const perHolder = dim === 'opd' || dim === 'first_opd'
  // Keys: the period's complaints, the open ones, and those of the previous period (a row compares with it, so a
  // unit with complaints only then keeps its row).
  const prev = previousPeriod(period)
  const inPrevious = all.filter((x) => x.date >= prev.from && x.date <= prev.to)
  const keys = new Set([...inPeriod.map((x) => x.key), ...all.filter((x) => x.isOpen).map((x) => x.key), ...inPrevious.map((x) => x.key)])
  if (perHolder) for (const x of [...inPeriod, ...inPrevious]) for (const [k, hk] of x.shares) if (hk > 0) keys.add(k)
  const pct = (a: number, b: number) => (b > 0 ? (100 * a) / b : null)
  const out = new Map<string, Raw>()
  for (const key of keys) {
    const xs = inPeriod.filter((x) => x.key === key)
    const n = xs.length
    const vMet = xs.filter((x) => x.d.verification.state === 'met').length
    const vMissed = xs.filter((x) => x.d.verification.state === 'missed' || (x.isOpen && x.d.verification.state === 'overdue')).length
    const rMet = xs.filter((x) => x.d.firstResponse.state === 'met').length
    const rMissed = xs.filter((x) => x.d.firstResponse.state === 'missed' || (x.isOpen && x.d.firstResponse.state === 'overdue')).length
    const responseHk = xs.map((x) => x.d.firstResponse.workingDays).filter((v): v is number => v !== null)
    const selesaiHk = xs.filter((x) => x.c.status === 'selesai' && x.c.closed_at !== null).map((x) => x.d.completion.workingDays!)
    const open = all.filter((x) => x.key === key && x.isOpen)
    const backlog: Record<string, number> = { '0-3': 0, '4-5': 0, '6-10': 0, '11-60': 0, '>60': 0 }
    for (const x of open) backlog[ageBucket(workingDaysBetween(cal, x.c.submitted_at, now))]++
    const overdueNow = open.filter((x) =>
      [x.d.verification, x.d.firstResponse, x.d.completion].some((o) => o.state === 'overdue'),
    ).length
    const count = (f: (x: (typeof xs)[number]) => boolean) => xs.filter(f).length
    out.set(key, {
      n,
      pctVerifiedOnTime: pct(vMet, vMet + vMissed),
      pctResponseOnTime: pct(rMet, rMet + rMissed),
      medianResponseHk: percentile(responseHk, 0.5),
      p90ResponseHk: percentile(responseHk, 0.9),
      medianSelesaiHk: percentile(selesaiHk, 0.5),
      p90SelesaiHk: percentile(selesaiHk, 0.9),
      selesai: count((x) => x.c.status === 'selesai'),
      pctTunda: pct(count((x) => x.c.status === 'tunda'), n),
      pctArsip: pct(count((x) => x.c.status === 'arsip'), n),
      bukanWewenang: count((x) => x.c.status === 'bukan_wewenang'),
      misrouted: count((x) => x.c.status === 'bukan_wewenang' || (x.firstOpd !== null && x.firstOpd !== top(x.c.unit_id))),
      misrouteHk: perHolder ? inPeriod.reduce((sum, x) => sum + (x.shares.get(key) ?? 0), 0) : xs.reduce((sum, x) => sum + x.misrouteHk, 0),
      shareAnonim: pct(count((x) => x.c.is_anonim === 1), n),
      shareRahasia: pct(count((x) => x.c.is_rahasia === 1), n),
      openNow: open.length,
      overdueNow,
      backlog,
    })
  }
  return out
}

/** Written rule TUNDA_IS_THE_REPORTERS_TIME: the stays in Tunda that began before the report was verified. */
export function plainTunda(evs: Raw[]): { at: number; until: number | null; resumed: boolean }[] {
  const spans: { at: number; until: number | null; resumed: boolean }[] = []
  let verified = false
  for (const e of evs) {
    if (e.kind === 'disposition') verified = true
    if (e.kind !== 'status') continue
    const inTunda = spans.length > 0 && spans[spans.length - 1].until === null
    if (inTunda && e.to_status !== 'tunda') Object.assign(spans[spans.length - 1], { until: e.at, resumed: e.to_status === 'belum_terverifikasi' })
    else if (!inTunda && !verified && e.to_status === 'tunda') spans.push({ at: e.at, until: null, resumed: false })
    if (e.to_status === 'belum_ditindaklanjuti' || e.to_status === 'proses') verified = true
  }
  return spans
}
