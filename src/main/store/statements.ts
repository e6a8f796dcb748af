// Prepared statements cached per connection and SQL text: preparing costs about as much as running a small
// dashboard query, and the dashboards ask the same questions again and again.
import type Database from 'better-sqlite3'
import type { Db } from './open.ts'

type Statement = Database.Statement<unknown[]>
const cache = new WeakMap<Db, Map<string, Statement>>()

export function prepared(db: Db, sql: string): Statement {
  let perDb = cache.get(db)
  if (!perDb) cache.set(db, (perDb = new Map()))
  let st = perDb.get(sql)
  if (!st) perDb.set(sql, (st = db.prepare(sql)))
  return st
}

/** A set of statements (or anything else) built once per connection by `build` and kept with it. */
export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const kept = new WeakMap<Db, T>()
  return (db) => {
    let value = kept.get(db)
    if (value === undefined) kept.set(db, (value = build(db)))
    return value
  }
}
