// Kecamatan and desa named the way spreadsheets name them: "Kec. Sangatta Utara", "SANGATTA UTARA",
// "Sangata Utara" (a typo), "Desa Swarga Bara", or by Kemendagri code with or without dots ("64.08.04", "640804").
// Matching is tolerant but never guesses between two candidates: an ambiguous name is an error with both names.
import type { Db } from '#main/store/open.ts'
import type { Parsed } from './dates.ts'
import { editDistance, foldPlace, typoBudget } from '#main/reference/names/fold.ts'

type Place = { kode: string; nama: string; key: string; compact: string; parent: string }

export type PlaceIndex = {
  kecamatan(text: string): Parsed<string>
  /** A desa, inside the given kecamatan when known (the same desa name recurs across kecamatan). */
  desa(text: string, kecamatanKode: string | null): Parsed<{ kode: string; kecamatan: string }>
}

function place(kode: string, nama: string, parent: string): Place {
  const key = foldPlace(nama)
  return { kode, nama, key, compact: key.replace(/ /g, ''), parent }
}

/** "640804" → "64.08.04", "6408041010" → "64.08.04.1010"; dotted codes pass through. */
function dottedCode(text: string): string | null {
  const t = text.trim()
  if (/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/.test(t)) return t
  const m = /^(\d{2})(\d{2})(\d{2})(\d{4})?$/.exec(t)
  return m ? [m[1], m[2], m[3], m[4]].filter(Boolean).join('.') : null
}

function match(list: Place[], text: string, what: string): Parsed<Place> {
  const key = foldPlace(text)
  if (key === '') return { ok: false, reason: `${what} kosong` }
  const compact = key.replace(/ /g, '')
  const exact = list.filter((p) => p.key === key || p.compact === compact)
  if (exact.length === 1) return { ok: true, value: exact[0] }
  if (exact.length > 1) return { ok: false, reason: `${what} "${text}" ambigu: ${exact.map((p) => `${p.nama} (${p.kode})`).join(', ')}` }
  const budget = typoBudget(compact.length)
  let best: Place[] = []
  let bestD = budget + 1
  for (const p of list) {
    const d = editDistance(compact, p.compact, budget)
    if (d < bestD) [best, bestD] = [[p], d]
    else if (d === bestD && d <= budget) best.push(p)
  }
  if (best.length === 1) return { ok: true, value: best[0] }
  if (best.length > 1) return { ok: false, reason: `${what} "${text}" ambigu: ${best.map((p) => `${p.nama} (${p.kode})`).join(', ')}` }
  return { ok: false, reason: `${what} "${text}" tidak ditemukan di kabupaten ini` }
}

export function placeIndex(db: Db, kabupaten: string): PlaceIndex {
  const kecamatan = (db.prepare('SELECT kode, nama FROM kecamatan WHERE kabupaten_kode = ?').all(kabupaten) as { kode: string; nama: string }[]).map((k) =>
    place(k.kode, k.nama, kabupaten),
  )
  const desa = (
    db
      .prepare('SELECT d.kode, d.nama, d.kecamatan_kode FROM desa d JOIN kecamatan k ON k.kode = d.kecamatan_kode WHERE k.kabupaten_kode = ?')
      .all(kabupaten) as { kode: string; nama: string; kecamatan_kode: string }[]
  ).map((d) => place(d.kode, d.nama, d.kecamatan_kode))
  const byKode = new Map([...kecamatan, ...desa].map((p) => [p.kode, p]))
  const cache = new Map<string, Parsed<unknown>>()
  const memo = <T>(key: string, f: () => Parsed<T>): Parsed<T> => {
    if (!cache.has(key)) cache.set(key, f())
    return cache.get(key) as Parsed<T>
  }

  return {
    kecamatan: (text) =>
      memo(`k|${text}`, () => {
        const code = dottedCode(text)
        if (code) {
          const p = byKode.get(code)
          return p && p.parent === kabupaten && code.length === 8 ? { ok: true, value: p.kode } : { ok: false, reason: `kode kecamatan ${code} bukan bagian kabupaten ${kabupaten}` }
        }
        const m = match(kecamatan, text, 'kecamatan')
        return m.ok ? { ok: true, value: m.value.kode } : m
      }),
    desa: (text, kec) =>
      memo(`d|${kec}|${text}`, () => {
        const code = dottedCode(text)
        if (code) {
          const p = byKode.get(code)
          if (!p || code.length !== 13) return { ok: false, reason: `kode desa ${code} bukan bagian kabupaten ${kabupaten}` }
          if (kec && p.parent !== kec) return { ok: false, reason: `desa ${p.nama} (${code}) bukan bagian kecamatan ${kec}` }
          return { ok: true, value: { kode: p.kode, kecamatan: p.parent } }
        }
        const m = match(kec ? desa.filter((d) => d.parent === kec) : desa, text, kec ? `desa di kecamatan ${byKode.get(kec)?.nama ?? kec}` : 'desa')
        return m.ok ? { ok: true, value: { kode: m.value.kode, kecamatan: m.value.parent } } : m
      }),
  }
}
