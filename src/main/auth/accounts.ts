// Managing profiles from the app (users.* procedures, admin only): list with last sign-in, add, import a list from
// a spreadsheet, reset a password, disable, set the e-mail the daily digest goes to. Every change is audited; no
// password or hash ever leaves this module. The CLI (`tanggap user …`) does the same on the command line.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '../users/session.ts'
import { ROLES, type Role } from '#shared/roles.ts'
import { hashPassword, passwordProblem } from './password.ts'
import { appendAudit } from '../audit/log.ts'
import { findProfile, setPasswordHash, setProfileActive, setProfileKabupaten, setProfileUnits, upsertProfile } from '../users/profiles.ts'
import { FileReadError, kindOf, readRowsHere, type Cell } from '../import/readers.ts'

export const USERNAME = /^[a-z0-9._-]{2,64}$/
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export type UserListing = {
  id: number
  username: string
  nama: string
  role: Role
  units: { id: number; kode: string; nama: string; kepala: boolean }[]
  kabupaten: string[] | null
  email: string | null
  disabled: boolean
  hasPassword: boolean
  lastSignIn: number | null
}

export function listUsers(db: Db): UserListing[] {
  const rows = db
    .prepare(
      `SELECT id, username, nama, role, kabupaten_json, email, is_active, password_hash IS NOT NULL AS has_password, last_sign_in_at
       FROM app_user ORDER BY username`,
    )
    .all() as { id: number; username: string; nama: string; role: Role; kabupaten_json: string | null; email: string | null; is_active: number; has_password: number; last_sign_in_at: number | null }[]
  const units = db.prepare('SELECT u.id, u.kode, u.nama, u.kabupaten_kode, uu.is_kepala = 1 AS kepala FROM user_unit uu JOIN unit u ON u.id = uu.unit_id WHERE uu.user_id = ? ORDER BY u.nama')
  return rows.map((r) => {
    const us = (units.all(r.id) as { id: number; kode: string; nama: string; kabupaten_kode: string; kepala: number }[]).map((u) => ({ ...u, kepala: u.kepala === 1 }))
    const kab = r.role === 'penghubung' ? [...new Set(us.map((u) => u.kabupaten_kode))].sort() : r.kabupaten_json ? (JSON.parse(r.kabupaten_json) as string[]) : null
    return {
      id: r.id,
      username: r.username,
      nama: r.nama,
      role: r.role,
      units: us.map(({ kabupaten_kode: _k, ...u }) => u),
      kabupaten: kab && kab.length ? kab : r.role === 'penghubung' ? [] : null,
      email: r.email,
      disabled: r.is_active === 0,
      hasPassword: r.has_password === 1,
      lastSignIn: r.last_sign_in_at,
    }
  })
}

/** Unit codes (unit.kode, as `tanggap info` and the units list show them) to ids; an unknown code is refused by name. */
export function unitIdsOfCodes(db: Db, codes: readonly string[]): number[] {
  const get = db.prepare('SELECT id FROM unit WHERE kode = ?').pluck()
  return codes.map((kode) => {
    const id = get.get(kode.trim()) as number | undefined
    if (id === undefined) throw new DomainError('INVALID', `Kode unit "${kode}" tidak dikenal di berkas data ini (lihat daftar unit: tanggap info, atau Pengaturan → Unit)`)
    return id
  })
}

export type NewUser = {
  username: string
  nama: string
  role: Role
  password?: string
  unitCodes?: string[]
  kabupaten?: string[]
  email?: string | null
  /** Head of its unit (kepala OPD): receives the escalations of overdue complaints (reminders/run.ts). */
  kepala?: boolean
}

function checkNewUser(db: Db, u: NewUser): number[] {
  if (!USERNAME.test(u.username)) throw new DomainError('INVALID', `Nama pengguna "${u.username}" tidak sah: 2–64 huruf kecil, angka, titik, garis bawah atau tanda hubung`)
  const nama = u.nama.trim()
  if (nama.length < 2 || nama.length > 100) throw new DomainError('INVALID', `Nama lengkap ${u.username} harus 2–100 huruf`)
  if (!ROLES.includes(u.role)) throw new DomainError('INVALID', `Peran "${u.role}" tidak dikenal (pilihan: ${ROLES.join(', ')})`)
  if (u.email && !EMAIL.test(u.email)) throw new DomainError('INVALID', `Alamat e-mail "${u.email}" tidak sah`)
  const unitIds = unitIdsOfCodes(db, u.unitCodes ?? [])
  if (u.role === 'penghubung' && unitIds.length === 0) throw new DomainError('INVALID', `Profil penghubung ${u.username} perlu minimal satu unit (kode unit)`)
  if (u.role !== 'penghubung' && unitIds.length > 0) throw new DomainError('INVALID', `Hanya profil penghubung yang diberi unit (${u.username} berperan ${u.role})`)
  for (const kode of u.kabupaten ?? []) {
    if (!db.prepare('SELECT 1 FROM kabupaten WHERE kode = ?').get(kode)) throw new DomainError('INVALID', `Kabupaten ${kode} tidak ada di berkas data ini`)
  }
  if (u.password !== undefined) {
    const problem = passwordProblem(u.password)
    if (problem) throw new DomainError('INVALID', `Kata sandi ${u.username}: ${problem}`)
  }
  return unitIds
}

/** Adds a profile (or changes an existing one: name, role, units, kabupaten; the password only when given). */
export async function addUser(db: Db, actor: SessionUser, u: NewUser, now = Date.now()): Promise<UserListing> {
  checkNewUser(db, u)
  const hash = u.password === undefined ? null : await hashPassword(u.password)
  db.transaction(() => saveUser(db, actor, u, hash, now)).immediate()
  return listUsers(db).find((x) => x.username === u.username)!
}

function saveUser(db: Db, actor: SessionUser, u: NewUser, hash: string | null, now: number): void {
  const unitIds = checkNewUser(db, u)
  const existed = findProfile(db, u.username) !== null
  const p = upsertProfile(db, u.username, u.nama.trim(), u.role)
  setProfileUnits(db, p.id, unitIds)
  if (u.kepala) db.prepare('UPDATE user_unit SET is_kepala = 1 WHERE user_id = ?').run(p.id)
  if (u.kabupaten !== undefined) setProfileKabupaten(db, u.username, u.kabupaten)
  if (u.email !== undefined) db.prepare('UPDATE app_user SET email = ? WHERE id = ?').run(u.email || null, p.id)
  if (hash) setPasswordHash(db, u.username, hash, now)
  appendAudit(
    db,
    actor,
    { action: existed ? 'user.update' : 'user.add', entity: 'app_user', entityId: p.id, after: { username: u.username, nama: u.nama, role: u.role, unitCodes: u.unitCodes ?? [], kabupaten: u.kabupaten ?? null, email: u.email ?? null, kepala: u.kepala ?? false, password: hash ? 'diatur' : 'tidak diubah' } },
    now,
  )
}

export type ImportResult = { added: number; updated: number; errors: { baris: number; pesan: string }[] }

const HEADERS: Record<string, keyof NewUser | 'unit'> = {
  username: 'username',
  nama_pengguna: 'username',
  nama: 'nama',
  nama_lengkap: 'nama',
  peran: 'role',
  role: 'role',
  unit: 'unit',
  kode_unit: 'unit',
  email: 'email',
  'e-mail': 'email',
}

const cellText = (c: Cell | undefined): string => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c)).trim()

/**
 * A list of profiles from a spreadsheet (xlsx or csv): a header row with username, nama, peran, unit (one or more
 * unit codes separated by ; or ,) and email. Rows with a problem are listed with their row number and skipped; the
 * others are saved in one transaction. Passwords are never taken from a file: set them with "Atur ulang sandi".
 */
export async function importUsers(db: Db, actor: SessionUser, file: { name: string; data: Buffer }, now = Date.now()): Promise<ImportResult> {
  const kind = kindOf(file.name)
  if (!kind) throw new DomainError('INVALID', `Berkas ${file.name}: hanya .xlsx atau .csv`)
  const result: ImportResult = { added: 0, updated: 0, errors: [] }
  let columns: (keyof NewUser | 'unit' | null)[] | null = null
  const rows: { baris: number; user: NewUser }[] = []
  try {
    await readList()
  } catch (err) {
    // A damaged or unreadable file is the user's problem to fix, said in their words (never a 500).
    if (err instanceof FileReadError || (err instanceof Error && !(err instanceof DomainError))) {
      throw new DomainError('INVALID', `Berkas ${file.name} tidak dapat dibaca: ${err.message}`.slice(0, 500), { cause: err })
    }
    throw err
  }
  async function readList(): Promise<void> {
  for await (const r of readRowsHere({ bytes: file.data }, kind!)) {
    const cells = r.cells.map(cellText)
    if (cells.every((c) => c === '')) continue
    if (!columns) {
      columns = cells.map((c) => HEADERS[c.toLowerCase().replace(/\s+/g, '_')] ?? null)
      for (const need of ['username', 'nama', 'role'] as const) {
        if (!columns.includes(need)) throw new DomainError('INVALID', `Berkas ${file.name}: kolom "${need === 'role' ? 'peran' : need}" tidak ada di baris judul (perlu: username, nama, peran, unit, email)`)
      }
      continue
    }
    const get = (k: keyof NewUser | 'unit') => cells[columns!.indexOf(k)] ?? ''
    const unit = get('unit')
    rows.push({
      baris: r.row,
      user: {
        username: get('username').toLowerCase(),
        nama: get('nama'),
        role: get('role').toLowerCase() as Role,
        unitCodes: unit ? unit.split(/[;,]/).map((s) => s.trim()).filter(Boolean) : [],
        email: columns.includes('email') ? get('email') || null : undefined,
      },
    })
  }
  }
  if (!columns) throw new DomainError('INVALID', `Berkas ${file.name} kosong`)
  const seen = new Set<string>()
  db.transaction(() => {
    for (const { baris, user } of rows) {
      try {
        if (seen.has(user.username)) throw new DomainError('INVALID', `nama pengguna ${user.username} sudah ada di baris sebelumnya`)
        const existed = findProfile(db, user.username) !== null
        saveUser(db, actor, user, null, now)
        seen.add(user.username)
        if (existed) result.updated++
        else result.added++
      } catch (err) {
        if (!(err instanceof DomainError)) throw err
        result.errors.push({ baris, pesan: err.message })
      }
    }
    appendAudit(db, actor, { action: 'user.import', entity: 'app_user', entityId: file.name.slice(0, 200), after: { added: result.added, updated: result.updated, errors: result.errors.length } }, now)
  }).immediate()
  return result
}

function mustExist(db: Db, username: string): void {
  if (!db.prepare('SELECT 1 FROM app_user WHERE username = ?').get(username)) throw new DomainError('NOT_FOUND', `Profil "${username}" tidak ada`)
}

export async function resetPassword(db: Db, actor: SessionUser, username: string, password: string, now = Date.now()): Promise<{ username: string }> {
  mustExist(db, username)
  const problem = passwordProblem(password)
  if (problem) throw new DomainError('INVALID', problem)
  const hash = await hashPassword(password)
  db.transaction(() => {
    setPasswordHash(db, username, hash, now)
    appendAudit(db, actor, { action: 'user.password', entity: 'app_user', entityId: username }, now)
  }).immediate()
  return { username }
}

export function setDisabled(db: Db, actor: SessionUser, username: string, disabled: boolean, now = Date.now()): { username: string; disabled: boolean } {
  mustExist(db, username)
  if (disabled && username === actor.username) throw new DomainError('PRECONDITION', 'Profil yang sedang dipakai tidak dapat dinonaktifkan sendiri')
  db.transaction(() => {
    setProfileActive(db, username, !disabled)
    appendAudit(db, actor, { action: disabled ? 'user.disable' : 'user.enable', entity: 'app_user', entityId: username }, now)
  }).immediate()
  return { username, disabled }
}

export function setEmail(db: Db, actor: SessionUser, username: string, email: string | null, now = Date.now()): { username: string; email: string | null } {
  mustExist(db, username)
  if (email && !EMAIL.test(email)) throw new DomainError('INVALID', `Alamat e-mail "${email}" tidak sah`)
  db.transaction(() => {
    db.prepare('UPDATE app_user SET email = ? WHERE username = ?').run(email || null, username)
    appendAudit(db, actor, { action: 'user.email', entity: 'app_user', entityId: username, after: { email: email || null } }, now)
  }).immediate()
  return { username, email: email || null }
}
