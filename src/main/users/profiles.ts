// Local user profiles. Every store starts with one administrator profile so the app is usable at once;
// more profiles (operator, supervisor, viewer for wall screens) are added in Pengaturan.
import type { Db } from '../store/open.ts'
import type { SessionUser } from '../api/context.ts'
import type { Role } from '../../shared/domain.ts'

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
