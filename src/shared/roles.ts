// Roles and what each may do, read by the API (which enforces) and the screens (which offer only the buttons that
// can work). A rule changed here changes both sides; neither keeps its own list of who may do what.
import { z } from 'zod'

/** 'penghubung' (liaison of an OPD, bidang, kecamatan or desa) comes first: it is below viewer, so every
 *  command-centre procedure refuses it; it may call only the allow-list of LIAISON_PROCEDURES. */
export const ROLES = ['penghubung', 'viewer', 'operator', 'supervisor', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const roleSchema = z.enum(ROLES)

/** Each role may do everything the roles before it may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed)
}

/** The least role for each thing a person may do. */
export const PERMISSIONS = {
  /** Read the screens; wall displays run as viewer. */
  read: 'viewer',
  /** Triage at the desk: verify, a first disposition, tunda, notes, fixing a location. */
  triage: 'operator',
  /** Moving a complaint an OPD already holds (a second disposition) is a supervisor's call. */
  reassign: 'supervisor',
  /** Closing a complaint off (bukan wewenang, arsip) ends the Pemda's duty to answer: a supervisor's call. */
  close: 'supervisor',
  claim: 'operator',
  /** Link a complaint to the main complaint of the same problem (laporan ganda), or undo it. */
  linkDuplicate: 'operator',
  takeOverClaim: 'supervisor',
  /** Key in a complaint received by the Pemda's own channels. */
  intake: 'operator',
  pickNotable: 'operator',
  runSync: 'operator',
  manageOutbox: 'supervisor',
  commitImport: 'supervisor',
  /** Reading an import file by its path on the server's disk, not an upload. */
  importByPath: 'admin',
  administer: 'admin',
  /** See who reported a non-anonim complaint (personal data, UU 27/2022): the verifiers, not the wall or the desk. */
  seeIdentity: 'supervisor',
  /** Read a rahasia complaint's content: the desks, not the wall screens (viewer). */
  seeRahasia: 'operator',
} as const satisfies Record<string, Role>
export type Permission = keyof typeof PERMISSIONS

/** Procedure paths (tRPC "router.name", or a whole router as "router.*") a penghubung profile may call; every other
 *  procedure is refused to it in app/api/trpc.ts, whatever its minimum role. */
export const LIAISON_PROCEDURES: readonly string[] = ['liaison.*', 'session']

export function liaisonMayCall(path: string): boolean {
  return LIAISON_PROCEDURES.some((p) => (p.endsWith('.*') ? path.startsWith(p.slice(0, -1)) : path === p))
}

/** Whether a signed-in role may do it; no role (not signed in yet) may do nothing. */
export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && roleAtLeast(role, PERMISSIONS[permission])
}
