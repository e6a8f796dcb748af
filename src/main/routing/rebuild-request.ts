// A full retraining asked for over the API: recorded in the store and done by the routing upkeep of the running app
// in its slices (routing/upkeep.ts), never inside the request. Trained in the request, it held the app's thread for
// the whole training: 62 s on the 1,000,000-complaint store, every request waiting (docs/reliability.md). The
// request stays recorded until a training that started after it has finished, so a process stopped half-way
// trains again when it next starts.
import type { Db } from '../store/open.ts'

const KEY = 'routing.rebuild_requested.'

/** Records that an admin asked to retrain the kabupaten's model; returns when (ISO time). */
export function requestRebuild(db: Db, kabupaten: string, now = Date.now()): string {
  const at = new Date(now).toISOString()
  db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(KEY + kabupaten, at)
  return at
}

/** When a retraining of the kabupaten was asked for and not yet done (null: none waiting). */
export function rebuildRequested(db: Db, kabupaten: string): string | null {
  return (db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(KEY + kabupaten) as string | undefined) ?? null
}

/** A training asked for at `requestedAt` is done; a request made since stays for the next one. */
export function rebuildDone(db: Db, kabupaten: string, requestedAt: string): void {
  db.prepare('DELETE FROM setting WHERE key = ? AND value = ?').run(KEY + kabupaten, requestedAt)
}
