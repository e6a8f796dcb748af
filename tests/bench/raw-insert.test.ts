// `tanggap bench sync` measures a sync against the raw insert of the same rows, and beside it what the derived rows
// the sync left (deadlines, aggregates, words) cost inserted raw. Both copies must be whole, or the figures
// compare the sync with less work than it did. The raw rows are also copied into a store whose indexes are built at
// the end, as a first load builds them: that copy too must be whole, its indexes all back.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openStore, type Db } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { indexTerms } from '#main/isu/terms.ts'
import { DERIVED_TABLES, RAW_TABLES, rawInsert } from '#main/dev/bench/sync.ts'
import { tempDir } from '../helpers.ts'

/** A table's rows in the order of all their columns. */
function rows(db: Db, table: string): unknown[][] {
  // sql-vetted: table names from the bench's constant lists
  const n = (db.prepare(`SELECT count(*) FROM pragma_table_info('${table}')`).pluck().get() as number)
  // sql-vetted: table names from the bench's constant lists; the ORDER BY lists column positions
  return db.prepare(`SELECT * FROM ${table} ORDER BY ${Array.from({ length: n }, (_, i) => i + 1).join(', ')}`).raw().all() as unknown[][]
}

describe('the raw insert of the bench', () => {
  it('copies every raw and derived row of a synced store, and counts them apart', () => {
    const dir = tempDir()
    const from = openStore(join(dir, 'from.db'))
    seedKabupaten(from, '64.08')
    generateDemo(from, { kabupaten: '64.08', count: 400, seed: 5, until: new Date('2026-11-20T12:00:00Z') })
    from.transaction(() => indexTerms(from, {})).immediate()
    const count = (db: Db, tables: readonly string[]) => tables.reduce((n, t) => n + rows(db, t).length, 0)
    expect(count(from, ['kpi_count', 'isu_word_day'])).toBeGreaterThan(0)

    const r = rawInsert(from, join(dir, 'raw.db'), '64.08')
    expect(r.complaints).toBe(400)
    expect(r.rows).toBe(count(from, RAW_TABLES))
    expect(r.derived.rows).toBe(count(from, DERIVED_TABLES))
    const copy = openStore(join(dir, 'raw.db'))
    for (const table of [...RAW_TABLES, ...DERIVED_TABLES, 'isu_day']) expect(rows(copy, table), table).toEqual(rows(from, table))
    copy.close()
    // The like-for-like limit of a first load: the same raw rows, every index built back at the end.
    const late = openStore(join(dir, 'raw.db.indexes-at-end'))
    for (const table of RAW_TABLES) expect(rows(late, table), table).toEqual(rows(from, table))
    const indexes = (db: Db) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all()
    expect(indexes(late)).toEqual(indexes(from))
    expect(late.prepare('SELECT count(*) FROM deferred_index').pluck().get()).toBe(0)
    expect(r.indexesAtEnd.ms).toBeGreaterThanOrEqual(r.indexesAtEnd.buildMs)
    late.close()
    from.close()
  })
})
