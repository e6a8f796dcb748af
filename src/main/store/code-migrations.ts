// The schema work of some migrations that SQL alone cannot do, by migration number. The numbered SQL file still
// exists (its comments say why) and runs right after the code, in the same transaction (migrate.ts).
import type { Db } from './open.ts'
import { rebuildTable } from './rebuild-table.ts'

/** Adds a value to the `IN (…)` list of a column's CHECK in a CREATE TABLE statement (no change if present). */
export function widenCheck(createSql: string, column: string, value: string): string {
  const re = new RegExp(`(CHECK \\(${column} IN \\()([^)]*)(\\))`)
  const m = re.exec(createSql)
  if (!m) throw new Error(`CHECK (${column} IN …) tidak ditemukan`)
  if (m[2].includes(`'${value}'`)) return createSql
  return createSql.replace(re, (_all, open: string, list: string, close: string) => `${open}${list}, '${value}'${close}`)
}

export const CODE_MIGRATIONS: Record<number, (db: Db) => void> = {
  // 0019_telepon: a real 'telepon' channel; a phone call was counted as tatap_muka.
  19: (db) => {
    rebuildTable(db, 'complaint', (sql) => widenCheck(sql, 'channel', 'telepon'))
  },
  // 0028_liaison: the liaison role of the units (penghubung).
  28: (db) => {
    rebuildTable(db, 'app_user', (sql) => widenCheck(sql, 'role', 'penghubung'))
  },
}
