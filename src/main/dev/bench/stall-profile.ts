// What the server's thread was doing during its longest stall: V8's sampling profiler on the bench's own thread
// (node:inspector; the profiler samples from its own thread, so a blocked event loop is still seen), reduced to the
// longest run of samples without an idle one and the source functions most of that run was spent in.
import { Session } from 'node:inspector/promises'

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number }

export type StallCause = {
  /** Length of the longest run of busy samples (ms). */
  busy_ms: number
  /** Where that run spent its time: innermost function of our source, with the chain of our callers. */
  top: { ms: number; at: string }[]
}

export async function startStallProfile(intervalUs = 2_000): Promise<() => Promise<StallCause | null>> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs })
  await session.post('Profiler.start')
  return async () => {
    try {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile }
      return longestStall(profile)
    } finally {
      session.disconnect()
    }
  }
}

export function longestStall(p: Profile): StallCause | null {
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const idle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)'
  // Runs of busy samples; a sample's delta is the time since the previous one.
  let best = { from: 0, to: 0, ms: 0 }
  let from = -1
  let ms = 0
  for (let i = 0; i < p.samples.length; i++) {
    if (idle(p.samples[i])) {
      from = -1
      continue
    }
    if (from < 0) (from = i), (ms = 0)
    ms += (p.timeDeltas[i + 1] ?? 0) / 1000
    if (ms > best.ms) best = { from, to: i, ms }
  }
  if (best.ms === 0) return null
  const where = new Map<string, number>()
  for (let i = best.from; i <= best.to; i++) {
    const chain: string[] = []
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame
      const at = f.url.indexOf('/src/main/')
      if (at >= 0) chain.push(`${f.functionName || '(anonymous)'} ${f.url.slice(at + 10)}:${f.lineNumber + 1}`)
    }
    const first = byId.get(p.samples[i])!.callFrame.functionName
    const key = chain.length ? chain.slice(0, 4).join(' < ') : first
    where.set(key, (where.get(key) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000)
  }
  const top = [...where].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([at, t]) => ({ ms: Math.round(t), at }))
  return { busy_ms: Math.round(best.ms), top }
}
