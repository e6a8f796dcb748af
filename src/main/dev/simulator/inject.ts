// Early-warning test traffic in the upstream: an outbreak (complaints of one category in one kecamatan over a few
// days, texts from the store's own complaints of that category) and batches of near-duplicate reports (rephrased,
// with typos, from other people), as the demo generator's --wabah does, but written into the simulator's world with
// a fresh feed time, so the app's next sync fetches them like any new complaint.
import type { SimStore } from './store.ts'
import { injectDuplicates, injectOutbreak } from '../demo/outbreak.ts'
import { DAY_MS } from '#main/calendar/days.ts'

export type SimInjection = {
  kabupaten: string
  /** KECAMATAN:KATEGORI[:JUMLAH[:HARI]]: the outbreak ends now (its days are the last ones). */
  wabah?: string
  /** How many complaints of the last days get 2–4 near-duplicates each. */
  ganda?: number
  seed?: number
}

export type SimInjected = { outbreak: number[]; duplicates: { original: number; copies: number[] }[] }

export function injectIntoSimulator(store: SimStore, o: SimInjection, now = Date.now()): SimInjected {
  const { db } = store
  const seed = o.seed ?? 1
  return db.transaction((): SimInjected => {
    let outbreak: number[] = []
    if (o.wabah) {
      const [kecamatan, kategoriKode, count = '25', days = '4'] = o.wabah.split(':')
      if (!db.prepare('SELECT 1 FROM kecamatan WHERE kode = ? AND kabupaten_kode = ?').get(kecamatan, o.kabupaten)) {
        throw new Error(`--wabah: kecamatan ${kecamatan} tidak ada di kabupaten ${o.kabupaten}`)
      }
      const kategori = db.prepare('SELECT id FROM category WHERE kode = ? AND parent_id IS NULL').pluck().get(kategoriKode) as number | undefined
      if (kategori === undefined) throw new Error(`--wabah: kategori ${kategoriKode} tidak dikenal (kode kategori utama, mis. kesehatan, infrastruktur)`)
      if (!(Number(count) > 0) || !(Number(days) > 0)) throw new Error(`--wabah ${o.wabah}: bentuknya KECAMATAN:KATEGORI[:JUMLAH[:HARI]]`)
      const start = now - Number(days) * DAY_MS
      outbreak = injectOutbreak(db, { kabupaten: o.kabupaten, kecamatan, kategori, start, days: Number(days), count: Number(count), seed })
    }
    const originals = o.ganda
      ? (db
          .prepare('SELECT id FROM complaint WHERE kabupaten_kode = ? AND submitted_at >= ? AND desa_kode IS NOT NULL ORDER BY submitted_at DESC LIMIT ?')
          .pluck()
          .all(o.kabupaten, now - 7 * DAY_MS, o.ganda) as number[])
      : []
    const duplicates = originals.map((original, i) => ({ original, copies: injectDuplicates(db, original, 2 + ((seed + i) % 3), seed * 1000 + i) }))
    // A new version in the feed: the app's incremental sync fetches what changed after its cursor.
    const mark = db.prepare('UPDATE complaint SET upstream_updated_at = ?, upstream_version = 1 WHERE id = ?')
    for (const id of [...outbreak, ...duplicates.flatMap((d) => d.copies)]) mark.run(store.tick(), id)
    return { outbreak, duplicates }
  }).immediate()
}
