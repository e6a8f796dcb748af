// The profile a wall screen acts as: 'dinding', always with the viewer role (a wall is read-only whatever the
// profile table says), created on first use so a fresh store can drive a wall at once.
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { findProfile, upsertProfile } from '../users/profiles.ts'

export const WALL_USERNAME = 'dinding'

export function wallUser(db: Db): SessionUser {
  const profile = findProfile(db, WALL_USERNAME) ?? upsertProfile(db, WALL_USERNAME, 'Layar dinding', 'viewer')
  return { ...profile, role: 'viewer' }
}
