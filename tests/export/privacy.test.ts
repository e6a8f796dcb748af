// Every export of a generated store, for every role, searched for reporter identities that must not be in it:
// the names, NIK and phone numbers of the reporters (known from the store), also where citizens typed them into
// their complaint, with the separators and +62 prefixes people use. Positive controls make sure the search is
// not vacuous: a supervisor's file does hold the identities of non-anonim reporters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { openReader, openStore, type Db } from '#main/store/open.ts'
import { buildDoc, writeDoc } from '#main/export/run.ts'
import { exportRequestSchema, type ExportFormat } from '#main/export/request.ts'
import { QUEUES } from '#main/queue/queries.ts'
import { ROLES, type Role } from '#shared/domain.ts'
import { allText, readXlsx } from './xlsx-reader.ts'
import { NOW, seedDemo } from './seed.ts'

type Reporter = { tracking_id: string; is_anonim: 0 | 1; is_rahasia: 0 | 1; nama: string; nik: string | null; phone: string | null; judul: string; isi: string }

let dir: string
let db: Db
let reporters: Reporter[]
let placeNames: string[]
const PERIOD = { from: '2023-11-01', to: '2026-11-30' }

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanggap-privacy-'))
  db = openStore(join(dir, 'store.db'))
  seedDemo(db, 1500)
  reporters = db
    .prepare('SELECT c.tracking_id, c.is_anonim, c.is_rahasia, r.nama, r.nik, r.phone, c.judul, c.isi FROM complaint c JOIN reporter r ON r.complaint_id = c.id')
    .all() as Reporter[]
  placeNames = db.prepare('SELECT nama FROM desa UNION SELECT nama FROM kecamatan UNION SELECT nama FROM unit UNION SELECT nama FROM category').pluck().all() as string[]
}, 120_000)

afterAll(() => {
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Every export the app offers, as [label, request]. */
function allExports(): [string, unknown][] {
  return [
    ...QUEUES.map((queue): [string, unknown] => [`antrean ${queue}`, { kind: 'queue', kabupaten: '64.08', queue }]),
    ['kpi', { kind: 'kpi', kabupaten: '64.08', period: PERIOD, dims: ['opd', 'unit', 'kecamatan', 'desa', 'category', 'channel', 'klasifikasi', 'first_opd'] }],
    ['rekap', { kind: 'recap', kabupaten: '64.08', period: PERIOD }],
  ]
}

async function exportText(request: unknown, format: ExportFormat, role: Role): Promise<string> {
  const file = join(dir, `out-${role}.${format}`)
  const reader = openReader(db)
  try {
    await writeDoc(buildDoc({ db, reader, role, now: NOW, username: 'uji' }, exportRequestSchema.parse(request)), { format, delimiter: ';' }, file)
  } finally {
    reader?.close()
  }
  return format === 'csv' ? readFileSync(file, 'utf8') : allText(readXlsx(file))
}

/** "0812-3456 7890", "+62 812 3456 7890" → "081234567890": numbers as digits, whatever way they were typed. */
function digitsJoined(text: string): string {
  return text.replace(/\+62[ .-]?(?=8)/g, '0').replace(/(?<=\d)[ .-](?=\d)/g, '')
}

type Identity = { names: Set<string>; numbers: Set<string> }

function identities(rows: Reporter[]): Identity {
  return {
    names: new Set(rows.map((r) => r.nama.toLowerCase())),
    numbers: new Set(rows.flatMap((r) => [r.nik, r.phone]).filter((n): n is string => n !== null)),
  }
}

/** The identities a file for this role must not contain (minus any that also belong to someone it may show). */
function forbiddenFor(role: Role): Identity {
  const mayShow = role === 'supervisor' || role === 'admin'
  const shown = identities(reporters.filter((r) => mayShow && r.is_anonim === 0))
  const hidden = identities(reporters.filter((r) => !mayShow || r.is_anonim === 1))
  // "Mariani" (an anonim reporter) is a word of "Mariani Lubis" (one the file may name), "Lestari" of the desa
  // Himba Lestari: finding those words is no leak.
  const shownText = [...shown.names, ...placeNames].join('\n')
  return {
    names: new Set([...hidden.names].filter((n) => !wordIn(shownText, n))),
    numbers: new Set([...hidden.numbers].filter((n) => !shown.numbers.has(n))),
  }
}

/** The name as whole words: "tri" is not in "listrik". */
function wordIn(text: string, name: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').test(text)
}

function leaks(text: string, forbidden: Identity): string[] {
  const lower = text.toLowerCase()
  const digits = digitsJoined(text)
  return [...[...forbidden.names].filter((n) => lower.includes(n) && wordIn(text, n)), ...[...forbidden.numbers].filter((n) => digits.includes(n))]
}

describe('no export leaks a reporter identity it must not hold', () => {
  it('the generated store has what the scan needs: anonim and rahasia reports, names and numbers in texts', () => {
    expect(reporters.filter((r) => r.is_anonim).length).toBeGreaterThan(20)
    expect(reporters.filter((r) => r.is_rahasia).length).toBeGreaterThan(5)
    expect(reporters.filter((r) => wordIn(r.isi, r.nama)).length).toBeGreaterThan(20)
    expect(reporters.filter((r) => r.nik && digitsJoined(r.isi).includes(r.nik)).length).toBeGreaterThan(5)
    expect(reporters.filter((r) => r.phone && digitsJoined(r.isi).includes(r.phone)).length).toBeGreaterThan(5)
  })

  it.each(ROLES)('role %s: every queue, KPI and recap export, csv and xlsx', async (role) => {
    const forbidden = forbiddenFor(role)
    expect(forbidden.names.size).toBeGreaterThan(20)
    for (const [label, request] of allExports()) {
      for (const format of ['csv', 'xlsx'] as const) {
        const text = await exportText(request, format, role)
        expect(leaks(text, forbidden), `${label} (${format}) for ${role}`).toEqual([])
        if (format === 'csv' && role !== 'supervisor' && role !== 'admin') {
          // Any NIK-shaped or mobile-number-shaped run of digits at all, known reporter or not.
          expect(digitsJoined(text).match(/(?<!\d)(?:\d{16}|08\d{8,11})(?!\d)/g), `${label} (${format}) for ${role}`).toBeNull()
        }
      }
    }
  }, 120_000)

  it('a supervisor file holds non-anonim reporters (the scan above is not vacuous), and marks anonim ones', async () => {
    const rows = parse((await exportText({ kind: 'queue', kabupaten: '64.08', queue: 'semua' }, 'csv', 'supervisor')).replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][]
    const col = (name: string) => rows[0].indexOf(name)
    const byId = new Map(rows.slice(1).map((r) => [r[col('No. Lacak')], r]))
    for (const r of reporters) {
      const row = byId.get(r.tracking_id)!
      if (r.is_anonim) expect([row[col('Nama pelapor')], row[col('NIK')], row[col('Telepon')]]).toEqual(['(anonim)', '', ''])
      else expect([row[col('Nama pelapor')], row[col('NIK')], row[col('Telepon')]]).toEqual([r.nama, r.nik ?? '', r.phone ?? ''])
    }
  })

  it('an operator file has no reporter columns and masks names and numbers typed into the texts', async () => {
    const text = await exportText({ kind: 'queue', kabupaten: '64.08', queue: 'semua' }, 'csv', 'operator')
    const rows = parse(text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][]
    expect(rows[0]).not.toContain('Nama pelapor')
    expect(rows[0]).not.toContain('NIK')
    expect(text).toContain('[nama disembunyikan]')
    expect(text).toContain('[NIK disembunyikan]')
    expect(text).toContain('[nomor disembunyikan]')
  })

  it('rahasia content is withheld from a viewer and shown to an operator', async () => {
    const read = async (role: Role) => {
      const rows = parse((await exportText({ kind: 'queue', kabupaten: '64.08', queue: 'semua' }, 'csv', role)).replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][]
      const h = rows[0]
      return new Map(rows.slice(1).map((r) => [r[h.indexOf('No. Lacak')], { judul: r[h.indexOf('Judul')], isi: r[h.indexOf('Isi laporan')] }]))
    }
    const viewer = await read('viewer')
    const operator = await read('operator')
    for (const r of reporters.filter((x) => x.is_rahasia)) {
      expect(viewer.get(r.tracking_id)).toEqual({ judul: '(rahasia)', isi: '(rahasia)' })
      expect(operator.get(r.tracking_id)!.judul).not.toBe('(rahasia)')
      expect(operator.get(r.tracking_id)!.isi.length).toBeGreaterThan(20)
    }
  })
})
