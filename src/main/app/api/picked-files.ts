// Files of the machine running tanggap that an import may read by path: only ones the person at the desktop
// picked in the shell's own open dialog (shell/open-dialog.ts). The renderer gets an opaque token for the chosen
// file, never a path it could change: a path typed into an API call (over the network, or by a compromised page)
// reads nothing. Tokens live in this process's memory, belong to the profile that picked, and expire.
import { randomBytes } from 'node:crypto'

const TTL_MS = 60 * 60_000
const picked = new Map<string, { path: string; userId: number; expires: number }>()

export function issuePick(path: string, userId: number, now = Date.now()): string {
  for (const [k, v] of picked) if (v.expires <= now) picked.delete(k)
  const token = randomBytes(24).toString('base64url')
  picked.set(token, { path, userId, expires: now + TTL_MS })
  return token
}

/** The path picked under this token by this profile, or null (unknown, another profile's, expired). */
export function pickedPath(token: string, userId: number, now = Date.now()): string | null {
  const p = picked.get(token)
  return p && p.userId === userId && p.expires > now ? p.path : null
}
