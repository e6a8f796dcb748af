// The deadline rows the aggregates are summed from are read raw and made into objects of one shape (sla-row.ts
// slaRowOf): a positional mistake there would move a figure into another column of every KPI. Each row made so must
// equal the same row read as an object by name, for every column.
import { describe, expect, it } from 'vitest'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { SLA_COLUMNS, SLA_SELECT, slaRowOf } from '#main/kpi/sla-row.ts'
import { SOURCE_SQL, sourceRowOf } from '#main/kpi/refresh.ts'
import { tempStore } from '../helpers.ts'

describe('deadline rows read raw', () => {
  it('equal the rows read by column name, column for column, as do the complaints they are computed from', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: '64.08', count: 600, seed: 7, until: new Date('2026-11-20T00:00:00Z') })
    const named = db.prepare('SELECT * FROM complaint_sla ORDER BY complaint_id').all() as Record<string, unknown>[]
    // sql-vetted: SLA_SELECT is the constant column list of complaint_sla
    const raw = db.prepare(`SELECT ${SLA_SELECT} FROM complaint_sla ORDER BY complaint_id`).raw().all() as unknown[][]
    expect(named.length).toBe(600)
    expect(Object.keys(named[0]).sort()).toEqual([...SLA_COLUMNS].sort())
    for (let i = 0; i < named.length; i++) expect(slaRowOf(raw[i])).toEqual(named[i])
    // The demo has what each column can hold: open and closed, misrouted, with and without a response.
    const seen = (column: string) => new Set(named.map((r) => r[column] === null)).size
    for (const column of ['response_hk', 'selesai_hk', 'misroute_segments', 'next_due_at', 'response_met']) expect(seen(column), column).toBe(2)

    // sql-vetted: SOURCE_SQL is a constant
    const sql = `${SOURCE_SQL} ORDER BY c.id`
    const complaints = db.prepare(sql).all() as Record<string, unknown>[]
    const rawComplaints = db.prepare(sql).raw().all() as unknown[][]
    expect(complaints.length).toBe(600)
    for (let i = 0; i < complaints.length; i++) expect(sourceRowOf(rawComplaints[i])).toEqual(complaints[i])
  })
})
