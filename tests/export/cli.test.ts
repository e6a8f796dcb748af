// `tanggap export` as a scheduled task runs it: a real process on a real store, files read back independently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'csv-parse/sync'
import { openStore } from '#main/store/open.ts'
import { seedKnown } from './seed.ts'
import { readXlsx } from './xlsx-reader.ts'

const BIN = resolve('bin/tanggap.js')
let dir: string
let db: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanggap-export-cli-'))
  db = join(dir, 'store.db')
  const store = openStore(db)
  seedKnown(store)
  store.close()
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function tanggap(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, TZ: 'UTC' } }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('tanggap export', () => {
  it('exports a queue as CSV for the role given, and says what it wrote', async () => {
    const out = join(dir, 'proses.csv')
    const r = await tanggap('export', '--db', db, '--what', 'semua', '--format', 'csv', '--out', out, '--role', 'operator', '--from', '2026-01-05', '--to', '2026-01-07')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ file: out, what: 'semua', format: 'csv', role: 'operator', rows: 3 })
    const rows = parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][]
    expect(rows.pop()?.[0], 'the audit head closes the file').toMatch(/^Kepala log audit: (entri \d+ · hash [0-9a-f]{64}|log audit masih kosong)/)
    expect(rows.slice(1).map((row) => row[0])).toEqual(['K1', 'K2', 'K3'])
    expect(rows[0]).not.toContain('NIK') // an operator's file has no reporter columns
    expect(rows[1][2]).toContain('[NIK disembunyikan]')
  })

  it('exports the recap of the previous month by default, in the kabupaten zone', async () => {
    const out = join(dir, 'rekap.xlsx')
    // 1 February 2026 at 07:00 WITA: the previous month is January.
    const r = await tanggap('export', '--db', db, '--what', 'recap', '--format', 'xlsx', '--out', out, '--now', '2026-01-31T23:00:00Z')
    expect(r.code).toBe(0)
    const book = readXlsx(out)
    expect(book.sheets.map((s) => s.name)).toEqual(['Rekap per OPD', 'Rekap per kategori', 'Keterangan'])
    expect(book.sheet('Rekap per OPD').rows[1].slice(1, 3)).toEqual(['Total', 5])
    expect(book.sheet('Keterangan').rows.find((row) => row[0] === 'Periode')?.[1]).toMatch(/^Januari 2026/)
  })

  it('exports the KPI tables as one CSV with a column naming each table', async () => {
    const out = join(dir, 'kpi.csv')
    const r = await tanggap('export', '--db', db, '--what', 'kpi', '--format', 'csv', '--out', out, '--from', '2026-01-01', '--to', '2026-01-31', '--delimiter', ',')
    expect(r.code).toBe(0)
    const rows = parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ',' }) as string[][]
    expect(rows.pop()?.[0], 'the audit head closes the file').toMatch(/^Kepala log audit: (entri \d+ · hash [0-9a-f]{64}|log audit masih kosong)/)
    expect(new Set(rows.slice(1).map((row) => row[0]))).toEqual(new Set(['Per OPD', 'Per kecamatan', 'Per kategori', 'Per kanal', 'Per klasifikasi']))
  })

  it('exports the briefing slides as a PDF, one page per slide', async () => {
    const out = join(dir, 'briefing.pdf')
    const r = await tanggap('export', '--db', db, '--what', 'briefing', '--format', 'pdf', '--out', out, '--from', '2026-01-01', '--to', '2026-01-31')
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toMatchObject({ what: 'briefing', format: 'pdf' })
    // Read back with poppler, not with what wrote it.
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' })
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(6)
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toMatch(/Kutai Timur/)
  })

  it.each([
    [['--what', 'antrean_x', '--format', 'csv'], /--what antrean_x: tidak dikenal \(pilihan: verifikasi, disposisi/],
    [['--what', 'recap', '--format', 'csv', '--from', '2026-01-31', '--to', '2026-01-01'], /periode tidak sah.*awal periode harus sebelum akhir periode/],
    [['--what', 'kpi', '--format', 'csv', '--from', '2026-02-30', '--to', '2026-03-01'], /periode tidak sah \(--from 2026-02-30/],
    [['--what', 'kpi', '--format', 'csv', '--from', '2026-01-01'], /--from dan --to harus diberikan bersama/],
    [['--what', 'semua', '--format', 'pdf'], /--format pdf hanya untuk --what briefing/],
    [['--what', 'semua', '--format', 'csv', '--kabupaten', '99.99'], /kabupaten 99\.99 tidak ada/],
  ])('refuses %j with a clear message and writes nothing', async (args, message) => {
    const out = join(dir, `bad-${Math.random()}.csv`)
    const r = await tanggap('export', '--db', db, '--out', out, ...args)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(message)
    expect(existsSync(out)).toBe(false)
  })
})
