// Test helpers: real SQLite files in a fresh temporary folder per test.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { openStore, type Db } from '#main/store/open.ts'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-test-'))
  // Retried (up to about 11 s with the growing delay): a server's or desktop's worker threads may still be opening or
  // letting go of the store's -wal/-shm files as the folder goes (once under the full suite's load: ENOTEMPTY).
  cleanups.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }))
  return dir
}

export function tempStore(name = 'store.db'): { db: Db; file: string } {
  const file = join(tempDir(), name)
  const db = openStore(file)
  cleanups.unshift(() => db.open && db.close())
  return { db, file }
}
