// The history the model learns from, as labelled lines for `tanggap eval-routing`: lets a Pemda measure the
// classifier on its own complaints. Personal numbers are masked; labels are unit paths ('dinkes/yankes', '@desa').
import { writeFileSync } from 'node:fs'
import type { Db } from '../store/open.ts'
import { maskPersonalNumbers } from '../privacy/mask.ts'

export function exportHistory(db: Db, kabupaten: string, file: string): number {
  const rows = db
    .prepare(
      `SELECT c.judul, c.isi, e.label FROM routing_example e JOIN complaint c ON c.id = e.complaint_id
       WHERE e.kabupaten_kode = ? ORDER BY c.id`,
    )
    .all(kabupaten) as { judul: string; isi: string; label: string }[]
  writeFileSync(file, rows.map((r) => JSON.stringify({ text: maskPersonalNumbers(`${r.judul}\n${r.isi}`), label: r.label })).join('\n') + '\n')
  return rows.length
}
