// `tanggap bench store`: what encryption at rest costs. The same demo store is built twice, plain and encrypted
// (SQLCipher format through better-sqlite3-multiple-ciphers), and the same work is timed on both: writing it,
// opening it and answering the first screen, warm dashboard queries, and a scan that reads every page.
// Encryption costs where pages move between disk and memory (writes, cold reads); a warm page cache hides it.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openWorkspace } from '../workspace/open.ts'
import { generateDemo } from '../demo/generate.ts'
import { kpiFor } from '../kpi/service.ts'
import { overviewSummary } from '../overview/queries.ts'
import { queuePage } from '../queue/queries.ts'
import { complaintDetail } from '../complaints/queries.ts'
import type { Period } from '../../shared/domain.ts'

export type StoreBenchOptions = { dir: string; count: number; kabupaten: string; runs: number; key: string }

type Timing = { median_ms: number; p95_ms: number }

const round = (x: number) => Math.round(x * 100) / 100

/** Times fn; `setup` (untimed) runs before each call and hands it what it needs, e.g. a fresh connection. */
function time<S = void>(runs: number, fn: (i: number, s: S) => unknown, setup?: () => S, teardown?: (s: S) => void): Timing {
  const once = (i: number) => {
    const s = setup?.() as S
    try {
      const t0 = performance.now()
      fn(i, s)
      return performance.now() - t0
    } finally {
      if (teardown) teardown(s)
    }
  }
  once(0) // warm the JIT and, for warm measurements, the page cache
  const samples: number[] = []
  for (let i = 0; i < runs; i++) samples.push(once(i + 1))
  samples.sort((a, b) => a - b)
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)]
  return { median_ms: round(at(0.5)), p95_ms: round(at(0.95)) }
}

export type VariantResult = {
  file: string
  bytes: number
  generate_ms: number
  /** Opening the store: for an encrypted one this includes deriving the page key from the passphrase. */
  open: Timing
  /** Open the store and answer the Ringkasan summary: what a user waits for at start. */
  open_and_summary: Timing
  kpi_opd_year: Timing
  queue_page: Timing
  complaint_detail: Timing
  /** Reading every complaint row on a fresh connection (opening not counted): each page read and, when
   *  encrypted, decrypted once; the OS file cache is warm, so this is the CPU cost, not the disk's. */
  cold_full_scan: Timing
}

function measure(o: StoreBenchOptions, key: string | null): VariantResult {
  const file = join(o.dir, key ? 'encrypted.db' : 'plain.db')
  const until = new Date('2026-11-20T12:00:00Z')
  const now = until.getTime()
  const year: Period = { from: '2025-11-21', to: '2026-11-20' }
  const ws = openWorkspace(file, { key })
  const t0 = performance.now()
  generateDemo(ws.db, { kabupaten: o.kabupaten, count: o.count, seed: 1, until })
  ws.db.pragma('wal_checkpoint(TRUNCATE)')
  const generate_ms = Math.round(performance.now() - t0)
  const ids = ws.db.prepare('SELECT id FROM complaint ORDER BY id').pluck().all() as number[]
  const total = ids.length
  const result: Omit<VariantResult, 'open' | 'open_and_summary' | 'cold_full_scan'> = {
    file,
    bytes: statSync(file).size,
    generate_ms,
    kpi_opd_year: time(o.runs, () => kpiFor(ws.db, o.kabupaten, 'opd', year, now)),
    queue_page: time(o.runs, (i) =>
      queuePage(ws.db, { kabupaten: o.kabupaten, queue: 'semua', limit: 100, offset: (i * 7919) % Math.max(1, total - 100), now, role: 'supervisor' }),
    ),
    complaint_detail: time(o.runs, (i) => complaintDetail(ws.db, ids[(i * 104_729) % total], 'supervisor', now)),
  }
  ws.close()
  const open = () => openWorkspace(file, { key })
  const close = (w: ReturnType<typeof open>) => w.close()
  const coldRuns = Math.min(o.runs, 10)
  return {
    ...result,
    open: time(coldRuns, () => close(open())),
    open_and_summary: time(coldRuns, () => {
      const w = open()
      overviewSummary(w.db, o.kabupaten, year, now)
      close(w)
    }),
    cold_full_scan: time(coldRuns, (_i, w) => w.db.prepare('SELECT count(*), sum(length(isi)) FROM complaint').get(), open, close),
  }
}

export function benchStore(o: StoreBenchOptions) {
  const plain = measure(o, null)
  const encrypted = measure(o, o.key)
  const ratio = (k: keyof VariantResult) => {
    const a = plain[k] as Timing | number
    const b = encrypted[k] as Timing | number
    const x = typeof a === 'number' ? a : a.median_ms
    const y = typeof b === 'number' ? b : b.median_ms
    return x > 0 ? round(y / x) : null
  }
  return {
    count: o.count,
    kabupaten: o.kabupaten,
    cipher: 'sqlcipher (AES-256-CBC, HMAC-SHA512, PBKDF2-SHA512 256000 iterations)',
    plain,
    encrypted,
    encrypted_over_plain: {
      bytes: round(encrypted.bytes / plain.bytes),
      generate: ratio('generate_ms'),
      open: ratio('open'),
      open_and_summary: ratio('open_and_summary'),
      kpi_opd_year: ratio('kpi_opd_year'),
      queue_page: ratio('queue_page'),
      complaint_detail: ratio('complaint_detail'),
      cold_full_scan: ratio('cold_full_scan'),
    },
  }
}
