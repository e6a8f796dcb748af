// The misroute column of the KPI export read back from the files (xlsx with our own reader, CSV with csv-parse):
// per OPD it equals what the KPI API returns, on a hand-built chain DLH → Dinkes → Setda (rule
// MISROUTE_CHARGED_PER_HOLDER: DLH 3 hk, Dinkes 3 hk, Setda 0).
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { tempDir, tempStore } from '../helpers.ts'
import { openReader, type Db } from '#main/store/open.ts'
import { buildDoc, writeDoc } from '#main/export/run.ts'
import { exportRequestSchema, type ExportFormat } from '#main/export/request.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { rebuildKabupaten, slaContext } from '#main/kpi/refresh.ts'
import { kpiFor } from '#main/kpi/service.ts'
import { addHistory, wita } from '../kpi/history-store.ts'
import { readXlsx } from './xlsx-reader.ts'

const KAB = '64.08'
const AUGUST = { from: '2025-08-01', to: '2025-08-31' }
const NOW = wita('2025-09-30 12:00')
const HEADER = 'Hk hilang karena salah sasaran'

function store(): Db {
  const { db } = tempStore()
  seedKabupaten(db, KAB)
  addHistory(db, 'ABC', '2025-08-13 08:00', 'proses', [
    { kind: 'disposition', at: '2025-08-13 10:00', unit: '64.08/dlh' },
    { kind: 'disposition', at: '2025-08-19 10:00', unit: '64.08/dinkes' },
    { kind: 'disposition', at: '2025-08-22 15:00', unit: '64.08/setda' },
    { kind: 'tindak_lanjut', at: '2025-08-28 10:00' },
  ])
  addHistory(db, 'D', '2025-08-13 08:00', 'proses', [
    { kind: 'disposition', at: '2025-08-13 10:00', unit: '64.08/dlh' },
    { kind: 'disposition', at: '2025-08-14 10:00', unit: '64.08/dinkes' },
    { kind: 'tindak_lanjut', at: '2025-08-15 10:00' },
  ])
  db.transaction(() => rebuildKabupaten(db, KAB, slaContext(db, KAB, NOW))).immediate()
  return db
}

async function exportTo(db: Db, format: ExportFormat): Promise<string> {
  const file = join(tempDir(), `kpi.${format}`)
  const reader = openReader(db)
  try {
    const request = exportRequestSchema.parse({ kind: 'kpi', kabupaten: KAB, period: AUGUST, dims: ['opd', 'first_opd'] })
    await writeDoc(buildDoc({ db, reader, role: 'admin', now: NOW, username: 'uji' }, request), { format, delimiter: ';' }, file)
  } finally {
    reader?.close()
  }
  return file
}

/** The API's misrouteHk per row name (the export's names), total first. */
function api(db: Db, dim: 'opd' | 'first_opd'): Map<string, number> {
  const t = kpiFor(db, KAB, dim, AUGUST, NOW, 1)
  return new Map([['Total', t.total.misrouteHk], ...t.rows.map((r) => [r.label, r.misrouteHk] as [string, number])])
}

describe('KPI export: hari kerja lost to misroutes per OPD', () => {
  it('writes the column in the xlsx equal to the API per OPD', async () => {
    const db = store()
    const book = readXlsx(await exportTo(db, 'xlsx'))
    for (const [sheet, dim] of [['Per OPD', 'opd'], ['Per OPD penerima pertama', 'first_opd']] as const) {
      const s = book.sheet(sheet)
      const col = s.rows[0].indexOf(HEADER)
      expect(col).toBeGreaterThan(0)
      const fromFile = new Map(s.rows.slice(1).map((r) => [String(r[0]), Number(r[col])]))
      expect(fromFile).toEqual(api(db, dim))
    }
    // Worked by hand: DLH 3 + 1, Dinkes 3 (it answered D itself), Setda none; 7 in all.
    expect(api(db, 'opd')).toEqual(new Map([['Total', 7], ['Dinkes', 3], ['Setda', 0], ['DLH', 4]]))
  })

  it('writes the same column in the CSV', async () => {
    const db = store()
    const rows = parse(readFileSync(await exportTo(db, 'csv'), 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][]
    const col = rows[0].indexOf(HEADER)
    expect(col).toBeGreaterThan(1)
    for (const [table, dim] of [['Per OPD', 'opd'], ['Per OPD penerima pertama', 'first_opd']] as const) {
      const fromFile = new Map(rows.slice(1).filter((r) => r[0] === table).map((r) => [r[1], Number(r[col])]))
      expect(fromFile).toEqual(api(db, dim))
    }
  })
})
