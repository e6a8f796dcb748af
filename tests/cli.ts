// Runs the real `tanggap` command (bin/tanggap.js) as a user would, capturing what it prints and its exit code.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const bin = join(import.meta.dirname, '..', 'bin', 'tanggap.js')

export type CliResult = { status: number | null; stdout: string; stderr: string; json<T = unknown>(): T }

export function tanggap(args: string[], options: { env?: Record<string, string | undefined>; input?: string } = {}): CliResult {
  const env = { ...process.env, ...options.env }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k]
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, input: options.input, timeout: 120_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: <T,>() => JSON.parse(r.stdout) as T }
}
