// Starting a worker thread on one of our TypeScript modules. The CLI and the tests run the sources through tsx;
// a worker thread does not inherit that, so a tiny ESM bootstrap registers tsx in the worker first and then
// imports the module. A bundled build (the desktop app) runs the worker's own built entry (NAME.js, see
// electron.vite.config.ts); where neither exists, startModule returns null and the caller does the work on its
// own thread.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { BACKGROUND_NICE, threadPriorityEnabled, warmThreadPool } from './priority.ts'

// Before anything else the worker lowers its own thread's priority (background/priority.ts: the same steps as
// lowerThreadPriority, inline because the bootstrap runs before tsx can load a TypeScript module).
const BOOT = `
import { workerData } from 'node:worker_threads'
if (workerData.__nice > 0 && process.platform === 'linux') {
  try {
    const { readlinkSync } = await import('node:fs')
    const { getPriority, setPriority } = await import('node:os')
    const tid = Number(/\\/task\\/(\\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1])
    if (tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + workerData.__nice))
  } catch {}
}
if (workerData.__tsx) { const { register } = await import(workerData.__tsx); register() }
await import(workerData.__module)
`

function tsxApi(): string | null {
  try {
    // The ESM build of tsx's API (its CommonJS entry cannot register hooks from an ESM bootstrap).
    const pkg = createRequire(import.meta.url).resolve('tsx/package.json')
    const api = join(dirname(pkg), 'dist/esm/api/index.mjs')
    return existsSync(api) ? pathToFileURL(api).href : null
  } catch {
    return null
  }
}

/**
 * Where a worker module is: its TypeScript source beside the caller (the CLI, the tests), or, in a bundled build
 * (electron.vite.config.ts gives every worker its own entry), the built NAME.js beside the caller's chunk or one
 * folder up (out/main/NAME.js, called from out/main/chunks/*.js). Null when neither exists.
 */
export function locateModule(module: URL): URL | null {
  if (module.protocol !== 'file:') return null
  if (existsSync(fileURLToPath(module))) return module
  if (!module.pathname.endsWith('.ts')) return null
  const name = module.pathname.slice(module.pathname.lastIndexOf('/') + 1).replace(/\.ts$/, '.js')
  for (const candidate of [new URL(`./${name}`, module), new URL(`../${name}`, module)]) if (existsSync(fileURLToPath(candidate))) return candidate
  return null
}

export type StartOptions = {
  /** How many nice steps below the calling thread the worker runs (Linux; default BACKGROUND_NICE, 0 for a
   *  worker that must not yield to the server, such as the bench's simulated users). */
  nice?: number
  /** Buffers of `data` moved to the worker rather than copied: the caller must not use them again. */
  transferList?: ArrayBuffer[]
}

/** Starts `module` (a file: URL) in a worker thread with `data` as workerData; null when it cannot be loaded here.
 *  The worker runs at a lower priority than the caller (background/priority.ts) unless `nice` is 0. */
export function startModule(wanted: URL, data: Record<string, unknown>, resourceLimits?: ResourceLimits, opts: StartOptions = {}): Worker | null {
  const module = locateModule(wanted)
  if (!module) return null
  const ts = module.pathname.endsWith('.ts')
  const tsx = ts ? tsxApi() : null
  if (ts && !tsx) return null
  const nice = threadPriorityEnabled() ? (opts.nice ?? BACKGROUND_NICE) : 0
  if (nice > 0) warmThreadPool()
  const worker = new Worker(new URL('data:text/javascript,' + encodeURIComponent(BOOT)), {
    workerData: { ...data, __tsx: tsx, __module: module.href, __nice: nice },
    resourceLimits,
    transferList: opts.transferList,
    // The parent's --import/--loader flags (tsx in the CLI) would load twice; the bootstrap registers tsx itself.
    execArgv: [],
  })
  return worker
}
