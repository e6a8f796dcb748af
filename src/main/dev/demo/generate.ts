// The demo dataset generator: `count` believable complaints for one kabupaten over the three years ending at
// `until`, with their reporter and history, written with prepared statements in batched transactions (a million
// in a few minutes). Deterministic for (seed, until, count, kabupaten) on an empty store; run again on the same
// store it adds `count` more, continuing the tracking IDs and drawing from a stream that depends on what is there.
import type { Db } from '#main/store/open.ts'
import { kabupatenSeed } from '#main/reference/kabupaten.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { rebuildKabupaten } from '#main/kpi/refresh.ts'
// Registers the early warning's words with every complaint refresh and rebuild (isu/terms.ts onRefresh).
import '#main/isu/terms.ts'
import { DAY, MINUTE, WorkCalendar, loadHolidayDays, weekdayOf } from './calendar.ts'
import { Rng, Weighted, hashString } from './random.ts'
import { Places, type Desa, type Kecamatan } from './places.ts'
import { Routing, type Topic } from './routing.ts'
import { TextContext, composeComplaint, pickStyle, topicTexts } from './texts.ts'
import { Lifecycle, STATUS_RAW } from './lifecycle.ts'
import { formatPhone, makeNik, makePerson } from './people.ts'

export type DemoOptions = {
  kabupaten: string // '64.08' | '21.03'
  count: number
  seed: number
  /** End of the three-year span; default now. */
  until?: Date
  /** Spike days (a flood, a blackout) as real traffic has them; off to measure the early warning's false alarms. */
  spikes?: boolean
  onProgress?: (done: number, total: number) => void
  /** Told which topic and scenario each complaint was written from (tests check texts and routes against it). */
  onComplaint?: (info: { trackingId: string; topic: string; scenario: string | null }) => void
}

export type DemoResult = { inserted: number; events: number; ms: number; aggregatesMs: number }

const BATCH = 10_000
const SPAN_DAYS = 1096

// Local hour-of-day profiles: office-hour and evening peaks on weekdays, flatter at the weekend.
const HOURS_WEEKDAY = [0.4, 0.2, 0.1, 0.1, 0.3, 0.8, 1.8, 3.5, 5.5, 6.5, 6.5, 5.5, 4, 4.5, 4.8, 4.2, 3.5, 3, 3, 4, 4.8, 4.5, 3, 1.5]
const HOURS_WEEKEND = [0.6, 0.3, 0.15, 0.1, 0.3, 0.8, 1.5, 2.5, 3.5, 4.2, 4.5, 4.3, 3.8, 3.6, 3.5, 3.4, 3.3, 3.2, 3.4, 4.2, 4.8, 4.4, 3, 1.6]

type Channel = 'web' | 'sms_1708' | 'app_android' | 'app_ios' | 'twitter' | 'integrasi_daerah' | 'whatsapp_pemda' | 'tatap_muka' | 'surat' | 'setwapres'
// Channel mix at the start and at the end of the span: apps and the Pemda's WhatsApp grow, SMS fades.
const CHANNELS_EARLY: [Channel, number][] = [['web', 46], ['app_android', 17], ['app_ios', 2], ['sms_1708', 12], ['twitter', 4], ['whatsapp_pemda', 7],
  ['tatap_muka', 3], ['surat', 2.5], ['integrasi_daerah', 7], ['setwapres', 0.5]]
const CHANNELS_LATE: [Channel, number][] = [['web', 38], ['app_android', 27], ['app_ios', 4], ['sms_1708', 4], ['twitter', 2], ['whatsapp_pemda', 11],
  ['tatap_muka', 2.5], ['surat', 1.5], ['integrasi_daerah', 8.5], ['setwapres', 0.5]]
const WALK_IN = new Set<Channel>(['tatap_muka', 'surat'])
// Share of complaints with a map point, by channel (apps send GPS; letters never do).
const POINT_SHARE: Partial<Record<Channel, number>> = { app_android: 0.6, app_ios: 0.6, web: 0.25, whatsapp_pemda: 0.3, twitter: 0.1, integrasi_daerah: 0.25 }
const PII_TOPICS = new Set(['ktp', 'kk', 'akta', 'bansos', 'bpjs'])

export function generateDemo(db: Db, opts: DemoOptions): DemoResult {
  const started = Date.now()
  const { kabupaten, count } = opts
  seedKabupaten(db, kabupaten)
  const kab = db.prepare('SELECT nama, ibukota, utc_offset_minutes FROM kabupaten WHERE kode = ?').get(kabupaten) as {
    nama: string
    ibukota: string
    utc_offset_minutes: number
  }
  const until = opts.until ? opts.until.getTime() : Date.now()
  const start = until - SPAN_DAYS * DAY
  const existing = db.prepare("SELECT count(*) FROM complaint WHERE source = 'demo' AND kabupaten_kode = ?").pluck().get(kabupaten) as number
  const maxTracking = db.prepare("SELECT max(CAST(tracking_id AS INTEGER)) FROM complaint WHERE source = 'demo'").pluck().get() as number | null
  const rng = new Rng(hashString(`${opts.seed}|${kabupaten}|${existing}`))

  const offsetMs = kab.utc_offset_minutes * MINUTE
  const cal = new WorkCalendar(kab.utc_offset_minutes, Math.floor((start + offsetMs) / DAY) - 10, Math.floor((until + offsetMs) / DAY) + 800, loadHolidayDays())
  const places = new Places(db, kabupaten, kabupatenSeed(kabupaten).capital_kecamatan)
  const routing = new Routing(db, kabupaten)
  const kabNama = kab.nama.replace(/^Kabupaten /, '')
  const ctx = new TextContext(rng, places, kabNama, kab.ibukota, offsetMs)
  const life = new Lifecycle(rng, cal, routing, ctx, until)
  const schedule = new Schedule(rng, cal, places, routing, start, until, opts.spikes ?? true)
  const times = schedule.sortedTimes(count)
  const channelsEarly = [new Weighted(CHANNELS_EARLY), new Weighted(CHANNELS_EARLY.filter(([c]) => !WALK_IN.has(c)))]
  const channelsLate = [new Weighted(CHANNELS_LATE), new Weighted(CHANNELS_LATE.filter(([c]) => !WALK_IN.has(c)))]
  const whistleTopics = routing.topics.filter((t) => t.key === 'pungli' || t.key === 'asn')

  // Tracking IDs look like LAPOR!'s: 7-digit numbers growing with time, with gaps (other Pemda's reports).
  let tracking = maxTracking != null && maxTracking > 0 ? maxTracking : 1_900_000 + (hashString(`${opts.seed}|${kabupaten}`) % 50_000)
  const gap = Math.max(1, Math.min(60, Math.floor(6_000_000 / Math.max(1, count))))

  const insComplaint = db.prepare(
    `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, category_id, status, status_raw,
       is_anonim, is_rahasia, kecamatan_kode, desa_kode, lokasi_text, lat, lon, unit_id, submitted_at, kejadian_at, verified_at,
       dispositioned_at, first_response_at, closed_at, disposition_count, updated_at, last_tl_at, last_reply_at, first_unit_id)
     VALUES (?, 'demo', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insReporter = db.prepare('INSERT INTO reporter (complaint_id, nama, nik, phone, email) VALUES (?, ?, ?, ?, ?)')
  const insEvent = db.prepare(
    `INSERT INTO complaint_event (complaint_id, kind, at, actor, from_status, to_status, from_unit_id, to_unit_id, reason, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )

  let events = 0
  const one = (i: number) => {
    const submittedAt = times[i]
    const day = cal.dayOf(submittedAt)
    const date = new Date(submittedAt + offsetMs)
    const month = date.getUTCMonth() + 1
    const t = (submittedAt - start) / (until - start)
    tracking += 1 + rng.int(gap)

    // What, where, through which channel.
    const r = rng.next()
    const klasifikasi = r < 0.003 ? 'whistle_blowing' : r < 0.083 ? 'permintaan_informasi' : r < 0.203 ? 'aspirasi' : 'pengaduan'
    const spike = schedule.spikeOn(day)
    let topic: Topic
    if (klasifikasi === 'whistle_blowing' && whistleTopics.length) topic = rng.pick(whistleTopics)
    else if (spike && rng.chance(spike.share)) topic = spike.topic
    else topic = routing.pickTopic(rng, month)
    const minute = cal.minuteOfDay(submittedAt)
    const office = cal.isWork(day) && minute >= 450 && minute < 960 ? 0 : 1
    const channel = (rng.chance(t) ? channelsLate : channelsEarly)[office].sample(rng)

    let kec: Kecamatan | null = null
    let desa: Desa | null = null
    let lokasiText: string | null = null
    let lat: number | null = null
    let lon: number | null = null
    if (spike && topic === spike.topic && rng.chance(0.6)) kec = spike.kecamatan
    else if (!rng.chance(0.12)) kec = places.pickKecamatan(rng)
    if (kec) {
      if (rng.chance(0.8)) desa = places.pickDesa(rng, kec)
      if (desa && rng.chance(POINT_SHARE[channel] ?? 0)) [lat, lon] = places.jitter(rng, desa)
      if (rng.chance(0.35)) lokasiText = lokasiFor(rng, places, kec, desa)
    } else if (rng.chance(0.55)) lokasiText = freeLokasi(rng, places)

    const anonim = rng.chance(topic.key === 'pungli' ? 0.5 : topic.key === 'asn' ? 0.4 : 0.13)
    const rahasia = rng.chance(klasifikasi === 'whistle_blowing' || topic.key === 'pungli' ? 0.4 : topic.key === 'asn' ? 0.2 : 0.035)
    const person = makePerson(rng, kabupaten, kec?.kode ?? null, date.getUTCFullYear(), channel)

    ctx.reset(kec, desa, lokasiText, month)
    ctx.nama = person.nama
    let pii: string | null = null
    if (rng.chance(PII_TOPICS.has(topic.key) ? 0.09 : 0.022)) pii = piiSentence(rng, person, kabupaten, kec?.kode ?? null, date.getUTCFullYear())
    const style = pickStyle(rng, channel)
    // One scenario per complaint: its title, text, request, replies and route all come from it.
    const told = klasifikasi === 'pengaduan' || klasifikasi === 'whistle_blowing'
    const scenario = told ? rng.int(topicTexts(topic.key).scenarios.length) : -1
    const text = composeComplaint(ctx, { topic: topic.key, klasifikasi, channel, style, anonim, pii, scenario: Math.max(0, scenario) })
    const route = scenario >= 0 ? topic.scenarios[scenario] : topic

    const right = routing.units.get(routing.pickUnit(rng, route, kec?.kode ?? null, desa?.kode ?? null))!
    const vague = (!kec && !lokasiText) || ((channel === 'sms_1708' || channel === 'twitter') && rng.chance(0.3))
    life.run({ submittedAt, topic, scenario, klasifikasi, route, right, t, vague, hasPlace: kec != null, trackingId: tracking })
    opts.onComplaint?.({ trackingId: String(tracking), topic: topic.key, scenario: scenario >= 0 ? topicTexts(topic.key).scenarios[scenario].id : null })
    const s = life.state
    const kejadianAt = klasifikasi === 'pengaduan' && rng.chance(0.55) ? submittedAt - Math.floor(rng.exp(5 * 24 * 60)) * MINUTE : null

    const id = insComplaint.run(
      kabupaten, String(tracking), text.judul, text.isi, klasifikasi, channel, topic.categoryId, s.status, STATUS_RAW[s.status],
      anonim ? 1 : 0, rahasia ? 1 : 0, kec?.kode ?? null, desa?.kode ?? null, lokasiText, lat, lon, s.unitId, submittedAt, kejadianAt,
      s.verifiedAt, s.dispositionedAt, s.firstResponseAt, s.closedAt, s.dispositionCount, s.updatedAt, s.lastTlAt, s.lastReplyAt, s.firstUnitId,
    ).lastInsertRowid
    insReporter.run(id, person.nama, person.nik, person.phone, person.email)
    for (const e of life.events) insEvent.run(id, e.kind, e.at, e.actor, e.from, e.to, e.fromUnit, e.toUnit, e.reason, e.body)
    events += life.events.length
  }

  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) one(i)
  })
  for (let from = 0; from < count; from += BATCH) {
    const to = Math.min(count, from + BATCH)
    batch.immediate(from, to)
    opts.onProgress?.(to, count)
  }
  // Like any bulk load, recompute deadlines and KPI aggregates once at the end rather than row by row.
  const aggregatesStarted = Date.now()
  db.transaction(() => rebuildKabupaten(db, kabupaten)).immediate()
  return { inserted: count, events, ms: aggregatesStarted - started, aggregatesMs: Date.now() - aggregatesStarted }
}

type Spike = { topic: Topic; kecamatan: Kecamatan; share: number }

/** When complaints arrive: volume growing over the span, quieter weekends and holidays, day-to-day noise, and a
 * few spike days (a flood, a blackout, a water outage) when one topic in one kecamatan dominates. */
class Schedule {
  private readonly firstDay: number
  private readonly weights: Float64Array
  private readonly spikes = new Map<number, Spike>()
  private readonly cumWeekday = cumulative(HOURS_WEEKDAY)
  private readonly cumWeekend = cumulative(HOURS_WEEKEND)

  constructor(
    private readonly rng: Rng,
    private readonly cal: WorkCalendar,
    places: Places,
    routing: Routing,
    start: number,
    private readonly until: number,
    withSpikes: boolean,
  ) {
    this.firstDay = cal.dayOf(start) + 1
    const lastDay = cal.dayOf(until)
    const n = lastDay - this.firstDay + 1
    this.weights = new Float64Array(n)
    const spikeTopics = (month: number) => {
      const rainy = month >= 11 || month <= 3
      const keys = rainy ? ['drainase', 'drainase', 'bencana', 'jalan', 'listrik', 'air'] : month >= 8 && month <= 10 ? ['kebakaran', 'air', 'listrik', 'air'] : ['listrik', 'air', 'jalan', 'bansos']
      return keys.map((k) => routing.topic(k)).filter((t): t is Topic => !!t)
    }
    for (let i = 0; i < n; i++) {
      const day = this.firstDay + i
      const wd = weekdayOf(day)
      let w = (1 + 1.6 * (i / n)) * (wd === 0 ? 0.45 : wd === 6 ? 0.55 : cal.isWork(day) ? 1 : 0.6)
      w *= Math.exp(0.25 * rng.normal())
      if (rng.chance(0.006) && withSpikes) {
        const month = new Date(day * DAY).getUTCMonth() + 1
        const options = spikeTopics(month)
        if (options.length) {
          const factor = 2.5 + 1.5 * rng.next()
          this.spikes.set(day, { topic: rng.pick(options), kecamatan: places.pickKecamatan(rng), share: (factor - 1) / factor })
          w *= factor
        }
      }
      // The last day only up to `until`.
      if (i === n - 1) w *= this.massBefore(day, cal.minuteOfDay(until))
      this.weights[i] = w
    }
  }

  spikeOn(day: number): Spike | undefined {
    return this.spikes.get(day)
  }

  /** count submission instants in ascending order: sorted uniforms pushed through a monotone inverse CDF. */
  sortedTimes(count: number): Float64Array {
    const total = this.weights.reduce((a, b) => a + b, 0)
    const u = new Float64Array(count)
    for (let i = 0; i < count; i++) u[i] = this.rng.next() * total
    u.sort()
    const out = new Float64Array(count)
    let d = 0
    let cum = 0
    for (let i = 0; i < count; i++) {
      while (d < this.weights.length - 1 && cum + this.weights[d] <= u[i]) cum += this.weights[d++]
      const day = this.firstDay + d
      const frac = Math.min(1, Math.max(0, (u[i] - cum) / this.weights[d]))
      const limit = d === this.weights.length - 1 ? this.massBefore(day, this.cal.minuteOfDay(this.until)) : 1
      const minutes = this.minuteAt(day, frac * limit)
      out[i] = Math.min(this.until, this.cal.at(day, 0) + Math.floor(minutes * 60) * 1000)
    }
    return out
  }

  /** Share of a day's submissions that come before local minute m. */
  private massBefore(day: number, m: number): number {
    const cum = this.profile(day)
    const h = Math.floor(m / 60)
    return (cum[h] + (cum[h + 1] - cum[h]) * ((m % 60) / 60)) / cum[24]
  }

  /** Inverse of the hour profile: the minute (fractional) by which a share q of the day's submissions came. */
  private minuteAt(day: number, q: number): number {
    const cum = this.profile(day)
    const x = q * cum[24]
    let h = 0
    while (h < 23 && cum[h + 1] <= x) h++
    const w = cum[h + 1] - cum[h]
    return 60 * h + (w > 0 ? (60 * (x - cum[h])) / w : 0)
  }

  private profile(day: number): Float64Array {
    return this.cal.isWork(day) ? this.cumWeekday : this.cumWeekend
  }
}

function cumulative(w: number[]): Float64Array {
  const c = new Float64Array(w.length + 1)
  for (let i = 0; i < w.length; i++) c[i + 1] = c[i] + w[i]
  return c
}

/** The free-text location a citizen gives next to a tagged one. */
function lokasiFor(rng: Rng, places: Places, kec: Kecamatan, desa: Desa | null): string {
  const rt = `RT ${String(rng.range(1, 35)).padStart(2, '0')}`
  if (!desa) return `${places.road(rng, kec, null)}, Kec. ${kec.nama}`
  const jenis = desa.jenis === 'kelurahan' ? 'Kel.' : 'Desa'
  return rng.chance(0.5) ? `${rt} ${jenis} ${desa.label}, Kec. ${kec.nama}` : `${places.road(rng, kec, desa)}, ${jenis} ${desa.label}`
}

/** Locations nobody tagged: only a road, a landmark, or a vague "near …". */
function freeLokasi(rng: Rng, places: Places): string {
  const l = places.local
  switch (rng.int(6)) {
    case 0: return `${rng.pick(l.poros)} km ${rng.range(2, 60)}`
    case 1: return `depan ${rng.pick(l.markets)}`
    case 2: return `dekat ${rng.pick(l.ports)}`
    case 3: return rng.pick(['sekitar simpang tiga', 'jalan menuju kebun', 'belakang kantor bupati', 'dekat masjid raya', 'samping lapangan bola', 'ujung gang'])
    case 4: return rng.pick(l.roads)
    default: return `${rng.pick(l.roads)} ${rng.chance(0.5) ? 'ujung' : 'dekat simpang'}`
  }
}

/** The personal data some citizens type into the body (to be masked by later privacy work). */
function piiSentence(rng: Rng, person: { nama: string; nik: string | null; phone: string | null; female: boolean }, kabupaten: string, kec: string | null, year: number): string {
  const nik = person.nik && rng.chance(0.7) ? person.nik : makeNik(rng, kabupaten, kec, year, rng.chance(0.5))
  const phone = formatPhone(rng, person.phone ?? '081' + rng.digits(9))
  switch (rng.int(7)) {
    case 0: return `NIK saya ${nik}.`
    case 1: return `NIK: ${nik}`
    case 2: return `Atas nama ${person.nama}, NIK ${nik}.`
    case 3: return `Bisa hubungi saya di ${phone}.`
    case 4: return `No HP/WA ${phone}`
    case 5: return `kontak: ${phone}`
    default: return `NIK ${nik}, HP ${phone}.`
  }
}
