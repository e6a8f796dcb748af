// A group of settings kept as one JSON value in the setting table, read through its schema (so a value written by an
// older version gains the new fields' defaults) and changed by a patch, audited as `settings.<key>` with before and
// after. Every group set in Pengaturan goes through here.
import type { z } from 'zod'
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { appendAudit } from '#main/audit/log.ts'

export function readSettings<S extends z.ZodTypeAny>(db: Db, key: string, schema: S): z.output<S> {
  const raw = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(key) as string | undefined
  return schema.parse(raw ? JSON.parse(raw) : {})
}

/** Changes some settings of the group; returns all of them as now in force. */
export function saveSettings<S extends z.ZodTypeAny>(db: Db, user: SessionUser, key: string, schema: S, patch: object): z.output<S> {
  return db.transaction(() => {
    const before = readSettings(db, key, schema)
    const after = schema.parse({ ...(before as object), ...patch })
    db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(key, JSON.stringify(after))
    appendAudit(db, user, { action: `settings.${key}`, entity: 'setting', entityId: key, before, after })
    return after
  }).immediate()
}

/** Changes one setting its own domain keeps (the misroute threshold, the false-alarm rate), in one transaction,
 *  audited as `action` with the value before and after. */
export function changeSetting<T>(db: Db, user: SessionUser, action: string, key: string, read: () => T, write: () => void): T {
  return db.transaction(() => {
    const before = read()
    write()
    const after = read()
    appendAudit(db, user, { action, entity: 'setting', entityId: key, before, after })
    return after
  }).immediate()
}
