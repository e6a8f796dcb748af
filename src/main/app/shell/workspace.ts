// The desktop's open store: the file last opened from the menu, else the regency's own store, else — on a
// first run — the demo store with generated complaints, so a new install shows a living command centre.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Workspace } from '../workspace/open.ts'
import { defaultStoreFile, demoStoreFile } from '../workspace/paths.ts'
import { ensureDemoStore } from '#main/dev/demo/ensure.ts'
import { readJsonFile, writeJsonFile } from './json-file.ts'

export type DesktopWorkspace = {
  current(): Workspace
  /** Opens `file` first and only then closes the old store, so a file that fails to open changes nothing. */
  switchTo(file: string): Workspace
  /** Closes the store (waiting for its read pool's connections too), runs `between` on the closed file (e.g.
   *  encrypting it), and opens the file again — also when `between` fails, so the app keeps a store open. */
  reopen(between: (file: string) => void): Promise<Workspace>
  close(): void
}

export type DesktopWorkspaceOptions = {
  open(file: string): Workspace
  /** Remembers the last opened store across restarts. */
  settingsFile: string
  log?(line: string): void
}

export function openDesktopWorkspace(options: DesktopWorkspaceOptions): DesktopWorkspace {
  const openPrepared = (file: string) => {
    const workspace = options.open(file)
    if (resolve(file) === resolve(demoStoreFile())) ensureDemoStore(workspace.db, options.log)
    return workspace
  }
  let current = openPrepared(startFile(options.settingsFile))
  return {
    current: () => current,
    switchTo(file) {
      if (resolve(file) === resolve(current.file)) return current
      const next = openPrepared(file)
      current.close()
      current = next
      writeJsonFile(options.settingsFile, { lastStore: resolve(file) })
      return current
    },
    async reopen(between) {
      const file = current.file
      const old = current
      old.close()
      try {
        await old.whenClosed?.()
        between(file)
      } finally {
        current = openPrepared(file)
      }
      return current
    },
    close: () => current.close(),
  }
}

/** The store the desktop opens at start: the last one opened, else the regency's own, else the demo. */
export function startFile(settingsFile: string): string {
  const last = (readJsonFile(settingsFile) as { lastStore?: unknown } | null)?.lastStore
  if (typeof last === 'string' && existsSync(last)) return last
  if (existsSync(defaultStoreFile())) return defaultStoreFile()
  return demoStoreFile()
}
