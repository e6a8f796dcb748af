// `tanggap import` as an admin runs it: a JSON report on stdout, exit code 2 when rows were rejected, and a
// proposed mapping when the layout is unknown.
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { tempDir } from '../helpers.ts'
import { LAPOR_HEADERS, laporRow, writeCsv, writeXlsx } from './files.ts'

function tanggap(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/tanggap.js', 'import', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('tanggap import', () => {
  it('dry-runs, imports, and re-imports a file, printing the report as JSON', async () => {
    const dir = tempDir()
    const db = join(dir, 'cli.db')
    const ws = openWorkspace(db)
    seedKabupaten(ws.db, '64.08')
    ws.close()
    const file = await writeXlsx(dir, 'daftar.xlsx', {
      headers: LAPOR_HEADERS,
      rows: [laporRow(1, { id: 'A1', tanggal: '02/11/2026 09:15', status: 'Proses' }), laporRow(2, { id: 'A2', tanggal: 'besok', status: 'Proses' })],
    })
    const dry = tanggap('--db', db, '--file', file, '--dry-run')
    expect(dry.code).toBe(2) // a row was rejected
    const report = JSON.parse(dry.stdout)
    expect(report).toMatchObject({ dryRun: true, layout: { name: 'lapor-admin' }, rows: { accepted: 1, rejected: 1 }, stored: { inserted: 1 } })
    expect(report.issues[0]).toMatchObject({ row: 3, column: 'Tanggal Laporan', value: 'besok' })

    expect(JSON.parse(tanggap('--db', db, '--file', file).stdout).stored).toMatchObject({ inserted: 1 })
    expect(JSON.parse(tanggap('--db', db, '--file', file).stdout).stored).toMatchObject({ inserted: 0, unchanged: 1 })

    // An unknown layout: the reason, and a mapping to start from, which works once completed.
    const csv = writeCsv(dir, 'wa.csv', { headers: ['Tiket', 'Waktu', 'Keluhan', 'Kondisi'], rows: [['WA-1', '05/11/2026 09:00', 'Air mati', 'Proses']] })
    const unknown = tanggap('--db', db, '--file', csv)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/tata letak berkas tidak dikenali/)
    expect(unknown.stderr).toMatch(/Usulan pemetaan/)
    const mapping = join(dir, 'wa.json')
    writeFileSync(mapping, JSON.stringify({ columns: { tracking_id: 'Tiket', submitted_at: 'Waktu', isi: 'Keluhan', status: 'Kondisi' }, defaults: { channel: 'whatsapp_pemda' } }))
    const mapped = tanggap('--db', db, '--file', csv, '--mapping', mapping)
    expect(mapped.code).toBe(0)
    expect(JSON.parse(mapped.stdout)).toMatchObject({ layout: { name: 'custom' }, stored: { inserted: 1 } })

    expect(tanggap('--db', db, '--file', join(dir, 'tidak-ada.xlsx')).stderr).toMatch(/tidak ada/)
  }, 240_000)
})
