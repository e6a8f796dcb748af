// Worker-thread half of `tanggap bench responsiveness`: simulated users over HTTP, kept off the server's thread so
// that the load generator's own work does not count as the server's stalls. Each user loops: queue page → detail →
// KPI table, one in five also writes a note on the complaint it opened, with a think time between screens.
import { parentPort, workerData } from 'node:worker_threads'

type Data = { url: string; users: number; kabupaten: string; thinkMs: number }
type Sample = { ms: number; ok: boolean }

const d = workerData as Data
let samples: Sample[] = []
let errors: string[] = []
let stopped = false
const period = { from: '2026-01-01', to: '2026-10-31' }

async function call(path: string, input: unknown, mutation = false): Promise<unknown> {
  const t0 = performance.now()
  let ok = false
  try {
    const res = mutation
      ? await fetch(`${d.url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })
      : await fetch(`${d.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
    const body = (await res.json()) as { result?: { data: unknown }; error?: { message: string } }
    ok = res.ok && !!body.result
    if (!ok && errors.length < 20) errors.push(`${path}: HTTP ${res.status} ${body.error?.message ?? ''}`.slice(0, 200))
    return body.result?.data
  } catch (err) {
    if (errors.length < 20) errors.push(`${path}: ${(err as Error).message}`)
    return undefined
  } finally {
    samples.push({ ms: performance.now() - t0, ok })
  }
}

const think = () => new Promise((r) => setTimeout(r, d.thinkMs * (0.5 + Math.random())))

async function user(i: number): Promise<void> {
  await new Promise((r) => setTimeout(r, (i * d.thinkMs) / d.users)) // spread the starts
  while (!stopped) {
    const page = (await call('complaints.queue', { kabupaten: d.kabupaten, queue: 'semua', limit: 50 })) as { rows?: { id: number }[] } | { id: number }[] | undefined
    await think()
    const rows = Array.isArray(page) ? page : (page?.rows ?? [])
    const id = rows.length ? rows[Math.floor(Math.random() * rows.length)].id : null
    if (id !== null) {
      await call('complaints.detail', { id })
      await think()
      if (i % 5 === 0) {
        await call('complaints.act', { action: 'note', ids: [id], body: `Catatan uji beban ${i}` }, true)
        await think()
      }
    }
    await call('kpi.table', { kabupaten: d.kabupaten, dim: 'opd', period })
    await think()
  }
}

for (let i = 0; i < d.users; i++) void user(i)
parentPort!.on('message', (m: { type: 'collect' | 'stop' }) => {
  // On stop the users leave at once: requests still waiting are not counted (the bench terminates this thread).
  if (m.type === 'stop') stopped = true
  parentPort!.postMessage({ samples, errors })
  samples = []
  errors = []
})
