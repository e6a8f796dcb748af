// SQL only through bound parameters: every template literal in src/main that builds SQL and interpolates
// something must interpolate only SQL text the code wrote itself, and each such place says why in a
// `sql-vetted:` comment. A value spliced into SQL (the way injections happen) fails this test.
import { join } from 'node:path'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { scanSqlInterpolations } from './sql-scan.ts'

describe('SQL in src/main', () => {
  it('interpolates nothing unvetted', () => {
    const found = scanSqlInterpolations(join(import.meta.dirname, '../../src/main'))
    expect(found.length).toBeGreaterThan(10) // the scanner does see the vetted ones
    const unvetted = found.filter((f) => !f.vetted).map((f) => `${f.file}:${f.line}: \${${f.expression}} — add "// sql-vetted: why" above line ${f.statementLine}, or bind it`)
    expect(unvetted).toEqual([])
  })

  it('the scanner catches values spliced into SQL, in templates, with +, and in PRAGMA arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanggap-sqlscan-'))
    try {
      mkdirSync(join(dir, 'x'))
      writeFileSync(
        join(dir, 'x', 'bad.ts'),
        [
          "export const a = (db: any, name: string) => db.prepare(`SELECT * FROM reporter WHERE nama = '${name}'`).all()",
          "export const b = (db: any, id: string) => db.prepare('DELETE FROM complaint WHERE id = ' + id).run()",
          'export const c = (db: any, key: string) => db.pragma(`key = \'${key}\'`)',
          "export const ok = (db: any, ids: number[]) => db.prepare(`SELECT * FROM complaint WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids)",
          "export const ok2 = (db: any, f: boolean) => db.prepare(`SELECT * FROM complaint ${f ? 'WHERE is_anonim = 1' : ''}`).all()",
        ].join('\n'),
      )
      const found = scanSqlInterpolations(dir)
      expect(found.map((f) => f.expression)).toEqual(['name', 'id', 'key'])
      expect(found.every((f) => f.vetted === null)).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
