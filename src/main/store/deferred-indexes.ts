// The secondary indexes of the complaints, their deadline rows and their history, set aside while a first load fills
// an empty store and built once at its end. Kept up to date row by row, they were a third of storing the rows: the
// raw insert of 100,000 complaints with their history took 22.3–23.2 s with them, 16.0 s without the complaints' and
// 13.8–14.1 s without the history's too, and building them afterwards 1–2 s; a CSV import of 100,000 rows
// took 27.4 s with the complaints' and 13.6 s without (docs/reliability.md "Indexes built once after a first load").
// The policy (who may set them aside, when) is the bulk writer's (sync/first-load.ts); this file keeps the promise
// that they always come back.
//
// Each index set aside is a row of deferred_index with the SQL that builds it, written in the transaction that drops
// it, and removed in the one that builds it again: whatever stops the loader (an error, kill -9, a full disk), the
// rows say what is missing. The loader puts them back at its end; any other process that opens the store for
// writing puts them back first (openStore), so an app started after a load began, or after a loader was killed,
// does not read the table without them (the queues name some of them with INDEXED BY). An app that opened the store
// just before the loader found it empty and no app there (its presence row comes with its background work) is seen
// at its first commit, and the loader puts them back then (sync/first-load.ts yieldToOthers). UNIQUE indexes are
// never set aside: they are rules, not speed.
import type { Db } from './open.ts'

/** The loading process: its id and when it started (the same in its worker threads, to the millisecond), so that
 *  another process with a reused id (a container's) is not taken for it. */
const THIS_PROCESS = { pid: process.pid, startedAt: Date.now() - process.uptime() * 1000 }
const OWNER = `${THIS_PROCESS.pid}@${Math.round(THIS_PROCESS.startedAt)}`
function isThisProcess(owner: string): boolean {
  const [pid, at] = owner.split('@').map(Number)
  return pid === THIS_PROCESS.pid && Math.abs(at - THIS_PROCESS.startedAt) < 1_000
}

/** The tables whose secondary indexes a first load sets aside: the complaints (12 indexes), their deadline rows (4)
 *  and their history (2), which every page writes. A load reads the first two by their primary key only, and the
 *  history by complaint_id (a complaint's earlier entries, its trail for the deadlines), which the UNIQUE index
 *  (complaint_id, upstream_id) that stays answers as well. */
const TABLES = ['complaint', 'complaint_sla', 'complaint_event']

const aside = new WeakSet<Db>()

/** Whether this connection has set the indexes aside and not yet put them back. */
export function indexesAside(db: Db): boolean {
  return aside.has(db)
}

/** Drops the secondary indexes of TABLES (not the UNIQUE ones), each recorded with the SQL that builds it
 *  again, in one write transaction. Returns how many. */
export function setIndexesAside(db: Db, now = Date.now()): number {
  const n = db
    .transaction(() => {
      const indexes = db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (SELECT value FROM json_each(?)) AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'",
        )
        .all(JSON.stringify(TABLES)) as { name: string; sql: string }[]
      const record = db.prepare('INSERT INTO deferred_index (name, sql, owner, set_aside_at) VALUES (?, ?, ?, ?)')
      for (const i of indexes) {
        record.run(i.name, i.sql, OWNER, now)
        db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`) // sql-vetted: a name read from sqlite_master, quoted
      }
      return indexes.length
    })
    .immediate()
  if (n) aside.add(db)
  return n
}

/** Builds the set-aside indexes again, one write transaction each (another process may be waiting for the lock;
 *  the 18 took 1.0 s on a 100,000-row CSV import's rows, 1.8 s on a 100,000-complaint sync's under the profiler).
 *  `onlyOthers`: only those another process set aside (opening the store). Returns how many were built. */
export function putIndexesBack(db: Db, opts: { onlyOthers?: boolean } = {}): number {
  const rows = db.prepare('SELECT name, sql, owner FROM deferred_index ORDER BY name').all() as { name: string; sql: string; owner: string }[]
  let built = 0
  for (const r of rows) {
    if (opts.onlyOthers && isThisProcess(r.owner)) continue
    db.transaction(() => {
      // Read again under the lock: another process may have built it meanwhile.
      if (!db.prepare('SELECT 1 FROM deferred_index WHERE name = ?').get(r.name)) return
      db.exec(r.sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS ')) // sql-vetted: SQL SQLite itself stored in sqlite_master
      db.prepare('DELETE FROM deferred_index WHERE name = ?').run(r.name)
      built++
    }).immediate()
  }
  if (!opts.onlyOthers) aside.delete(db)
  return built
}

/** On opening the store for writing: the indexes a loader that is not this process left aside (it was killed, or
 *  still runs beside this app), built again before anything reads the table. */
export function recoverSetAsideIndexes(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deferred_index'").get()
  if (!table || !db.prepare('SELECT 1 FROM deferred_index LIMIT 1').get()) return 0
  return putIndexesBack(db, { onlyOthers: true })
}
