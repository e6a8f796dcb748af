// Trouble injected into a demo store, to test the early warning as a real outbreak would: a burst of complaints on
// one topic in one kecamatan over a few days on top of normal traffic, and near-duplicate reports of one problem
// (rephrased, mistyped, from different people). Texts are taken from the store's own complaints of that category,
// so the burst reads like the kecamatan's usual complaints — only more of them.
import type { Db } from '#main/store/open.ts'
import { DAY_MS } from '#main/calendar/days.ts'
import { INFORMAL } from '#main/routing/lexicon.ts'
import { Rng } from './random.ts'

type Template = {
  kabupaten_kode: string
  judul: string
  isi: string
  klasifikasi: string
  channel: string
  category_id: number | null
  kecamatan_kode: string | null
  desa_kode: string | null
  lat: number | null
  lon: number | null
}

const TEMPLATE_COLUMNS = 'kabupaten_kode, judul, isi, klasifikasi, channel, category_id, kecamatan_kode, desa_kode, lat, lon'

function insertLike(db: Db, t: Template, at: number, tracking: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, category_id, status, status_raw,
           kecamatan_kode, desa_kode, lat, lon, submitted_at, updated_at)
         VALUES (@kabupaten_kode, 'uji', @tracking, @judul, @isi, @klasifikasi, @channel, @category_id, 'belum_terverifikasi',
           'Belum Terverifikasi', @kecamatan_kode, @desa_kode, @lat, @lon, @at, @at)`,
      )
      .run({ ...t, tracking, at }).lastInsertRowid,
  )
}

export type OutbreakSpec = {
  kabupaten: string
  kecamatan: string
  /** A top-level category id: texts come from complaints filed under it or its subcategories. */
  kategori: number
  /** First instant of the outbreak (ms). */
  start: number
  days: number
  count: number
  seed: number
}

/** Inserts `count` complaints spread over `days` days from `start`; returns their ids (none when no text exists). */
export function injectOutbreak(db: Db, spec: OutbreakSpec): number[] {
  const rng = new Rng(spec.seed)
  // sql-vetted: a constant column list
  const templates = db
    .prepare(
      `SELECT ${TEMPLATE_COLUMNS} FROM complaint c JOIN category k ON k.id = c.category_id
        WHERE c.kabupaten_kode = ? AND (k.id = ? OR k.parent_id = ?) ORDER BY c.id LIMIT 400`,
    )
    .all(spec.kabupaten, spec.kategori, spec.kategori) as Template[]
  if (!templates.length) return []
  const desa = db.prepare('SELECT kode FROM desa WHERE kecamatan_kode = ? ORDER BY kode').pluck().all(spec.kecamatan) as string[]
  // An outbreak is local: most reports come from two or three desa of the kecamatan.
  const hot = desa.length ? [rng.pick(desa), rng.pick(desa), rng.pick(desa)] : [null]
  const ids: number[] = []
  for (let i = 0; i < spec.count; i++) {
    const t = rng.pick(templates)
    // Growing over the days, as an outbreak does: later days get more reports.
    const day = Math.floor(Math.sqrt(rng.next()) * spec.days)
    const at = spec.start + day * DAY_MS + rng.int(DAY_MS)
    ids.push(insertLike(db, { ...t, kecamatan_kode: spec.kecamatan, desa_kode: rng.pick(hot), lat: null, lon: null }, at, `UJI-W${spec.seed}-${i}`))
  }
  return ids
}

const STANDARD_TO_INFORMAL = (() => {
  const m = new Map<string, string>()
  for (const [informal, standard] of Object.entries(INFORMAL)) if (standard && !standard.includes(' ') && !m.has(standard)) m.set(standard, informal)
  return m
})()

const OPENINGS = ['', 'Mohon perhatian. ', 'Tolong ', 'Lapor, ', 'Assalamualaikum, ', 'Pak/Bu, ']

/** A citizen's rewording of a text: informal spellings, typos, a dropped word, another opening. */
export function rephrase(text: string, rng: Rng): string {
  const words = text.split(/\s+/).filter(Boolean)
  const out: string[] = []
  for (const w of words) {
    const lower = w.toLowerCase()
    if (words.length > 6 && rng.chance(0.06)) continue
    const informal = STANDARD_TO_INFORMAL.get(lower)
    if (informal && rng.chance(0.5)) out.push(informal)
    else if (w.length > 4 && rng.chance(0.12)) {
      const i = 1 + rng.int(w.length - 2)
      out.push(rng.chance(0.5) ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))
    } else out.push(rng.chance(0.3) ? lower : w)
  }
  return rng.pick(OPENINGS) + out.join(' ')
}

/** Copies of complaint `original` as `copies` other people would report the same problem within a few days. */
export function injectDuplicates(db: Db, original: number, copies: number, seed: number): number[] {
  const rng = new Rng(seed)
  // sql-vetted: a constant column list
  const t = db.prepare(`SELECT ${TEMPLATE_COLUMNS}, submitted_at FROM complaint WHERE id = ?`).get(original) as (Template & { submitted_at: number }) | undefined
  if (!t) return []
  const ids: number[] = []
  for (let i = 0; i < copies; i++) {
    // Within a few days of the original, never in the future.
    const at = Math.min(Date.now() - 60_000, t.submitted_at + Math.round((rng.next() * 7 - 2) * DAY_MS))
    ids.push(insertLike(db, { ...t, judul: rephrase(t.judul, rng), isi: rephrase(t.isi, rng) }, at, `UJI-G${seed}-${i}`))
  }
  return ids
}
