// The store's quick check when the app starts (serve mode, desktop), off the app's thread (store/check.ts): a
// damaged store is said plainly in the log and on Sinkronisasi, with the file and the restore command.
import type { Db } from '../store/open.ts'
import { checkInBackground } from '../store/check.ts'
import { damagedMessage } from '../store/health.ts'
import { reportFailure, reportOk } from './status.ts'

export const STORE_CHECK = { name: 'store-check', label: 'Pemeriksaan berkas data' } as const

/** Null: not checked (an in-memory store, or stopped through `signal` as the app closes). */
export async function checkStoreAtStart(db: Db, log: (line: string) => void = (l) => console.error(l), signal?: AbortSignal): Promise<boolean | null> {
  try {
    const r = await checkInBackground(db, signal)
    if (!r) return null
    if (r.ok) {
      reportOk(db, STORE_CHECK.name, STORE_CHECK.label)
      return true
    }
    const message = damagedMessage(db.name, `pemeriksaan SQLite: ${r.problems.slice(0, 3).join('; ')}`)
    log(`PERINGATAN: ${message}`)
    reportFailure(db, STORE_CHECK.name, STORE_CHECK.label, message, null)
    return false
  } catch (err) {
    log(`Pemeriksaan berkas data ${db.name} tidak dapat dijalankan: ${err instanceof Error ? err.message : String(err)}`)
    return null
  }
}
