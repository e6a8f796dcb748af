// The secondary indexes of the complaints and their deadline rows, set aside while a first load fills an empty store
// and built once at its end. Kept up to date row by row, the complaints' were a third of storing the rows: the raw
// insert of 100,000 complaints with their history took 22.3–23.2 s with them and 16.0 s without, and building them
// afterwards 0.9 s; a CSV import of 100,000 rows took 27.4 s with them and 13.6 s without (docs/reliability.md
// "Indexes built once after a first load"). The policy (who may set them aside, when) is the
// bulk writer's (sync/first-load.ts); this file keeps the promise that they always come back.
//
// Each index set aside is a row of deferred_index with the SQL that builds it, written in the transaction that drops
// it, and removed in the one that builds it again: whatever stops the loader (an error, kill -9, a full disk), the
// rows say what is missing. The loader puts them back at its end; any other process that opens the store for
// writing puts them back first (openStore), so an app started after a load began, or after a loader was killed,
// does not read the table without them (the queues name some of them with INDEXED BY). An app that opened the store
// just before the loader found it empty and no app there (its presence row comes with its background work) is seen
// by a sync at its first commit, which puts them back then (sync/engine.ts); an import does not look, and that app
// reads without them until the import ends. UNIQUE indexes are never set aside:
// they are rules, not speed.
import type { Db } from './open.ts'

/** The loading process: its id and when it started (the same in its worker threads, to the millisecond), so that
 *  another process with a reused id (a container's) is not taken for it. */
const THIS_PROCESS = { pid: process.pid, startedAt: Date.now() - process.uptime() * 1000 }
const ownerOf = () => `${THIS_PROCESS.pid}@${Math.round(THIS_PROCESS.startedAt)}`
function isThisProcess(owner: string): boolean {
  const [pid, at] = owner.split('@').map(Number)
  return pid === THIS_PROCESS.pid && Math.abs(at - THIS_PROCESS.startedAt) < 1_000
}

/** The tables whose secondary indexes a first load sets aside: the complaints (12 indexes) and their deadline rows
 *  (4), which every page writes. The history's are kept: storing a complaint reads its earlier history by
 *  complaint_id. Nothing a load does reads these two tables but by their primary key. */
const TABLES = ['complaint', 'complaint_sla']

const aside = new WeakSet<Db>()

/** Whether this connection has set the indexes aside and not yet put them back. */
export function indexesAside(db: Db): boolean {
  return aside.has(db)
}

/** Drops the secondary indexes of complaint and complaint_sla (not the UNIQUE ones), each recorded with the SQL that builds it
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
        record.run(i.name, i.sql, ownerOf(), now)
        db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`) // sql-vetted: a name read from sqlite_master, quoted
      }
      return indexes.length
    })
    .immediate()
  if (n) aside.add(db)
  return n
}

/** Builds the set-aside indexes again, one write transaction each (another process may be waiting for the lock;
 *  the 16 took 0.9–1.3 s together on 100,000 complaints). `onlyOthers`: only those another process set aside (opening the
 *  store). Returns how many were built. */
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
