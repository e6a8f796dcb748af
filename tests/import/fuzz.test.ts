// Generated malformed input for the parsers of file import and the Open311 connector: never a crash, always
// either a value or a reason; and a file of garbage is refused with a message, not an exception from deep inside.
import { describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseDateCell } from '#main/import/values/dates.ts'
import { parseChannel, parseFlag, parseStatus } from '#main/import/values/vocabulary.ts'
import { mapRow, mapperContext } from '#main/import/row-mapper.ts'
import { presetColumns, presetMapping, PRESETS } from '#main/import/presets.ts'
import { importFile } from '#main/import/run.ts'
import { mapServiceRequest } from '#main/sync/connectors/open311/map.ts'
import { open311ConfigSchema } from '#main/sync/connectors/open311/config.ts'
import { parseRecord } from '#main/sync/record.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { LAPOR_HEADERS } from './files.ts'
import { tempDir, tempStore } from '../helpers.ts'

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]
  const pieces = ['23', '/', '11', '-', '2026', ' ', ':', '.', '14', '05', 'Nov', 'Agustus', 'WITA', 'pukul', 'Senin,', '31', '00', '99', 'T', 'Z', '+08:00', '', '\u0000', 'ÿ', '𝔘', '\n', '"', ';', ',', 'null', '-1e309', 'NaN', '0x1F', 'Kec.', 'Ya', 'Tidak']
  const text = () => Array.from({ length: int(8) }, () => pick(pieces)).join('')
  const value = (): unknown => {
    switch (int(9)) {
      case 0:
        return null
      case 1:
        return text()
      case 2:
        return next() * 1e6 - 5e5
      case 3:
        return new Date(next() * 8e12 - 4e12)
      case 4:
        return new Date(NaN)
      case 5:
        return pick([true, false])
      case 6:
        return int(100_000)
      case 7:
        return [text()]
      default:
        return { text: text() }
    }
  }
  return { next, int, pick, text, value }
}

const RUNS = 3000

describe('fuzzed input', () => {
  it('value parsers answer every input with a value or a reason', () => {
    const r = rng(1)
    for (let i = 0; i < RUNS; i++) {
      const v = r.value()
      for (const result of [parseDateCell(v, 480), parseStatus(String(v)), parseChannel(String(v)), parseFlag(v)]) {
        expect(result.ok ? 'value' in result : typeof result.reason === 'string' && result.reason.length > 0).toBe(true)
      }
    }
  })

  it('the row mapper rejects with reasons or yields records the engine accepts, never throws', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const preset = PRESETS[0]
    const ctx = mapperContext(db, '64.08', presetMapping(preset, LAPOR_HEADERS, 1), LAPOR_HEADERS, presetColumns(preset, LAPOR_HEADERS))
    const r = rng(2)
    let accepted = 0
    for (let i = 0; i < RUNS; i++) {
      // Mostly plausible rows with some cells garbled, so both paths are exercised.
      const cells = LAPOR_HEADERS.map((_, c) => (r.next() < 0.3 ? r.value() : [null, `T${i}`, '02/11/2026 09:15', 'Judul', 'Isi laporan', 'jalan', 'Pengaduan', 'Dinkes', 'Sangatta Utara', '', 'Proses', 'Web', 'Tidak', 'Tidak', 'A', '1', '08', null, null, null, null][c])) as never[]
      const m = mapRow(ctx, i + 2, cells)
      if (m.ok) {
        accepted++
        // Whatever the mapper lets through, the engine's schema accepts: a row is rejected here, with its row
        // number, rather than quarantined later with a record path the admin never saw.
        const parsed = parseRecord(m.record)
        expect(parsed.ok ? null : parsed.reason).toBeNull()
      } else {
        expect(m.issues.some((x) => x.severity === 'error' && x.reason.length > 0 && x.row === i + 2)).toBe(true)
      }
    }
    expect(accepted).toBeGreaterThan(RUNS / 10)
  })

  it('the Open311 mapper turns any payload into a record or a quarantine reason', () => {
    const cfg = open311ConfigSchema.parse({ baseUrl: 'http://127.0.0.1:1/open311/v2' })
    const refs = { category: () => null, unit: () => null }
    const r = rng(3)
    const keys = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'requested_datetime', 'updated_datetime', 'address', 'lat', 'long', 'media_url']
    for (let i = 0; i < RUNS; i++) {
      const raw =
        r.next() < 0.1
          ? r.value()
          : Object.fromEntries(keys.filter(() => r.next() < 0.85).map((k) => [k, r.next() < 0.5 ? r.value() : k === 'status' ? r.pick(['open', 'closed']) : k.endsWith('datetime') ? '2026-11-02T09:15:00+08:00' : `x${i}`]))
      const item = mapServiceRequest(raw, cfg, refs, `#${i}`)
      if ('error' in item) expect(item.error).toMatch(/^Open311: /)
      else expect(parseRecord(item.record).ok).toBe(true)
    }
  })

  it('refuses files of garbage with a message and stores nothing', async () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const user = upsertProfile(db, 'admin', 'Admin', 'admin')
    const dir = tempDir()
    const r = rng(4)
    for (let i = 0; i < 20; i++) {
      const bytes = Buffer.from(Array.from({ length: 50 + r.int(3000) }, () => r.int(256)))
      if (i % 2) bytes.write('PK\u0003\u0004', 0, 'latin1') // looks like a zip at first glance
      for (const name of ['x.xlsx', 'x.csv']) {
        const file = join(dir, `${i}-${name}`)
        writeFileSync(file, bytes)
        const outcome = await importFile(db, { kabupaten: '64.08', name, input: { path: file }, user, trigger: 'test' }).then(
          (rep) => rep.rows.accepted,
          (e: Error) => e.message,
        )
        // Either a message naming the problem, or (for a CSV that happens to parse) no complaint accepted.
        if (typeof outcome === 'string') expect(outcome).toMatch(/tidak dapat dibaca|tata letak|kosong|rusak|CSV|bukan berkas \.xlsx/)
        else expect(outcome).toBe(0)
      }
    }
    expect(db.prepare('SELECT count(*) FROM complaint').pluck().get()).toBe(0)
    expect(db.prepare("SELECT count(*) FROM sync_run WHERE status = 'running'").pluck().get()).toBe(0)
  })
})
