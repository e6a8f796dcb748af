// What complaints are about and where they go: each topic belongs to a leaf category and lists the units that
// handle it (unit kode paths relative to the kabupaten, with '|' alternatives because the two kabupaten name
// their OPD differently), the OPD it is plausibly misrouted to, and how often it is outside the Pemda's authority.
import type { Db } from '#main/store/open.ts'
import { Rng, Weighted, stableUnit } from './random.ts'
import { TOPIC_TEXTS } from './topic-texts.ts'

/** '@kec' / '@desa': the kecamatan office or desa government of the complaint's location. */
type TopicSpec = {
  key: string
  category: string
  weight: number | Record<string, number>
  /** Multipliers per month (1 = January), for seasons: rain, PPDB, dry-season fires. */
  months?: Partial<Record<number, number>>
  targets: [path: string, weight: number][]
  wrong: string[]
  bukanWewenang?: number
}

const RAIN = { 1: 1.6, 2: 1.5, 3: 1.3, 4: 1.1, 6: 0.7, 7: 0.6, 8: 0.5, 9: 0.6, 11: 1.4, 12: 1.7 }

export const TOPICS: TopicSpec[] = [
  { key: 'jalan', category: 'jalan', weight: 14, months: { 1: 1.2, 2: 1.2, 12: 1.3, 8: 0.8 },
    targets: [['dpupr/bina-marga|dpu/bina-marga', 100]], wrong: ['perkim', 'dishub', 'bappeda'], bukanWewenang: 0.06 },
  { key: 'pju', category: 'pju', weight: 5,
    targets: [['perkim/pju|dishub/darat|dishub', 100]], wrong: ['dpupr|dpu', 'dishub', 'perkim'], bukanWewenang: 0.02 },
  { key: 'drainase', category: 'drainase', weight: 6, months: RAIN,
    targets: [['dpupr/sda|dpu/sda', 85], ['perkim/perumahan|perkim', 15]], wrong: ['dlh', 'perkim', 'bpbd'], bukanWewenang: 0.02 },
  { key: 'air', category: 'air-bersih', weight: 6, months: { 8: 1.4, 9: 1.5, 10: 1.3 },
    targets: [['pdam', 100]], wrong: ['dpupr/cipta-karya|dpu/cipta-karya', 'dlh'], bukanWewenang: 0.01 },
  // Electricity is PLN's: the Pemkab's part is coordinating with PLN, the Bagian Perekonomian/SDA of the Setda.
  { key: 'listrik', category: 'listrik', weight: 4,
    targets: [['setda/ekonomi|setda', 100]], wrong: ['perkim', 'dpupr|dpu'], bukanWewenang: 0.45 },
  { key: 'puskesmas', category: 'puskesmas', weight: 4.5,
    targets: [['dinkes/yankes|dinkes', 100]], wrong: ['rsud', 'dinsos'] },
  { key: 'rsud', category: 'rumah-sakit', weight: 3.5,
    targets: [['rsud/pelayanan|rsud', 100]], wrong: ['dinkes', 'dinsos'], bukanWewenang: 0.02 },
  { key: 'bpjs', category: 'bpjs', weight: 3,
    targets: [['dinsos/linjamsos|dinsos', 60], ['dinkes/yankes|dinkes', 40]], wrong: ['disdukcapil', 'rsud'], bukanWewenang: 0.25 },
  { key: 'wabah', category: 'wabah', weight: 1.2, months: { 1: 2, 2: 2, 3: 1.6, 12: 1.5, 7: 0.6, 8: 0.6 },
    targets: [['dinkes/p2p|dinkes', 100]], wrong: ['dlh', 'bpbd'] },
  { key: 'sekolah', category: 'sekolah', weight: 3.5, months: { 7: 1.4, 8: 1.3, 12: 0.7 },
    targets: [['disdikbud/sd|disdik/sd', 55], ['disdikbud/smp|disdik/smp', 30], ['disdikbud/paud|disdik', 15]],
    wrong: ['dpupr/cipta-karya|dpu/cipta-karya', 'bappeda'], bukanWewenang: 0.08 },
  { key: 'guru', category: 'guru', weight: 2, targets: [['disdikbud/gtk|disdik/gtk', 85], ['bkpsdm', 15]], wrong: ['bkpsdm', 'inspektorat'], bukanWewenang: 0.05 },
  { key: 'ppdb', category: 'ppdb', weight: 2, months: { 1: 0.2, 2: 0.2, 3: 0.3, 4: 0.6, 5: 2.5, 6: 5, 7: 4, 8: 1, 9: 0.3, 10: 0.2, 11: 0.2, 12: 0.2 },
    targets: [['disdikbud/smp|disdik/smp', 55], ['disdikbud/sd|disdik/sd', 45]], wrong: ['diskominfo', 'disdukcapil'], bukanWewenang: 0.1 },
  { key: 'beasiswa', category: 'beasiswa', weight: 1.5, targets: [['disdikbud|disdik', 65], ['setda/kesra|setda', 35]],
    wrong: ['bkpsdm', 'dinsos'], bukanWewenang: 0.08 },
  { key: 'ktp', category: 'ktp', weight: 4, targets: [['disdukcapil/dafduk|disdukcapil', 100]], wrong: ['dpmd'] },
  { key: 'kk', category: 'kk', weight: 2, targets: [['disdukcapil/dafduk|disdukcapil', 100]], wrong: ['dpmd'] },
  { key: 'akta', category: 'akta', weight: 1.8, targets: [['disdukcapil/capil|disdukcapil', 100]], wrong: ['dinkes', 'dpmd'] },
  { key: 'bansos', category: 'bansos', weight: 7, months: { 1: 1.2, 4: 1.3, 12: 1.2 },
    targets: [['dinsos/linjamsos|dinsos', 55], ['dinsos/dayasos|dinsos', 45]], wrong: ['dpmd', 'disdukcapil'], bukanWewenang: 0.05 },
  { key: 'disabilitas', category: 'disabilitas', weight: 1.2, targets: [['dinsos/rehsos|dinsos/pppa|dinsos', 100]], wrong: ['dinkes'] },
  { key: 'sampah', category: 'sampah', weight: 5, months: { 1: 1.2, 12: 1.2 },
    targets: [['dlh/persampahan|dlh', 100]], wrong: ['perkim', 'satpolpp'] },
  { key: 'pencemaran', category: 'pencemaran', weight: 2, targets: [['dlh/pencemaran|dlh', 100]], wrong: ['dinkes', 'dpmptsp'], bukanWewenang: 0.08 },
  { key: 'izin', category: 'izin-usaha', weight: 2, targets: [['dpmptsp', 100]], wrong: ['disperindag|setda', 'dlh'] },
  { key: 'danadesa', category: 'dana-desa', weight: 3.5, targets: [['dpmd/keuangan-desa|dpmd', 60], ['@kec', 40]],
    wrong: ['bappeda', 'bpkad|setda', 'inspektorat'], bukanWewenang: 0.03 },
  { key: 'layanandesa', category: 'layanan-desa', weight: 3, targets: [['@kec', 75], ['dpmd/pemdes|dpmd', 25]], wrong: ['disdukcapil', 'setda/pemerintahan|setda'] },
  // The kecamatan's own Seksi Trantib handles part of the local order; the pengemis scenario needs Satpol PP and Dinsos.
  { key: 'trantib', category: 'trantib', weight: 3, targets: [['satpolpp/trantib|satpolpp', 80], ['@kec', 20]], wrong: ['dishub', 'dlh'], bukanWewenang: 0.06 },
  { key: 'kebakaran', category: 'kebakaran', weight: 0.7, months: { 8: 3, 9: 3.5, 10: 2.5, 1: 0.5, 12: 0.5 },
    targets: [['satpolpp/damkar|bpbd', 100]], wrong: ['bpbd', 'dlh'] },
  { key: 'darat', category: 'transportasi-darat', weight: 2, targets: [['dishub/darat|dishub', 100]], wrong: ['dpupr|dpu', 'satpolpp'], bukanWewenang: 0.05 },
  { key: 'laut', category: 'transportasi-laut-udara', weight: { '64.08': 1, '21.03': 5 }, months: { 12: 1.5, 1: 1.4, 4: 1.3 },
    targets: [['dishub/laut|dishub', 100]], wrong: ['dkp|dtphp', 'dishub/darat'], bukanWewenang: 0.1 },
  { key: 'udara', category: 'transportasi-laut-udara', weight: { '21.03': 2.5 }, months: { 12: 1.6, 4: 1.3 },
    targets: [['dishub/udara|dishub', 100]], wrong: ['dishub/darat|dishub', 'dispar'], bukanWewenang: 0.12 },
  { key: 'bencana', category: 'bencana-alam', weight: 1.5, months: RAIN, targets: [['bpbd', 100]], wrong: ['dinsos', 'dpupr|dpu'] },
  { key: 'pungli', category: 'pungli', weight: 2, targets: [['inspektorat', 100]], wrong: ['bkpsdm', 'satpolpp'], bukanWewenang: 0.12 },
  { key: 'asn', category: 'asn', weight: 2, targets: [['bkpsdm', 60], ['inspektorat', 40]], wrong: ['setda/pemerintahan|setda', 'inspektorat'] },
  { key: 'pertanian', category: 'pertanian', weight: { '64.08': 3, '21.03': 1.5 }, months: { 10: 1.4, 11: 1.5, 3: 1.3, 4: 1.3 },
    targets: [['dtphp/tanaman-pangan|pertanian', 100]], wrong: ['dlh', 'disperindag|dkp'], bukanWewenang: 0.03 },
  { key: 'ternak', category: 'pertanian', weight: { '64.08': 1, '21.03': 0.5 }, targets: [['dtphp/peternakan|pertanian', 100]], wrong: ['dinkes', 'dlh'] },
  { key: 'nelayan', category: 'pertanian', weight: { '21.03': 3 }, targets: [['dkp', 100]], wrong: ['dishub/laut|dishub', 'pertanian'], bukanWewenang: 0.05 },
  { key: 'harga', category: 'harga', weight: 1.5, targets: [['disperindag|setda/ekonomi|setda', 100]], wrong: ['dtphp|pertanian', 'satpolpp'] },
  { key: 'sinyal', category: 'lainnya', weight: 1, targets: [['diskominfo/aptika|diskominfo', 100]], wrong: ['dpupr|dpu', 'setda'], bukanWewenang: 0.15 },
  { key: 'lainnya', category: 'lainnya', weight: 1, targets: [['setda/pemerintahan|setda', 100]], wrong: ['bappeda'] },
]

export type UnitInfo = {
  id: number
  kode: string
  kind: string
  /** Actor name in the history: the OPD's singkatan, "DPUTR – Bidang Bina Marga", "Kecamatan X", "Desa Y". */
  actor: string
  /** Short name used in reasons ("mohon diteruskan ke Dinkes"). */
  short: string
  /** The OPD-level unit (itself for an OPD, kecamatan and desa). */
  opdId: number
  /** 1 = average; < 1 faster, > 1 slower. Stable per unit, so a league table has a shape. */
  speed: number
}

/** Where one scenario goes: the topic's targets unless the scenario names its own (topic-texts.ts `to`). */
export type Route = {
  /** Unit ids, or -1 for the kecamatan office, -2 for the desa government. */
  targets: Weighted<number>
  /** Used when the location-based target is missing. */
  fallback: number
  /** Plausible wrong first dispositions (never the right OPD). */
  wrong: number[]
  /** The OPD-level ids a Pemkab would send it to (kecamatan/desa targets count as -1/-2). */
  own: Set<number>
}

export type Topic = Route & {
  key: string
  categoryId: number
  spec: TopicSpec
  /** Per scenario of the topic's phrase bank, in its order. */
  scenarios: Route[]
}

// Some OPD are known to be quick (front-office services), some slow (works that need a budget, investigations).
const SPEED: Record<string, number> = {
  disdukcapil: 0.55, pdam: 0.7, rsud: 0.8, bpbd: 0.65, dpmptsp: 0.75, dinkes: 0.9, satpolpp: 0.9, dlh: 1.05, diskominfo: 0.8,
  disdikbud: 1.15, disdik: 1.2, dishub: 1.3, dpupr: 1.85, dpu: 1.9, perkim: 1.5, dinsos: 1.6, dpmd: 1.4, inspektorat: 2.1,
  bkpsdm: 1.25, setda: 1.5, dkp: 1.3, dtphp: 1.2, pertanian: 1.3, disperindag: 1.1, bpp: 1.6, dispar: 1.0, bappeda: 1.4,
}

export class Routing {
  readonly units = new Map<number, UnitInfo>()
  readonly kecUnit = new Map<string, number>()
  readonly desaUnit = new Map<string, number>()
  readonly admin: string
  private readonly byPath = new Map<string, UnitInfo>()
  private readonly topicsByMonth: Weighted<Topic>[]
  readonly topics: Topic[]

  constructor(db: Db, kabupaten: string) {
    type Row = { id: number; kode: string; kind: string; nama: string; singkatan: string | null; region_kode: string | null; parent_id: number | null }
    const rows = db.prepare('SELECT id, kode, kind, nama, singkatan, region_kode, parent_id FROM unit WHERE kabupaten_kode = ? ORDER BY id').all(kabupaten) as Row[]
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const r of rows) {
      if (r.kind === 'pemkab') continue
      const parent = r.parent_id != null ? byId.get(r.parent_id) : undefined
      const opd = r.kind === 'bidang' || r.kind === 'upt' ? parent! : r
      const opdShort = opd.singkatan ?? opd.nama
      const info: UnitInfo = {
        id: r.id,
        kode: r.kode,
        kind: r.kind,
        actor: r.kind === 'bidang' || r.kind === 'upt' ? `${opdShort} – ${r.nama}` : r.singkatan ?? r.nama,
        short: r.kind === 'kecamatan' || r.kind === 'desa' ? r.nama : opdShort,
        opdId: opd.id,
        speed: unitSpeed(r.kind, opd.kode.split('/')[1] ?? '', r.kode),
      }
      this.units.set(r.id, info)
      this.byPath.set(r.kode.slice(kabupaten.length + 1), info)
      if (r.kind === 'kecamatan' && r.region_kode) this.kecUnit.set(r.region_kode, r.id)
      if (r.kind === 'desa' && r.region_kode) this.desaUnit.set(r.region_kode, r.id)
    }
    const kominfo = this.byPath.get('diskominfo')
    this.admin = `Admin ${kominfo ? kominfo.short : 'Diskominfo'}`

    const categoryId = new Map(
      (db.prepare('SELECT id, kode FROM category').all() as { id: number; kode: string }[]).map((c) => [c.kode, c.id]),
    )
    this.topics = []
    for (const spec of TOPICS) {
      const weight = typeof spec.weight === 'number' ? spec.weight : spec.weight[kabupaten] ?? 0
      const catId = categoryId.get(spec.category)
      if (weight <= 0 || catId == null) continue
      const route = this.route(spec.targets, spec.wrong)
      if (!route) continue
      const scenarios = (TOPIC_TEXTS[spec.key]?.scenarios ?? []).map(
        (sc) => (sc.to || sc.wrong ? this.route(sc.to ?? spec.targets, [...(sc.wrong ?? []), ...spec.wrong]) : null) ?? route,
      )
      this.topics.push({ key: spec.key, categoryId: catId, spec, ...route, scenarios })
    }
    this.topicsByMonth = []
    for (let m = 1; m <= 12; m++) {
      this.topicsByMonth.push(
        new Weighted(this.topics.map((t) => [t, (typeof t.spec.weight === 'number' ? t.spec.weight : t.spec.weight[kabupaten] ?? 0) * (t.spec.months?.[m] ?? 1)] as const)),
      )
    }
  }

  pickTopic(rng: Rng, month: number): Topic {
    return this.topicsByMonth[month - 1].sample(rng)
  }

  topic(key: string): Topic | undefined {
    return this.topics.find((t) => t.key === key)
  }

  /** The unit that should handle a complaint of this topic (and scenario, or the topic's default route) at this place. */
  pickUnit(rng: Rng, route: Route, kecamatan: string | null, desa: string | null): number {
    const t = route.targets.sample(rng)
    if (t === -1) return (kecamatan && this.kecUnit.get(kecamatan)) || route.fallback
    if (t === -2) return (desa && this.desaUnit.get(desa)) || (kecamatan && this.kecUnit.get(kecamatan)) || route.fallback
    return t
  }

  /** A plausible wrong OPD for a misrouted first disposition (never the right one). */
  pickWrong(rng: Rng, route: Route, right: number): number | null {
    const rightOpd = this.units.get(right)!.opdId
    const options = route.wrong.filter((id) => id !== right && id !== rightOpd)
    return options.length ? rng.pick(options) : null
  }

  /** Resolves a list of target paths and wrong paths to unit ids (null when none of the targets exists here). */
  private route(paths: [string, number][], wrongPaths: string[]): Route | null {
    const targets: [number, number][] = []
    for (const [path, w] of paths) {
      const id = path === '@kec' ? -1 : path === '@desa' ? -2 : this.resolve(path)?.id
      if (id != null) targets.push([id, w])
    }
    const fallback = targets.find(([id]) => id > 0)?.[0] ?? this.resolve('setda')?.id
    if (fallback == null || !targets.length) return null
    // A wrong unit is another OPD, or another bidang of the right OPD (Natuna: Udara vs Darat).
    const rightIds = new Set(targets.filter(([id]) => id > 0).map(([id]) => id))
    const rightOpd = new Set([...rightIds].map((id) => this.units.get(id)!.opdId))
    const wrong = [...new Set(wrongPaths
      .map((p) => this.resolve(p))
      .filter((u): u is UnitInfo => !!u && !rightIds.has(u.id) && (u.kind === 'bidang' || !rightOpd.has(u.opdId)))
      .map((u) => u.id))]
    const own = new Set(targets.map(([id]) => (id > 0 ? this.units.get(id)!.opdId : id)))
    return { targets: new Weighted(targets), fallback, wrong, own }
  }

  private resolve(path: string): UnitInfo | undefined {
    for (const alt of path.split('|')) {
      const u = this.byPath.get(alt)
      if (u) return u
    }
    return undefined
  }
}

function unitSpeed(kind: string, opdKey: string, kode: string): number {
  // Kecamatan and desa answer slowly and unevenly; bidang vary a little around their OPD.
  if (kind === 'kecamatan') return 1.1 + 0.8 * stableUnit(kode)
  if (kind === 'desa') return 1.3 + 1.2 * stableUnit(kode)
  const base = SPEED[opdKey] ?? 0.9 + 0.6 * stableUnit(opdKey)
  return kind === 'opd' ? base : base * (0.85 + 0.3 * stableUnit(kode))
}
