import { openStore } from '../src/main/store/open.ts'
import { slaContext, toSlaRow } from '../src/main/kpi/refresh.ts'
import { AggregateDelta } from '../src/main/kpi/aggregates.ts'
const db = openStore('/tmp/d1.db')
const ctx = slaContext(db, '64.08')
let t = performance.now()
const SOURCE_SQL = `
  SELECT c.id, c.kabupaten_kode, c.submitted_at, c.verified_at, c.dispositioned_at, c.first_response_at, c.closed_at,
         c.status, c.unit_id, c.kecamatan_kode, c.desa_kode, c.category_id, c.channel, c.klasifikasi, c.is_anonim,
         c.is_rahasia, c.disposition_count,
         (SELECT max(at) FROM complaint_event e WHERE e.complaint_id = c.id AND e.kind = 'tindak_lanjut') AS last_tl_at,
         (SELECT max(at) FROM complaint_event e WHERE e.complaint_id = c.id AND e.kind = 'pelapor_reply') AS last_reply_at,
         (SELECT to_unit_id FROM complaint_event e WHERE e.complaint_id = c.id AND e.kind = 'disposition'
          ORDER BY e.at, e.id LIMIT 1) AS first_unit_id
  FROM complaint c`
const rows = db.prepare(SOURCE_SQL).all() as any[]
console.log('select', performance.now() - t); t = performance.now()
const sla = rows.map((r) => toSlaRow(r, ctx))
console.log('compute', performance.now() - t); t = performance.now()
const d = new AggregateDelta()
for (const r of sla) d.add(r, 1)
console.log('delta', performance.now() - t); t = performance.now()
db.transaction(() => { db.exec('DELETE FROM kpi_count; DELETE FROM kpi_hist'); d.write(db) })()
console.log('write agg', performance.now() - t); t = performance.now()
console.log(db.prepare('select count(*) from kpi_count').pluck().get(), db.prepare('select count(*) from kpi_hist').pluck().get())
