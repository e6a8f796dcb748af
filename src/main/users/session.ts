// Who is acting: the profile a transport (IPC, HTTP, WebSocket, CLI) signed in. Domains record it in the audit
// trail and check its role; they never ask how it signed in.
import type { Role } from '#shared/domain.ts'

export type SessionUser = {
  id: number
  username: string
  nama: string
  role: Role
  /** The kabupaten this profile may work on (kode, e.g. "21.03"); null: every kabupaten of the store. */
  kabupaten: string[] | null
  /** The units (ids) a penghubung profile answers for, sub-units included when queried (liaison/scope.ts); null
   *  (or absent, for callers that build their own SessionUser) for command-centre profiles. */
  units?: number[] | null
}
