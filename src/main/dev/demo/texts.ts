// Turns the phrase banks into judul and isi the way citizens write on LAPOR!: formal letters to the Bupati,
// everyday messages with abbreviations (yg, tdk, sdh…), SMS-short ones, angry ALL CAPS ones, occasional typos.
// Templates are compiled once into parts with slots, and each has a formal, a casual and a slang variant, so a
// million texts cost little more than string concatenation.
import { Rng } from './random.ts'
import type { Desa, Kecamatan, Places } from './places.ts'
import { TOPIC_TEXTS, type TopicText } from './topic-texts.ts'

const SLOTS = ['lokasi', 'desa', 'kec', 'jalan', 'sekolah', 'pusk', 'rsud', 'pasar', 'pelabuhan', 'bandara', 'kapal', 'kab', 'ibukota',
  'rujukan', 'pelayanan', 'dur', 'n', 'bulan', 'pln', 'bpjn', 'bansos', 'rt', 'tgl', 'unit', 'nama'] as const
type Slot = (typeof SLOTS)[number]
// Drawn anew at every use: a number, a reply's date, the answering unit.
const FRESH: ReadonlySet<Slot> = new Set(['n', 'tgl', 'unit'])
type Part = string | number // a literal, or the index of a slot in SLOTS
export type Template = readonly [formal: Part[], casual: Part[], slang: Part[]]

const CASUAL: [string, string][] = [
  ['yang', 'yg'], ['tidak', 'tdk'], ['sudah', 'sdh'], ['belum', 'blm'], ['untuk', 'utk'], ['karena', 'krn'], ['dengan', 'dgn'],
  ['saya', 'sy'], ['tolong', 'tlg'], ['bapak', 'bpk'], ['tapi', 'tp'], ['juga', 'jg'], ['dari', 'dr'], ['sekarang', 'skrg'],
  ['bulan', 'bln'], ['tahun', 'thn'], ['orang', 'org'], ['sangat', 'sgt'], ['seperti', 'spt'], ['lagi', 'lg'], ['banyak', 'byk'],
  ['terima kasih', 'terimakasih'], ['kalau', 'kalo'], ['sampai', 'sampai'], ['hari', 'hr'], ['dan', 'dan'], ['pemerintah', 'pemerintah'],
]
const SLANG: [string, string][] = [
  ['yang', 'yg'], ['tidak', 'gk'], ['sudah', 'udh'], ['belum', 'blm'], ['untuk', 'utk'], ['karena', 'krn'], ['dengan', 'dgn'],
  ['saya', 'sy'], ['tolong', 'tlg'], ['bapak', 'pak'], ['tapi', 'tp'], ['juga', 'jg'], ['dari', 'dr'], ['sekarang', 'skrg'],
  ['bulan', 'bln'], ['tahun', 'thn'], ['orang', 'org'], ['sangat', 'bgt'], ['seperti', 'kyk'], ['lagi', 'lg'], ['banyak', 'byk'],
  ['terima kasih', 'makasih'], ['kalau', 'kalo'], ['sampai', 'sampe'], ['bagaimana', 'gmn'], ['kenapa', 'knp'], ['hanya', 'cuma'],
  ['segera', 'sgr'], ['mohon', 'mhn'], ['sama', 'sm'], ['setiap', 'tiap'], ['aja', 'aja'], ['saja', 'aja'], ['ada', 'ada'],
]

function replaceWords(s: string, map: [string, string][]): string {
  // Slot names ({bulan}) are left alone; only the literal text around them is abbreviated.
  return s
    .split(/(\{\w+\})/)
    .map((piece) => {
      if (piece.startsWith('{')) return piece
      for (const [from, to] of map) {
        if (from === to) continue
        piece = piece.replace(new RegExp(`\\b${from}\\b`, 'gi'), (m) => (m[0] === m[0].toUpperCase() ? to[0].toUpperCase() + to.slice(1) : to))
      }
      return piece
    })
    .join('')
}

function parse(s: string): Part[] {
  const parts: Part[] = []
  const re = /\{(\w+)\}/g
  let last = 0
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const slot = SLOTS.indexOf(m[1] as Slot)
    if (slot < 0) throw new Error(`demo texts: unknown slot {${m[1]}} in "${s}"`)
    if (m.index > last) parts.push(s.slice(last, m.index))
    parts.push(slot)
    last = m.index + m[0].length
  }
  if (last < s.length) parts.push(s.slice(last))
  return parts
}

export function compile(s: string): Template {
  return [parse(s), parse(replaceWords(s, CASUAL)), parse(replaceWords(s, SLANG))]
}

const compileAll = (list: string[]) => list.map(compile)

export type CompiledScenario = { id: string; title: Template; main: Template; tl: Template[]; tuntas: Template[]; detail: Template[]; minta: Template[] }
export type CompiledTopic = { judul: Template[]; detail: Template[]; minta: Template[]; aspirasi: Template[]; tanya: Template[]; scenarios: CompiledScenario[] }
const TOPICS: Record<string, CompiledTopic> = Object.fromEntries(
  Object.entries(TOPIC_TEXTS).map(([key, t]: [string, TopicText]) => {
    const scenarios = t.scenarios.map((sc) => {
      // 'Title|Text': the title goes with its text.
      const bar = sc.masalah.indexOf('|')
      return { id: sc.id, title: compile(sc.masalah.slice(0, bar)), main: compile(sc.masalah.slice(bar + 1)), tl: compileAll(sc.tl),
        tuntas: compileAll(sc.tuntas ?? []), detail: compileAll(sc.detail ?? []), minta: compileAll(sc.minta ?? []) }
    })
    return [key, { judul: compileAll(t.judul), detail: compileAll(t.detail), minta: compileAll(t.minta), aspirasi: compileAll(t.aspirasi),
      tanya: compileAll(t.tanya), scenarios }]
  }),
)

export function topicTexts(key: string): CompiledTopic {
  const t = TOPICS[key]
  if (!t) throw new Error(`demo texts: no phrase bank for topic ${key}`)
  return t
}

const OPEN_FORMAL = compileAll(['Yth. Bapak Bupati {kab},', 'Yth. Bapak/Ibu Admin LAPOR! Pemkab {kab},', 'Dengan hormat,',
  'Assalamualaikum Wr. Wb.\nYth. Bapak Bupati {kab}', 'Kepada Yth. Bapak Bupati {kab} dan dinas terkait,', 'Selamat pagi Bapak/Ibu,',
  'Yth. Pemerintah Kabupaten {kab},'])
const GREET = ['Selamat pagi admin.', 'Assalamualaikum.', 'Permisi admin LAPOR.', 'Selamat siang.', 'Pagi pak.', 'Maaf mengganggu pak.',
  'Assalamualaikum pak admin.', 'Selamat malam min.']
const OPEN_CASUAL = compileAll([...GREET, 'Lapor pak.', 'Mohon izin melapor.', 'Izin menyampaikan keluhan.'])
const OPEN_NEUTRAL = compileAll([...GREET, 'Izin bertanya.', 'Mohon izin.'])
const WHO = ['Saya salah satu warga {kec}.', 'Kami warga {rt} {desa}.', 'Saya mewakili warga {desa}.', 'Saya {nama}, warga {desa}.', 'Saya {nama} dari {kec}.']
const INTRO = compileAll([...WHO, 'Saya warga {desa} ingin menyampaikan keluhan.'])
const INTRO_NEUTRAL = compileAll([...WHO, 'Saya warga {desa}.'])
// Sentences that fit any complaint of any scenario (anything narrower belongs to the topic or the scenario).
const DETAIL = compileAll(['Sudah pernah lapor lewat LAPOR! sebelumnya tapi tidak ada perubahan.',
  'Kami sebagai warga sangat berharap perhatian dari pemerintah daerah.', 'Kejadian ini bukan yang pertama kali.',
  'Sudah viral di media sosial tapi belum ada tindakan.', 'Kami menunggu {dur}.', 'Kami tidak tahu lagi harus mengadu ke mana.',
  'Mohon maaf kalau bahasa saya kurang sopan, tapi kami sudah sangat kecewa.', 'Semoga laporan ini dibaca langsung oleh Bapak Bupati.',
  'Kami warga kecil hanya bisa berharap.', 'Kejadiannya bulan {bulan} kemarin dan sampai sekarang belum ada perubahan.'])
const MINTA = compileAll(['Mohon segera ditindaklanjuti.', 'Tolong diperhatikan pak.', 'Mohon bantuannya.',
  'Kami tunggu tindak lanjutnya.', 'Mohon perhatian Bapak Bupati.', 'Tolong jangan didiamkan.', 'Mohon solusinya.'])
const MINTA_ASPIRASI = compileAll(['Mohon dipertimbangkan.', 'Semoga bisa direalisasikan.', 'Mohon dimasukkan dalam perencanaan tahun depan.',
  'Terima kasih atas perhatiannya.', 'Semoga menjadi masukan.'])
const CLOSE_FORMAL = compileAll(['Atas perhatian dan tindak lanjutnya saya ucapkan terima kasih.', 'Demikian laporan ini saya sampaikan. Terima kasih.',
  'Wassalamualaikum Wr. Wb.', 'Atas perhatian Bapak, kami ucapkan terima kasih.', 'Terima kasih.'])
const CLOSE_CASUAL = compileAll(['Terima kasih.', 'Terima kasih pak.', 'Makasih.', 'Mksh.', 'Trims.', 'Tolong ditanggapi.', 'Wassalam.', 'Salam.'])
const ANGRY = ['SUDAH BERKALI-KALI LAPOR TIDAK ADA TINDAKAN!!!', 'PEMERINTAH KEMANA SAJA???', 'JANGAN CUMA JANJI WAKTU KAMPANYE!',
  'Kami ini bayar pajak pak!!', 'Malu sama daerah tetangga!', 'PARAH!!!']
const INFO_JUDUL = ['Mohon informasi', 'Pertanyaan', 'Tanya', 'Minta info']
const ASPIRASI_JUDUL = ['Usulan', 'Aspirasi warga', 'Saran']

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']
const BANSOS = ['PKH', 'BPNT', 'BLT Dana Desa', 'sembako BPNT', 'PKH dan BPNT', 'BLT', 'beras CBP']

export type Style = 'formal' | 'biasa' | 'santai' | 'marah'

/** What the slots of one complaint (or one reply) resolve to; values are drawn once and reused across sentences. */
export class TextContext {
  kec: Kecamatan | null = null
  desa: Desa | null = null
  lokasiText: string | null = null
  month = 1
  unit = ''
  nama = ''
  date = 0
  private cache: (string | undefined)[] = []

  constructor(
    readonly rng: Rng,
    readonly places: Places,
    readonly kabNama: string,
    readonly ibukota: string,
    readonly offsetMs: number,
  ) {}

  reset(kec: Kecamatan | null, desa: Desa | null, lokasiText: string | null, month: number): void {
    this.kec = kec
    this.desa = desa
    this.lokasiText = lokasiText
    this.month = month
    this.cache = []
  }

  render(t: Template, variant: 0 | 1 | 2): string {
    let s = ''
    for (const p of t[variant]) s += typeof p === 'string' ? p : this.slot(p)
    return s
  }

  private slot(i: number): string {
    const cached = this.cache[i]
    if (cached !== undefined && !FRESH.has(SLOTS[i])) return cached
    const v = this.value(SLOTS[i])
    this.cache[i] = v
    return v
  }

  private value(slot: Slot): string {
    const { rng, places, kec, desa } = this
    const local = places.local
    switch (slot) {
      case 'lokasi': return this.lokasi()
      case 'desa': return desa ? desa.label : kec ? `kecamatan ${kec.nama}` : rng.pick(['kampung kami', 'desa kami', 'tempat kami'])
      case 'kec': return kec ? kec.nama : rng.pick(['kecamatan kami', 'sini'])
      case 'jalan': return places.road(rng, kec, desa)
      case 'sekolah': return places.school(rng, kec)
      case 'pusk': return places.puskesmas(rng, kec, desa)
      case 'rsud': return local.short === 'Kutim' ? 'RSUD Kudungga' : 'RSUD Natuna'
      case 'pasar': return rng.pick(local.markets)
      case 'pelabuhan': return rng.pick(local.ports)
      case 'bandara': return rng.pick(local.airports)
      case 'kapal': return rng.pick(local.vessels)
      case 'kab': return rng.chance(0.7) ? this.kabNama : local.short
      case 'ibukota': return this.ibukota
      case 'rujukan': return local.short === 'Kutim' ? rng.pick(['Samarinda', 'Bontang']) : rng.pick(['Batam', 'Tanjungpinang'])
      case 'pelayanan': return this.pelayanan()
      case 'dur': return duration(rng, this.month)
      case 'n': return String(rng.range(2, 9))
      case 'bulan': return MONTHS[(this.month + 10 - rng.int(3)) % 12]
      case 'pln': return local.pln
      case 'bpjn': return local.bpjn
      case 'bansos': return rng.pick(BANSOS)
      case 'rt': return `RT ${String(rng.range(1, 35)).padStart(2, '0')}`
      case 'tgl': return formatDate(this.date, this.offsetMs)
      case 'unit': return this.unit
      case 'nama': return this.nama
    }
  }

  private lokasi(): string {
    const { rng, kec, desa } = this
    if (desa) {
      const jenis = desa.jenis === 'kelurahan' ? 'Kelurahan' : 'Desa'
      const r = rng.next()
      if (r < 0.35) return `di ${jenis} ${desa.label}`
      if (r < 0.55) return `di ${jenis} ${desa.label} Kecamatan ${kec!.nama}`
      if (r < 0.7) return `di RT ${String(rng.range(1, 30)).padStart(2, '0')} ${desa.label}`
      if (r < 0.85) return `di ${desa.label}`
      return `di ${desa.jenis === 'kelurahan' ? 'Kel.' : 'Ds.'} ${desa.label} Kec. ${kec!.nama}`
    }
    if (kec) return rng.chance(0.6) ? `di Kecamatan ${kec.nama}` : `di kec. ${kec.nama}`
    if (this.lokasiText) return `di ${this.lokasiText}`
    return rng.pick(['di kampung kami', 'di tempat kami', 'di sini', '', ''])
  }

  private pelayanan(): string {
    const { rng, kec, desa, places } = this
    const r = rng.next()
    if (r < 0.25) return 'kantor Disdukcapil'
    if (r < 0.45 && desa) return `kantor desa ${desa.label}`
    if (r < 0.6) return `kantor camat ${kec?.nama ?? places.kecamatan[0].nama}`
    if (r < 0.75) return places.puskesmas(rng, kec, desa)
    if (r < 0.85) return places.school(rng, kec)
    return rng.pick(['RSUD', 'kantor pelayanan perizinan', 'loket pelabuhan', 'kantor dinas'])
  }
}

function duration(rng: Rng, month: number): string {
  switch (rng.int(10)) {
    case 0: return `sudah ${rng.range(2, 11)} bulan`
    case 1: return `sejak bulan ${MONTHS[(month + 10 - rng.int(6)) % 12]}`
    case 2: return 'hampir setahun'
    case 3: return `sudah ${rng.range(2, 5)} minggu`
    case 4: return 'dari tahun lalu'
    case 5: return 'sejak awal tahun'
    case 6: return 'sudah berbulan-bulan'
    case 7: return `sudah ${rng.range(3, 20)} hari`
    case 8: return `lebih dari ${rng.range(2, 3)} tahun`
    default: return 'sudah lama sekali'
  }
}

/** "12 Maret 2025" in the kabupaten's zone. */
export function formatDate(ms: number, offsetMs: number): string {
  const d = new Date(ms + offsetMs)
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

export type ComplaintText = { judul: string; isi: string }

export type ComposeInput = {
  topic: string
  klasifikasi: string
  channel: string
  style: Style
  anonim: boolean
  /** Personal data the citizen typed in (NIK / phone), already formatted; null for most complaints. */
  pii: string | null
  /** Index of the topic's scenario a complaint tells (pengaduan, whistle blowing); ignored for questions and suggestions. */
  scenario: number
}

export function pickStyle(rng: Rng, channel: string): Style {
  if (channel === 'surat' || channel === 'tatap_muka') return 'formal'
  if (channel === 'sms_1708') return rng.chance(0.12) ? 'marah' : 'santai'
  const r = rng.next()
  if (channel === 'twitter') return r < 0.25 ? 'marah' : 'santai'
  return r < 0.22 ? 'formal' : r < 0.62 ? 'biasa' : r < 0.92 ? 'santai' : 'marah'
}

export function composeComplaint(ctx: TextContext, input: ComposeInput): ComplaintText {
  const { rng } = ctx
  const t = topicTexts(input.topic)
  // Nobody writes an angry suggestion or question.
  const style = input.klasifikasi !== 'pengaduan' && input.style === 'marah' ? 'santai' : input.style
  const v = (): 0 | 1 | 2 => (style === 'formal' ? 0 : style === 'biasa' ? (rng.chance(0.5) ? 0 : 1) : rng.chance(0.5) ? 1 : 2)
  const used = new Set<Template>()
  /** A sentence from the list, never the same template twice in one text. */
  const say = (list: Template[]) => {
    let tpl = rng.pick(list)
    for (let i = 0; i < 3 && used.has(tpl); i++) tpl = rng.pick(list)
    if (used.has(tpl)) return ''
    used.add(tpl)
    return ctx.render(tpl, v())
  }

  let title: Template | null = null
  let main: string
  const sc = t.scenarios[input.scenario]
  if (input.klasifikasi === 'aspirasi') main = say(t.aspirasi)
  else if (input.klasifikasi === 'permintaan_informasi') main = say(t.tanya)
  else {
    used.add(sc.main)
    main = ctx.render(sc.main, v())
    title = sc.title
  }
  const short = input.channel === 'sms_1708' || input.channel === 'twitter'
  const complaint = input.klasifikasi === 'pengaduan' || input.klasifikasi === 'whistle_blowing'
  // Questions and suggestions are short: the question or the suggestion, no complaint facts around it.
  const detailCount = !complaint ? 0 : short ? (rng.chance(0.3) ? 1 : 0) : pickCount(rng)
  const details: string[] = []
  // A complaint's own facts and requests come from its scenario and from the lists that fit every scenario of its topic.
  const ownDetail = [...sc.detail, ...t.detail]
  const ownMinta = [...sc.minta, ...t.minta]
  for (let i = 0; i < detailCount; i++) details.push(rng.chance(0.5) || !ownDetail.length ? say(DETAIL) : say(ownDetail))
  const ask = input.klasifikasi === 'permintaan_informasi' ? '' : input.klasifikasi === 'aspirasi' ? (rng.chance(0.6) ? say(MINTA_ASPIRASI) : '')
    : rng.chance(0.75) ? (rng.chance(0.6) && ownMinta.length ? say(ownMinta) : say(MINTA)) : ''
  const hasPlace = ctx.kec != null
  const intro = (p: number) => (!input.anonim && hasPlace && rng.chance(p) ? say(complaint ? INTRO : INTRO_NEUTRAL) : '')
  const join = (parts: string[], sep = ' ') => parts.filter(Boolean).join(sep)

  let isi: string
  if (short) {
    isi = join([main, ...details, ask])
    if (input.channel === 'twitter') isi = `@LAPOR1708 ${isi}${rng.chance(0.6) ? ' #lapor' : ''}`
    else if (rng.chance(0.5)) isi = isi.replace(/\.(\s|$)/g, '$1')
    if (rng.chance(0.6)) isi = isi.toLowerCase()
  } else if (style === 'formal') {
    const opener = input.channel === 'tatap_muka' ? '' : say(OPEN_FORMAL)
    const body = join([intro(0.35), main, ...details])
    const closing = say(CLOSE_FORMAL)
    const long = detailCount >= 2 || rng.chance(0.3)
    isi = long ? join([opener, body, join([ask, input.pii ?? '']), closing], '\n\n') : join([opener, join([body, ask, input.pii ?? '', closing])], '\n')
    if (input.channel === 'tatap_muka') isi = `Pelapor datang langsung ke kantor dan menyampaikan: ${isi}`
    if (input.channel === 'surat') isi = `[Surat masuk, diketik ulang oleh petugas]\n${isi}`
  } else {
    const opener = rng.chance(style === 'marah' ? 0.2 : 0.55) ? say(complaint ? OPEN_CASUAL : OPEN_NEUTRAL) : ''
    const closing = rng.chance(0.5) ? say(CLOSE_CASUAL) : ''
    const angry = style === 'marah' ? rng.pick(ANGRY) : ''
    if (detailCount >= 3 && rng.chance(0.5)) {
      // A long one written in paragraphs.
      const half = 1 + rng.int(details.length - 1)
      isi = join([join([opener, intro(0.3), main]), join(details.slice(0, half)), join(details.slice(half)), join([ask, angry, closing])], '\n\n')
    } else {
      isi = join([opener, intro(0.2), main, ...details, ask, angry], detailCount >= 3 ? '\n' : ' ')
      if (closing) isi += (rng.chance(0.3) ? '\n' : ' ') + closing
    }
  }
  if (input.pii && style !== 'formal') isi += (rng.chance(0.5) ? ' ' : '\n') + input.pii
  if (style === 'marah') isi = rng.chance(0.7) ? isi.toUpperCase() : isi.replace(/\.$/, '!!!')
  if (style !== 'formal' && rng.chance(style === 'biasa' ? 0.12 : 0.3)) isi = typo(rng, isi)
  if (style !== 'formal' && rng.chance(0.08)) isi = typo(rng, isi)

  return { judul: judul(ctx, t, title, input, style, main), isi: tidy(isi) }
}

function judul(ctx: TextContext, t: CompiledTopic, title: Template | null, input: ComposeInput, style: Style, main: string): string {
  const { rng } = ctx
  const variant = style === 'formal' ? 0 : rng.chance(0.7) ? 0 : 1
  let j: string
  const r = rng.next()
  if (input.klasifikasi === 'permintaan_informasi') j = r < 0.6 ? `${rng.pick(INFO_JUDUL)}: ${firstWords(main, 7)}` : firstWords(main, 9)
  else if (input.klasifikasi === 'aspirasi') j = r < 0.3 ? `${rng.pick(ASPIRASI_JUDUL)}: ${firstWords(main, 7)}` : firstWords(main, 8)
  else if (r < 0.12) j = firstWords(main, 8)
  else if (r < 0.3 || !title) j = ctx.render(rng.pick(t.judul), variant)
  else j = ctx.render(title, variant)
  j = tidy(j).replace(/[.,]$/, '')
  if (style === 'marah' || (input.channel === 'sms_1708' && rng.chance(0.3))) j = j.toUpperCase()
  return j.length > 100 ? j.slice(0, 97).trimEnd() + '…' : upperFirst(j)
}

/** How many extra sentences: most texts are short, a few run to several paragraphs. */
function pickCount(rng: Rng): number {
  const r = rng.next()
  return r < 0.3 ? 0 : r < 0.62 ? 1 : r < 0.82 ? 2 : r < 0.92 ? 3 : r < 0.97 ? 4 : 5 + rng.int(3)
}

function firstWords(s: string, n: number): string {
  const words = s.replace(/[?.!]+$/, '').split(/\s+/)
  return words.length <= n ? words.join(' ') : words.slice(0, n).join(' ') + '…'
}

const upperFirst = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s)

/** Collapse what slot filling can leave behind: double spaces, a doubled word ("di di", "dermaga dermaga"), spaces before punctuation. */
function tidy(s: string): string {
  return s.replace(/ {2,}/g, ' ').replace(/\b(\w+) \1\b/gi, '$1').replace(/ ([.,!?])/g, '$1').replace(/ +\n/g, '\n').trim()
}

/** One typing slip in a word of four letters or more: swapped, dropped or doubled letter. */
export function typo(rng: Rng, s: string): string {
  for (let attempt = 0; attempt < 4; attempt++) {
    let i = rng.int(s.length)
    while (i < s.length && !isLetter(s.charCodeAt(i))) i++
    let end = i
    while (end < s.length && isLetter(s.charCodeAt(end))) end++
    if (end - i < 4) continue
    const p = i + 1 + rng.int(end - i - 2)
    switch (rng.int(3)) {
      case 0: return s.slice(0, p) + s[p + 1] + s[p] + s.slice(p + 2)
      case 1: return s.slice(0, p) + s.slice(p + 1)
      default: return s.slice(0, p) + s[p] + s.slice(p)
    }
  }
  return s
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
}
