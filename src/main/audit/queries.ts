// Browsing the audit log, newest first, filtered by action, person, OPD, complaint and time; the same filter
// feeds the list (paged by id), its count and its export, so the file holds exactly the entries listed.
import { z } from 'zod'
import type { Db } from '../store/open.ts'
import type { AuditLogRow } from '../store/rows.ts'
import type { Role } from '#shared/roles.ts'
import { auditRowsFor } from './privacy.ts'
import { changesOf, namesOf, type ChangeItem } from './present.ts'

/** The filters as the API and the export take them. */
export const auditFilterSchema = z.object({
  action: z.string().max(64).optional(),
  username: z.string().max(64).optional(),
  unitId: z.number().int().positive().optional(),
  tracking: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
})

export type AuditFilter = {
  action?: string
  username?: string
  /** Entries about complaints held by this unit (or a bidang under it) now, or moved from or to it. */
  unitId?: number
  /** A complaint by its tracking number (what officials know). */
  tracking?: string
  /** A complaint (or other entity) by its internal id. */
  entityId?: string
  from?: number
  to?: number
  beforeId?: number
}

/** An audit_log row without its hash chain (user_id, prev_hash, hash), as the browser lists it. */
export type AuditListRow = Omit<AuditLogRow, 'user_id' | 'prev_hash' | 'hash'>

/** The kabupaten an entry is about, from what it names (a complaint, a sync source or outbox row, a day off, a
 *  mapping, a briefing, an export's request); NULL for what concerns the whole store (profiles, settings, backups,
 *  national days off). */
const ENTRY_KABUPATEN = `CASE a.entity
  WHEN 'complaint' THEN (SELECT kabupaten_kode FROM complaint WHERE id = CAST(a.entity_id AS INTEGER))
  WHEN 'sync_source' THEN (SELECT kabupaten_kode FROM sync_source WHERE id = CAST(a.entity_id AS INTEGER) OR name = a.entity_id)
  WHEN 'sync_outbox' THEN (SELECT s.kabupaten_kode FROM sync_outbox o JOIN sync_source s ON s.id = o.source_id WHERE o.id = CAST(a.entity_id AS INTEGER))
  WHEN 'calendar_day_off' THEN (SELECT kabupaten_kode FROM calendar_day_off WHERE id = CAST(a.entity_id AS INTEGER))
  WHEN 'import_mapping' THEN (SELECT kabupaten_kode FROM import_mapping WHERE name = a.entity_id)
  WHEN 'routing_model' THEN a.entity_id
  WHEN 'deadline_rule' THEN a.entity_id
  WHEN 'briefing' THEN substr(a.entity_id, 1, 5)
  WHEN 'export' THEN json_extract(a.after_json, '$.request.kabupaten')
END`

/** Who reads: a profile limited to some kabupaten (`kabupaten`) sees the entries about those and its own actions. */
export type AuditReader = { role: Role; username: string; kabupaten: readonly string[] | null }

/** An entry as a supervisor reads it: who by name, which complaint by its tracking number, what changed in words. */
export type AuditEntry = AuditListRow & { nama: string | null; tracking_id: string | null; changes: ChangeItem[] }

/** The units a unit filter covers: the unit and the bidang / UPT right below it. */
const UNIT_TREE = '(SELECT id FROM unit WHERE id = @unitId OR parent_id = @unitId)'

function whereOf(f: AuditFilter, reader: AuditReader): string {
  const where: string[] = []
  if (reader.kabupaten) {
    const list = reader.kabupaten.map((_, i) => `@kab${i}`).join(', ')
    // sql-vetted: ENTRY_KABUPATEN is a constant expression; the list is @parameters only
    where.push(`(a.username = @self OR (${ENTRY_KABUPATEN}) IN (${list}))`)
  }
  if (f.action) where.push('a.action = @action')
  if (f.username) where.push('a.username = @username')
  if (f.entityId) where.push('a.entity_id = @entityId')
  if (f.tracking) {
    where.push("a.entity = 'complaint' AND a.entity_id IN (SELECT CAST(id AS TEXT) FROM complaint WHERE tracking_id = @tracking COLLATE NOCASE)")
  }
  if (f.unitId !== undefined) {
    // sql-vetted: UNIT_TREE is a constant of this module; the unit is the bound @unitId
    where.push(
      `a.entity = 'complaint' AND (a.entity_id IN (SELECT CAST(id AS TEXT) FROM complaint WHERE unit_id IN ${UNIT_TREE})
        OR json_extract(a.before_json, '$.unit_id') IN ${UNIT_TREE} OR json_extract(a.after_json, '$.unit_id') IN ${UNIT_TREE})`,
    )
  }
  if (f.from !== undefined) where.push('a.at >= @from')
  if (f.to !== undefined) where.push('a.at < @to')
  if (f.beforeId !== undefined) where.push('a.id < @beforeId')
  // sql-vetted: the fragments above are fixed text; every value in them is a @parameter
  return where.length ? `WHERE ${where.join(' AND ')}` : ''
}

function params(f: AuditFilter, reader: AuditReader): Record<string, unknown> {
  const scope: Record<string, string> = {}
  if (reader.kabupaten) {
    reader.kabupaten.forEach((k, i) => (scope[`kab${i}`] = k))
    scope.self = reader.username
  }
  return { ...f, ...scope, tracking: f.tracking?.trim().replace(/^#/, '') }
}

const COLUMNS = 'a.id, a.at, a.username, a.role, a.action, a.entity, a.entity_id, a.before_json, a.after_json, a.reason'

/** Raw rows newest first, as `reader` may read them: a profile limited to some kabupaten sees the entries about
 *  those and its own actions; texts about a complaint masked as its detail pane shows them. */
export function listAudit(db: Db, f: AuditFilter & { limit: number }, reader: AuditReader): AuditListRow[] {
  const role = reader.role
  // sql-vetted: COLUMNS is constant and whereOf() joins fixed fragments; every value is a @parameter
  const rows = db.prepare(`SELECT ${COLUMNS} FROM audit_log a ${whereOf(f, reader)} ORDER BY a.id DESC LIMIT @limit`).all(params(f, reader)) as AuditListRow[]
  return auditRowsFor(db, role, rows)
}

/** How many entries the filter holds (the list's count line and the export's progress). */
export function countAudit(db: Db, f: AuditFilter, reader: AuditReader): number {
  // sql-vetted: whereOf() joins fixed fragments; every value is a @parameter
  return db.prepare(`SELECT count(*) FROM audit_log a ${whereOf(f, reader)}`).pluck().get(params(f, reader)) as number
}

/** Rows made readable: the person's name, the complaint's tracking number and the change in words. */
export function presentAudit(db: Db, rows: AuditListRow[]): AuditEntry[] {
  const names = namesOf(db)
  const complaintIds = [...new Set(rows.filter((r) => r.entity === 'complaint' && r.entity_id !== null).map((r) => Number(r.entity_id)))]
  const tracking = new Map(
    (db.prepare('SELECT id, tracking_id FROM complaint WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(complaintIds)) as { id: number; tracking_id: string }[]).map(
      (r) => [String(r.id), r.tracking_id],
    ),
  )
  const usernames = [...new Set(rows.map((r) => r.username))]
  const people = new Map(
    (db.prepare('SELECT username, nama FROM app_user WHERE username IN (SELECT value FROM json_each(?))').all(JSON.stringify(usernames)) as { username: string; nama: string }[]).map(
      (r) => [r.username, r.nama],
    ),
  )
  return rows.map((r) => ({
    ...r,
    nama: people.get(r.username) ?? null,
    tracking_id: r.entity === 'complaint' && r.entity_id !== null ? (tracking.get(r.entity_id) ?? null) : null,
    changes: changesOf(r.before_json, r.after_json, names),
  }))
}

/** What the filters can choose from: the actions and the people present in the log. */
export function auditChoices(db: Db): { actions: string[]; people: { username: string; nama: string | null }[] } {
  const actions = db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all() as string[]
  const people = db
    .prepare('SELECT a.username, (SELECT nama FROM app_user u WHERE u.username = a.username) AS nama FROM (SELECT DISTINCT username FROM audit_log) a ORDER BY a.username')
    .all() as { username: string; nama: string | null }[]
  return { actions, people }
}
