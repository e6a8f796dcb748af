// Fuzzing the lapor-json mapper and the record validation with generated malformed input: never a crash,
// always a reason; what the hand-written mapper accepts, the contract schema accepts too; and through ingest on a
// real store every record is either stored or quarantined with its reason, the store intact.
import { describe, expect, it } from 'vitest'
import { mapComplaint } from '#main/sync/connectors/lapor-json/map.ts'
import { wireComplaintSchema, type WireComplaint } from '#main/sync/connectors/lapor-json/contract.ts'
import { parseRecord, upstreamRecordSchema } from '#main/sync/record.ts'
import { ingestRecords, type IngestItem } from '#main/sync/ingest.ts'
import { saveSource } from '#main/sync/sources.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { tempStore } from '../helpers.ts'
import { record as validRecord } from './records.ts'

// A small deterministic generator (mulberry32): the same cases on every run, so a failure can be replayed.
function rng(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function wire(i: number): WireComplaint {
  return {
    tracking_id: String(1_900_000 + i),
    version: 3,
    created_at: '2026-03-02T01:00:00.000Z',
    updated_at: '2026-03-03T07:00:00.000Z',
    incident_at: null,
    title: 'Jalan berlubang',
    content: 'Mohon perbaikan jalan poros. NIK saya 6408011204900001.',
    classification: 'Pengaduan',
    channel: 'android',
    category_id: 'jalan',
    status: 'Proses',
    anonymous: false,
    secret: false,
    location: { district_code: '64.08.04', village_code: null, description: 'Jl. Poros', lat: 0.51, lng: 117.6 },
    unit_id: '64.08/dpupr',
    reporter: { name: 'Siti', nik: '6408011204900001', phone: '081234567890', email: null },
    history: [
      { id: 'h1', type: 'submitted', at: '2026-03-02T01:00:00.000Z', actor: 'Pelapor', to_status: 'Belum Terverifikasi' },
      { id: 'h2', type: 'disposition', at: '2026-03-02T03:00:00.000Z', actor: 'Admin', to_unit_id: '64.08/dpupr' },
      { id: 'h3', type: 'tindak_lanjut', at: '2026-03-03T07:00:00.000Z', actor: 'DPUPR', from_status: 'Belum Ditindaklanjuti', to_status: 'Proses', content: 'Dijadwalkan.' },
    ],
  }
}

const JUNK: ((r: () => number) => unknown)[] = [
  () => undefined,
  () => null,
  () => 0,
  () => -1,
  () => NaN,
  () => Infinity,
  () => 2 ** 60,
  () => 1.5,
  () => '',
  () => ' ',
  () => 'kemarin',
  () => '2026-13-45T99:99:99Z',
  () => '1970-01-01T00:00:00Z',
  () => 'Ω🙂\u0000\u202e',
  (r) => 'x'.repeat(Math.floor(r() * 300_000)),
  () => true,
  () => [],
  () => [null, 1, 'a'],
  () => ({}),
  () => ({ __proto__: { polluted: true } }),
  () => JSON.parse('{"__proto__": {"x": 1}}'),
  () => ({ a: { b: { c: { d: [] } } } }),
  () => 'Selesai',
  () => 'Bukan Wewenang',
  () => '64.08.99',
  () => '99.99.99.9999',
]

function paths(w: Record<string, unknown>, prefix: string[] = [], out: string[][] = []): string[][] {
  for (const [k, v] of Object.entries(w)) {
    out.push([...prefix, k])
    if (v && typeof v === 'object') paths(v as Record<string, unknown>, [...prefix, k], out)
  }
  return out
}

function mutate(base: unknown, r: () => number, times: number): unknown {
  const copy = structuredClone(base) as Record<string, unknown>
  const all = paths(copy)
  for (let n = 0; n < times; n++) {
    const path = all[Math.floor(r() * all.length)]
    let at: Record<string, unknown> = copy
    for (const key of path.slice(0, -1)) {
      const next = at[key]
      if (!next || typeof next !== 'object') break
      at = next as Record<string, unknown>
    }
    const value = JUNK[Math.floor(r() * JUNK.length)](r)
    if (value === undefined) delete at[path[path.length - 1]]
    else at[path[path.length - 1]] = value
  }
  return copy
}

const CASES = 4000

describe('fuzzing the lapor-json mapper and record validation', () => {
  it('never crashes, always gives a reason, and accepts no more than the contract schema', () => {
    const r = rng(20261123)
    let accepted = 0
    for (let i = 0; i < CASES; i++) {
      const raw = i % 97 === 0 ? JUNK[i % JUNK.length](r) : mutate(wire(i), r, 1 + Math.floor(r() * 4))
      const m = mapComplaint(raw)
      if (!m.ok) {
        expect(m.reason.length, JSON.stringify(raw)?.slice(0, 300)).toBeGreaterThan(5)
        continue
      }
      const schema = wireComplaintSchema.safeParse(raw)
      expect(schema.success, `mapper accepted what the contract refuses: ${schema.error?.issues.map((x) => x.path.join('.') + ' ' + x.message).join('; ')}`).toBe(true)
      const parsed = parseRecord(m.record)
      if (parsed.ok) accepted++
      else expect(parsed.reason.length).toBeGreaterThan(5)
    }
    // The generator is not so wild that nothing gets through, nor so tame that everything does.
    expect(accepted).toBeGreaterThan(CASES * 0.05)
    expect(accepted).toBeLessThan(CASES * 0.9)
  })

  it('validates records from any connector: never a crash, always a reason in the record terms', () => {
    const r = rng(42)
    for (let i = 0; i < CASES; i++) {
      const input = mutate(validRecord({ tracking_id: `r${i}` }), r, 1 + Math.floor(r() * 3))
      const p = parseRecord(input)
      if (!p.ok) expect(p.reason).toMatch(/^[\w.]+: .{3,}/)
      // The quick check in front of the schema never lets through what the schema refuses.
      else expect(upstreamRecordSchema.safeParse(input).success, JSON.stringify(input).slice(0, 300)).toBe(true)
    }
    expect(parseRecord(undefined)).toMatchObject({ ok: false })
    expect(parseRecord('teks')).toMatchObject({ ok: false })
  })

  it('stores or quarantines every generated record, with a reason, and leaves the store intact', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const source = saveSource(db, { name: 'fuzz', kind: 'lapor-json', kabupaten: '64.08' })
    const r = rng(7)
    let total = 0
    for (let batch = 0; batch < 8; batch++) {
      const items: IngestItem[] = []
      for (let i = 0; i < 150; i++) {
        const raw = mutate(wire(batch * 1000 + Math.floor(r() * 200)), r, Math.floor(r() * 3))
        const m = mapComplaint(raw)
        items.push(m.ok ? { record: m.record, raw } : { error: m.reason, raw })
      }
      const c = ingestRecords(db, source, items)
      expect(c.inserted + c.updated + c.unchanged + c.quarantined).toBe(items.length)
      total += c.inserted
    }
    expect(total).toBeGreaterThan(50)
    expect(db.prepare("SELECT count(*) FROM sync_quarantine WHERE length(reason) < 6").pluck().get()).toBe(0)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    // The aggregates agree with the rows they summarise.
    expect(db.prepare("SELECT sum(n) FROM kpi_count WHERE dim = 'all' AND grain = 1").pluck().get()).toBe(
      db.prepare("SELECT count(*) FROM complaint WHERE source = 'fuzz'").pluck().get(),
    )
  })
})
