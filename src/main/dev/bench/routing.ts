// `tanggap bench routing`: the routing quality bar on a large store. Training on the whole history (from the store,
// and the pure in-memory part of it), one suggestion for a complaint (with its explanation), learning from one
// correction, loading the model at start-up, and the misrouted queue. CPU time is reported beside wall time: the
// project's machines are shared, and wall time there measures the neighbours too.
import { performance } from 'node:perf_hooks'
import type { Db } from '#main/store/open.ts'
import { RebuildJob, rebuild, learnFrom } from '#main/routing/learn.ts'
import { routingContext } from '#main/routing/context.ts'
import { currentModel, dropCachedModel } from '#main/routing/store.ts'
import { complaintRouting } from '#main/routing/service.ts'
import { ROUTING_COLUMNS, exampleOf, readingOf, type RoutingRow } from '#main/routing/examples.ts'
import { Trainer } from '#main/routing/train.ts'
import { trainProfile } from '#main/routing/linear.ts'
import { queueCount, queuePage } from '#main/queue/queries.ts'
import { misrouteConfidence, suggestForComplaint } from '#main/routing/suggest.ts'
import { ownExamples } from '#main/routing/stored.ts'

type Timing = { median_ms: number; p95_ms: number; runs: number }

const round = (x: number) => Math.round(x * 1000) / 1000
const cpuMs = () => process.cpuUsage().user / 1000

function stats(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]
  return { median_ms: round(at(0.5)), p95_ms: round(at(0.95)), runs: s.length }
}

function timed<T>(fn: () => T): { value: T; wall_ms: number; cpu_ms: number } {
  const [w, c] = [performance.now(), cpuMs()]
  const value = fn()
  return { value, wall_ms: Math.round(performance.now() - w), cpu_ms: Math.round(cpuMs() - c) }
}

/**
 * A full training as the upkeep of a running app does it (routing/upkeep.ts: pages of 1,000, the linear layer in a
 * worker thread, the examples and snapshot put in place in steps): per phase, how many steps and the longest, which
 * is how long the app's thread answers no one.
 */
async function upkeepTraining(db: Db, kabupaten: string) {
  const job = new RebuildJob(db, kabupaten, Date.now(), 1_000, true)
  const phases: Record<string, { steps: number; longest_ms: number; total_ms: number }> = {}
  const t0 = performance.now()
  for (let done = false; !done; ) {
    const phase = job.currentPhase
    const t = performance.now()
    done = job.step()
    const ms = performance.now() - t
    const p = (phases[phase] ??= { steps: 0, longest_ms: 0, total_ms: 0 })
    p.steps++
    p.longest_ms = Math.max(p.longest_ms, Math.round(ms))
    p.total_ms += ms
    await new Promise((r) => setTimeout(r, 1))
  }
  for (const p of Object.values(phases)) p.total_ms = Math.round(p.total_ms)
  return { wall_ms: Math.round(performance.now() - t0), trained_in_worker: job.trainedInWorker, phases }
}

export async function benchRouting(db: Db, kabupaten: string, runs: number) {
  const fromStore = timed(() => rebuild(db, kabupaten))
  const inUpkeep = await upkeepTraining(db, kabupaten)
  // The training alone, on the same examples already in memory: what "training on N complaints" costs.
  const ctx = routingContext(db, kabupaten)
  // sql-vetted: ROUTING_COLUMNS is a constant column list
  const rows = db.prepare(`SELECT ${ROUTING_COLUMNS} FROM complaint c WHERE c.kabupaten_kode = ?`).all(kabupaten) as RoutingRow[]
  const examples = rows.flatMap((c) => {
    const ex = exampleOf(c, ctx)
    return ex ? [{ reading: readingOf(c, ctx), ...ex }] : []
  })
  const inMemory = timed(() => {
    const t = new Trainer({ places: ctx.places })
    for (const e of examples) t.add(e.reading, e.label, e.weight)
    return t.finish()
  })

  const open = db
    .prepare(`SELECT id FROM complaint WHERE kabupaten_kode = ? AND status IN ('belum_ditindaklanjuti', 'proses') ORDER BY id`)
    .pluck()
    .all(kabupaten) as number[]
  const sample = Array.from({ length: Math.min(runs, open.length) }, (_, i) => open[Math.floor((i * open.length) / Math.min(runs, open.length))])
  for (const id of sample.slice(0, 20)) complaintRouting(db, id) // warm the JIT
  const suggest = sample.map((id) => {
    const t = performance.now()
    complaintRouting(db, id)
    return performance.now() - t
  })
  const suggestCpu = timed(() => sample.forEach((id) => complaintRouting(db, id)))

  // Learning from one complaint: what an action adds to its own transaction (a correction, a closure).
  const learn = sample.slice(0, Math.min(100, sample.length)).map((id) => {
    const t = performance.now()
    learnFrom(db, [id])
    return performance.now() - t
  })

  dropCachedModel(db, kabupaten)
  const load = timed(() => currentModel(db, routingContext(db, kabupaten)))
  const snapshotBytes = db.prepare('SELECT sum(length(bytes)) FROM routing_snapshot WHERE kabupaten_kode = ? AND generation = (SELECT snapshot_generation FROM routing_model WHERE kabupaten_kode = ?)').pluck().get(kabupaten, kabupaten) as number

  const now = Date.now()
  const q = { kabupaten, queue: 'salah_sasaran' as const, now, role: 'supervisor' as const }
  const queue = Array.from({ length: 20 }, () => {
    const t = performance.now()
    queueCount(db, q)
    queuePage(db, { ...q, sort: 'keyakinan', limit: 100 })
    return performance.now() - t
  })

  return {
    misroute_detection: misrouteDetection(db, kabupaten),
    history: { complaints: fromStore.value.complaints, corrections: fromStore.value.corrections, labels: fromStore.value.labels, features: fromStore.value.features },
    train_from_store: {
      wall_ms: fromStore.value.train_ms,
      cpu_ms: fromStore.value.train_cpu_ms,
      note: 'reads the history from the store, trains, calibrates, writes examples and the snapshot',
    },
    train_in_upkeep: { ...inUpkeep, note: 'the same training in the steps of a running app; longest_ms: the longest time the app answers no one' },
    train_in_memory: { examples: examples.length, wall_ms: inMemory.wall_ms, cpu_ms: inMemory.cpu_ms, finish_cpu_ms: { ...trainProfile } },
    suggestions_for_open: { complaints: open.length, wall_ms: fromStore.value.suggestions_ms },
    suggestion: { ...stats(suggest), cpu_ms_per_item: round(suggestCpu.cpu_ms / Math.max(1, sample.length)), note: 'one complaint read from the store, top 3 with words' },
    learn_one: stats(learn),
    load_model: { wall_ms: load.wall_ms, snapshot_bytes: snapshotBytes },
    misrouted_queue: { ...stats(queue), total: queueCount(db, q), note: 'count + first 100 rows, most confident first' },
  }
}

/**
 * Would the model have caught the misroutes of the past? For a sample of closed complaints, the suggestion
 * (leave-one-out) is compared with the unit of the first disposition, as if that unit still held it; a real
 * misroute is a first OPD other than the final one. On generated demo data this measures the plumbing and the
 * calibration, not the accuracy on a real Pemda's complaints.
 */
function misrouteDetection(db: Db, kabupaten: string, sampleSize = 3000) {
  const ctx = routingContext(db, kabupaten)
  const model = currentModel(db, ctx)
  // sql-vetted: ROUTING_COLUMNS is a constant column list
  const rows = db
    .prepare(`SELECT ${ROUTING_COLUMNS}, c.first_unit_id FROM complaint c WHERE c.kabupaten_kode = ? AND c.status = 'selesai' AND c.first_unit_id IS NOT NULL ORDER BY c.id`)
    .all(kabupaten) as (RoutingRow & { first_unit_id: number })[]
  const step = Math.max(1, Math.floor(rows.length / sampleSize))
  const sample = rows.filter((_, i) => i % step === 0)
  const own = ownExamples(db, sample.map((r) => r.id))
  const top = (id: number) => ctx.top.get(id) ?? id
  const judged = sample.map((c) => ({
    confidence: misrouteConfidence(ctx, { unit_id: c.first_unit_id, disposition_count: 1 }, suggestForComplaint(ctx, model, c, own.get(c.id), false).suggestions[0]),
    isMisroute: top(c.first_unit_id) !== top(c.unit_id!),
  }))
  const real = judged.filter((j) => j.isMisroute).length
  return {
    complaints: judged.length,
    real_misroutes: real,
    at: Object.fromEntries(
      [0.5, 0.7, 0.9].map((t) => {
        const flagged = judged.filter((j) => j.confidence !== null && j.confidence >= t)
        const hit = flagged.filter((j) => j.isMisroute).length
        return [t, { flagged: flagged.length, precision: round(hit / Math.max(1, flagged.length)), recall: round(hit / Math.max(1, real)) }]
      }),
    ),
    note: 'first disposition vs the final unit on closed complaints, leave-one-out; on generated data this checks plumbing and calibration only',
  }
}
