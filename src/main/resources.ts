// Where the shipped data files live (migrations, boundaries, seed lists, holiday table).
// In a checkout and in serve mode that is <repo>/resources; a packaged Electron app passes
// process.resourcesPath through setResourcesDir() because only the shell may know about Electron.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

let resourcesDir: string | undefined = process.env.TANGGAP_RESOURCES

export function setResourcesDir(dir: string): void {
  resourcesDir = dir
}

export function resourcePath(...parts: string[]): string {
  resourcesDir ??= findRepoResources()
  return join(resourcesDir, ...parts)
}

export function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(resourcePath(...parts), 'utf8')) as T
}

function findRepoResources(): string {
  // Walk up from this file (src/main/ in a checkout, out/main/ when bundled) to the folder holding resources/.
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources')
    if (existsSync(join(candidate, 'migrations'))) return candidate
    dir = resolve(dir, '..')
  }
  throw new Error('tanggap: folder resources/ tidak ditemukan; set TANGGAP_RESOURCES ke lokasinya')
}
