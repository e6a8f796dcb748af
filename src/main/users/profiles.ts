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

export function findProfile(db: Db, username: string): SessionUser | null {
  const row = db.prepare('SELECT id, username, nama, role FROM app_user WHERE username = ? AND is_active = 1').get(username) as
    | SessionUser
    | undefined
  return row ?? null
}

export function upsertProfile(db: Db, username: string, nama: string, role: Role): SessionUser {
  db.prepare(
    `INSERT INTO app_user (username, nama, role, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(username) DO UPDATE SET nama = excluded.nama, role = excluded.role, is_active = 1`,
  ).run(username, nama, role, Date.now())
  return findProfile(db, username)!
}

export function findProfileById(db: Db, id: number): SessionUser | null {
  const row = db.prepare('SELECT id, username, nama, role FROM app_user WHERE id = ? AND is_active = 1').get(id) as SessionUser | undefined
  return row ?? null
}

export type ProfileListing = SessionUser & { is_active: 0 | 1; hasPassword: boolean; created_at: number; password_changed_at: number | null }

export function listProfiles(db: Db): ProfileListing[] {
  return (
    db
      .prepare('SELECT id, username, nama, role, is_active, password_hash IS NOT NULL AS hasPassword, created_at, password_changed_at FROM app_user ORDER BY username')
      .all() as (Omit<ProfileListing, 'hasPassword'> & { hasPassword: number })[]
  ).map((r) => ({ ...r, hasPassword: r.hasPassword === 1 }))
}

/** The stored hash of an active profile (auth/password.ts), null when it has none or does not exist. */
export function passwordHashOf(db: Db, username: string): { user: SessionUser; hash: string | null } | null {
  const row = db.prepare('SELECT id, username, nama, role, password_hash FROM app_user WHERE username = ? AND is_active = 1').get(username) as
    | (SessionUser & Pick<AppUserRow, 'password_hash'>)
    | undefined
  if (!row) return null
  const { password_hash, ...user } = row
  return { user, hash: password_hash }
}

export function setPasswordHash(db: Db, username: string, hash: string | null, now = Date.now()): boolean {
  return db.prepare('UPDATE app_user SET password_hash = ?, password_changed_at = ? WHERE username = ?').run(hash, now, username).changes === 1
}

export function setProfileActive(db: Db, username: string, isActive: boolean): boolean {
  return db.prepare('UPDATE app_user SET is_active = ? WHERE username = ?').run(isActive ? 1 : 0, username).changes === 1
}
