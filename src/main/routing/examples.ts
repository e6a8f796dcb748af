// What a complaint teaches the model, and how the model reads it.
//
// A complaint is an example once its unit is settled: closed as selesai by the unit that finally handled it (the
// final disposition, not the first: a complaint first sent to the wrong OPD teaches the right one), or moved by a
// supervisor (disposition_count >= 2) while still open: a correction, which counts double because someone looked
// at it and said where it belongs. Bukan wewenang, tunda, arsip and unsettled open complaints teach nothing.
import type { Status } from '#shared/domain.ts'
import { labelOfUnit, type RoutingContext } from './context.ts'
import type { Reading } from './train.ts'
import { withoutPersonNames } from '../privacy/person-names.ts'

export type RoutingRow = {
  id: number
  kabupaten_kode: string
  judul: string
  isi: string
  category_id: number | null
  status: Status
  unit_id: number | null
  disposition_count: number
  kecamatan_kode: string | null
  desa_kode: string | null
  /** Only to cut the reporter's own name out of the text before the model reads it (never a feature). */
  reporter_nama: string | null
}

export const ROUTING_COLUMNS =
  'c.id, c.kabupaten_kode, c.judul, c.isi, c.category_id, c.status, c.unit_id, c.disposition_count, c.kecamatan_kode, c.desa_kode, ' +
  '(SELECT r.nama FROM reporter r WHERE r.complaint_id = c.id) AS reporter_nama'

export type LearnedExample = { label: string; weight: number; isCorrection: boolean }

export const CORRECTION_WEIGHT = 2

const OPEN: ReadonlySet<Status> = new Set(['belum_ditindaklanjuti', 'proses'])

export function exampleOf(c: RoutingRow, ctx: RoutingContext): LearnedExample | null {
  const label = labelOfUnit(ctx, c.unit_id)
  if (label === null) return null
  const isCorrection = c.disposition_count >= 2
  if (c.status === 'selesai') return { label, weight: isCorrection ? CORRECTION_WEIGHT : 1, isCorrection }
  if (OPEN.has(c.status) && isCorrection) return { label, weight: CORRECTION_WEIGHT, isCorrection }
  return null
}

/** Title and body without names of people (the reporter's own, names the text introduces: privacy/person-names.ts),
 *  plus the LAPOR! category as one extra token when the complaint has one. */
export function readingOf(c: Pick<RoutingRow, 'judul' | 'isi' | 'category_id'> & { reporter_nama?: string | null }, ctx: RoutingContext): Reading {
  const kode = c.category_id === null ? undefined : ctx.categoryKode.get(c.category_id)
  const text = `${c.judul}\n${c.isi}`
  return { text: withoutPersonNames(text, nameMayOccur(text, c.reporter_nama) ? c.reporter_nama : null), extras: kode ? [`kategori:${kode}`] : [] }
}

/**
 * False only when the reporter's name cannot occur in the text, so cutting it out would change nothing: none of
 * the name's words that person-names.ts cuts (three letters or more) is in the lower-cased text. Building and
 * running that case-insensitive pattern for every complaint was most of a full training from the store (7 of 11 s
 * CPU for the 17,191-complaint demo history), and a reporter's name is seldom in their own text. Exact for ASCII
 * names: the only other characters that fold to ASCII letters under /iu, the long s and the Kelvin sign, are
 * folded here too; a name with other letters is always cut by the pattern.
 */
export function nameMayOccur(text: string, nama: string | null | undefined): boolean {
  const words = nama?.trim().split(/\s+/).filter((w) => w.length >= 3) ?? []
  if (words.length === 0) return false
  if (words.some((w) => !/^[\x20-\x7e]+$/.test(w))) return true
  const lower = text.toLowerCase().replace(/\u017f/g, 's')
  return words.some((w) => lower.includes(w.toLowerCase()))
}

export function sameExample(a: { label: string; weight: number } | null, b: { label: string; weight: number } | null): boolean {
  return a === b || (a !== null && b !== null && a.label === b.label && a.weight === b.weight)
}
