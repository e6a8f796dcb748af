// Local user profiles. Every store starts with one administrator profile so the app is usable at once;
// more profiles (operator, supervisor, viewer for wall screens) are added in Pengaturan.
import type { Db } from '../store/open.ts'
import type { SessionUser } from './session.ts'
import type { Role } from '#shared/domain.ts'
import type { AppUserRow } from '../store/rows.ts'

export function ensureDefaultProfiles(db: Db): void {
  db.prepare(
    `INSERT INTO app_user (username, nama, role, created_at)
     SELECT 'admin', 'Admin Lokal', 'admin', ? WHERE NOT EXISTS (SELECT 1 FROM app_user)`,
  ).run(Date.now())
}

type UserRow = Omit<SessionUser, 'kabupaten' | 'units'> & { kabupaten_json: string | null; units_csv: string | null; unit_kab_csv: string | null }
/** The profile's units and their kabupaten come along in one read (user_unit, migration 0028). */
const USER_COLUMNS =
  "id, username, nama, role, kabupaten_json, (SELECT group_concat(unit_id, ',') FROM user_unit WHERE user_id = app_user.id) AS units_csv, " +
  "(SELECT group_concat(DISTINCT u.kabupaten_kode) FROM user_unit uu JOIN unit u ON u.id = uu.unit_id WHERE uu.user_id = app_user.id) AS unit_kab_csv"

function toUser({ kabupaten_json, units_csv, unit_kab_csv, ...row }: UserRow): SessionUser {
  if (row.role === 'penghubung') {
    // A liaison's kabupaten is its units' kabupaten; with no unit it has none (an empty list limits it to nothing).
    const units = units_csv ? units_csv.split(',').map(Number).sort((a, b) => a - b) : []
    const kabupaten = unit_kab_csv ? unit_kab_csv.split(',').sort() : []
    return { ...row, kabupaten, units }
  }
  const list = kabupaten_json === null ? null : (JSON.parse(kabupaten_json) as string[])
  return { ...row, kabupaten: list && list.length > 0 ? list : null, units: null }
}

/** Sets the units a profile answers for (replacing the previous list). */
export function setProfileUnits(db: Db, userId: number, unitIds: readonly number[]): void {
  db.prepare('DELETE FROM user_unit WHERE user_id = ?').run(userId)
  const add = db.prepare('INSERT OR IGNORE INTO user_unit (user_id, unit_id) VALUES (?, ?)')
  for (const id of unitIds) add.run(userId, id)
}

/** The kabupaten of a set of units (a liaison's kabupaten is its units'). */
export function kabupatenOfUnits(db: Db, unitIds: readonly number[]): string[] {
  const get = db.prepare('SELECT kabupaten_kode FROM unit WHERE id = ?').pluck()
  return [...new Set(unitIds.map((id) => get.get(id) as string | undefined).filter((k): k is string => k !== undefined))].sort()
}

/** Records a successful sign-in (users.list shows it). */
export function touchSignIn(db: Db, userId: number, now = Date.now()): void {
  db.prepare('UPDATE app_user SET last_sign_in_at = ? WHERE id = ?').run(now, userId)
}

export function findProfile(db: Db, username: string): SessionUser | null {
  // sql-vetted: USER_COLUMNS is a constant column list
  const row = db.prepare(`SELECT ${USER_COLUMNS} FROM app_user WHERE username = ? AND is_active = 1`).get(username) as UserRow | undefined
  return row ? toUser(row) : null
}

/** Limits a profile to these kabupaten (null or empty: every kabupaten). */
export function setProfileKabupaten(db: Db, username: string, kabupaten: readonly string[] | null): boolean {
  const list = kabupaten && kabupaten.length > 0 ? JSON.stringify([...new Set(kabupaten)].sort()) : null
  return db.prepare('UPDATE app_user SET kabupaten_json = ? WHERE username = ?').run(list, username).changes === 1
}

export function upsertProfile(db: Db, username: string, nama: string, role: Role): SessionUser {
  db.prepare(
    `INSERT INTO app_user (username, nama, role, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(username) DO UPDATE SET nama = excluded.nama, role = excluded.role, is_active = 1`,
  ).run(username, nama, role, Date.now())
  return findProfile(db, username)!
}

/**
 * A number that moves whenever this connection writes a profile, its units or a unit's kabupaten, by any statement
 * (temporary triggers calling back into the process: they live with the connection, not in the store's schema, so
 * other programs opening the file never see them). Signed-in sessions use it to keep a profile between requests
 * instead of reading it from the store on each (auth/sessions.ts): during a rebuild that one read on the server's
 * thread waited up to 1.1 s (docs/reliability.md).
 */
export function profileGeneration(db: Db): () => number {
  let watch = watched.get(db)
  if (!watch) {
    const state = { n: 0 }
    db.function('tanggap_profile_changed', { varargs: false }, () => {
      state.n++
      return null
    })
    for (const [name, event] of [
      ['user_ins', 'INSERT ON main.app_user'],
      ['user_upd', 'UPDATE ON main.app_user'],
      ['user_del', 'DELETE ON main.app_user'],
      ['unit_ins', 'INSERT ON main.user_unit'],
      ['unit_upd', 'UPDATE ON main.user_unit'],
      ['unit_del', 'DELETE ON main.user_unit'],
      ['unit_kab', 'UPDATE OF kabupaten_kode ON main.unit'],
    ]) {
      // sql-vetted: constant trigger names and events from the list above
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS tanggap_profile_${name} AFTER ${event} BEGIN SELECT tanggap_profile_changed(); END`)
    }
    watch = () => state.n
    watched.set(db, watch)
  }
  return watch
}
const watched = new WeakMap<Db, () => number>()

export function findProfileById(db: Db, id: number): SessionUser | null {
  // sql-vetted: USER_COLUMNS is a constant column list
  const row = db.prepare(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = ? AND is_active = 1`).get(id) as UserRow | undefined
  return row ? toUser(row) : null
}

export type ProfileListing = SessionUser & { is_active: 0 | 1; hasPassword: boolean; created_at: number; password_changed_at: number | null }

export function listProfiles(db: Db): ProfileListing[] {
  // sql-vetted: USER_COLUMNS is a constant column list
  return (
    db
      .prepare(`SELECT ${USER_COLUMNS}, is_active, password_hash IS NOT NULL AS hasPassword, created_at, password_changed_at FROM app_user ORDER BY username`)
      .all() as (UserRow & Omit<ProfileListing, 'hasPassword' | 'kabupaten' | 'units'> & { hasPassword: number })[]
  ).map((r) => ({ ...toUser(r), is_active: r.is_active, hasPassword: r.hasPassword === 1, created_at: r.created_at, password_changed_at: r.password_changed_at }))
}

/** The stored hash of an active profile (auth/password.ts), null when it has none or does not exist. */
export function passwordHashOf(db: Db, username: string): { user: SessionUser; hash: string | null } | null {
  // sql-vetted: USER_COLUMNS is a constant column list
  const row = db.prepare(`SELECT ${USER_COLUMNS}, password_hash FROM app_user WHERE username = ? AND is_active = 1`).get(username) as
    | (UserRow & Pick<AppUserRow, 'password_hash'>)
    | undefined
  if (!row) return null
  const { password_hash, ...user } = row
  return { user: toUser(user), hash: password_hash }
}

export function setPasswordHash(db: Db, username: string, hash: string | null, now = Date.now()): boolean {
  return db.prepare('UPDATE app_user SET password_hash = ?, password_changed_at = ? WHERE username = ?').run(hash, now, username).changes === 1
}

export function setProfileActive(db: Db, username: string, isActive: boolean): boolean {
  return db.prepare('UPDATE app_user SET is_active = ? WHERE username = ?').run(isActive ? 1 : 0, username).changes === 1
}
