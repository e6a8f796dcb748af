// `tanggap bench store`: what encryption at rest costs. The same demo store is built twice, plain and encrypted
// (SQLCipher format through better-sqlite3-multiple-ciphers), and the same work is timed on both: writing it,
// opening it and answering the first screen, warm dashboard queries, and a scan that reads every page.
// The two stores are measured in alternation (ABBA), so a machine busy with other work slows both alike.
// Encryption costs where pages move between disk and memory (writes, cold reads); a warm page cache hides it.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { generateDemo } from '../demo/generate.ts'
import { kpiFor } from '#main/kpi/service.ts'
import { overviewSummary } from '#main/overview/queries.ts'
import { queuePage } from '#main/queue/queries.ts'
import { complaintDetail } from '#main/complaints/queries.ts'
import type { Period } from '#shared/domain.ts'

export type StoreBenchOptions = { dir: string; count: number; kabupaten: string; runs: number; key: string }

type Timing = { median_ms: number; p95_ms: number }
type Variant = { name: 'plain' | 'encrypted'; file: string; key: string | null }

const round = (x: number) => Math.round(x * 100) / 100
const UNTIL = new Date('2026-11-20T12:00:00Z')
const NOW = UNTIL.getTime()
const YEAR: Period = { from: '2025-11-21', to: '2026-11-20' }

function summarise(samples: number[]): Timing {
  samples.sort((a, b) => a - b)
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)]
  return { median_ms: round(at(0.5)), p95_ms: round(at(0.95)) }
}

/** Times `fn` on both variants, alternating A B B A …; `setup` (untimed) hands each call what it needs. */
function timeBoth<S>(runs: number, variants: Variant[], setup: (v: Variant) => S, fn: (s: S, i: number) => unknown, teardown: (s: S) => void): Timing[] {
  const samples = variants.map(() => [] as number[])
  const once = (k: number, i: number) => {
    const s = setup(variants[k])
    try {
      const t0 = performance.now()
      fn(s, i)
      return performance.now() - t0
    } finally {
      teardown(s)
    }
  }
  for (let k = 0; k < variants.length; k++) once(k, 0) // warm the JIT and, for warm measurements, the page cache
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0]
    for (const k of order) samples[k].push(once(k, i + 1))
  }
  return samples.map(summarise)
}

export function benchStore(o: StoreBenchOptions) {
  const variants: Variant[] = [
    { name: 'plain', file: join(o.dir, 'plain.db'), key: null },
    { name: 'encrypted', file: join(o.dir, 'encrypted.db'), key: o.key },
  ]
  const open = (v: Variant) => openWorkspace(v.file, { key: v.key })
  // Written in five batches, alternating between the stores (the same batches in the same order for both).
  const generate_ms = [0, 0]
  const writers = variants.map(open)
  const batch = Math.ceil(o.count / 5)
  for (let done = 0, b = 0; done < o.count; done += batch, b++) {
    for (const k of b % 2 === 0 ? [0, 1] : [1, 0]) {
      const t0 = performance.now()
      generateDemo(writers[k].db, { kabupaten: o.kabupaten, count: Math.min(batch, o.count - done), seed: 1, until: UNTIL })
      writers[k].db.pragma('wal_checkpoint(TRUNCATE)')
      generate_ms[k] += Math.round(performance.now() - t0)
    }
  }
  writers.forEach((w) => w.close())
  // Warm measurements on one open connection per store; cold ones on a fresh connection each time.
  const warm = variants.map(open)
  const ids = warm[0].db.prepare('SELECT id FROM complaint ORDER BY id').pluck().all() as number[]
  const total = ids.length
  const onWarm = (v: Variant) => warm[variants.indexOf(v)]
  const none = () => {}
  const close = (w: Workspace) => w.close()
  const results = {
    kpi_opd_year: timeBoth(o.runs, variants, onWarm, (w) => kpiFor(w.db, o.kabupaten, 'opd', YEAR, NOW), none),
    queue_page: timeBoth(o.runs, variants, onWarm, (w, i) =>
      queuePage(w.db, { kabupaten: o.kabupaten, queue: 'semua', limit: 100, offset: (i * 7919) % Math.max(1, total - 100), now: NOW, role: 'supervisor' }),
    none),
    complaint_detail: timeBoth(o.runs, variants, onWarm, (w, i) => complaintDetail(w.db, ids[(i * 104_729) % total], 'supervisor', NOW), none),
    // Opening the store: for an encrypted one this includes deriving the page key from the passphrase.
    open: timeBoth(Math.min(o.runs, 10), variants, (v) => v, (v) => close(open(v)), none),
    // What a user waits for at start: open, then the Ringkasan summary.
    open_and_summary: timeBoth(Math.min(o.runs, 10), variants, (v) => v, (v) => {
      const w = open(v)
      overviewSummary(w.db, o.kabupaten, YEAR, NOW)
      close(w)
    }, none),
    // Every complaint row on a fresh connection (opening not counted): each page read and, when encrypted,
    // decrypted once; the OS file cache is warm, so this is the CPU cost, not the disk's.
    cold_full_scan: timeBoth(Math.min(o.runs, 10), variants, open, (w) => w.db.prepare('SELECT count(*), sum(length(isi)) FROM complaint').get(), close),
  }
  warm.forEach(close)
  const bytes = variants.map((v) => statSync(v.file).size)
  const per = (k: 0 | 1) => ({
    file: variants[k].file,
    bytes: bytes[k],
    generate_ms: generate_ms[k],
    ...Object.fromEntries(Object.entries(results).map(([name, t]) => [name, t[k]])),
  })
  const ratio = (a: number, b: number) => (a > 0 ? round(b / a) : null)
  return {
    count: o.count,
    kabupaten: o.kabupaten,
    cipher: 'sqlcipher 4 (AES-256-CBC, HMAC-SHA512, PBKDF2-SHA512 256000 iterations)',
    plain: per(0),
    encrypted: per(1),
    encrypted_over_plain: {
      bytes: ratio(bytes[0], bytes[1]),
      generate: ratio(generate_ms[0], generate_ms[1]),
      ...Object.fromEntries(Object.entries(results).map(([name, t]) => [name, ratio(t[0].median_ms, t[1].median_ms)])),
    },
  }
}
