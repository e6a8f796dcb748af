// What went wrong with the store file itself, said in the user's terms: SQLite's English errors ("database disk
// image is malformed", "database or disk is full", "database is locked") become an Indonesian message that names
// the file and says what to do. The kind of problem comes from SQLite's own error code, never from reading the
// file outside SQLite (closing such a descriptor would drop this process's locks on it, see store/README.md).
import { performance } from 'node:perf_hooks'
import { DomainError } from '../errors.ts'
import type { Db } from './open.ts'

export type StoreProblemKind = 'damaged' | 'not-a-database' | 'full' | 'io' | 'locked' | 'readonly' | 'cantopen'

/** SQLite's result code of an error thrown by better-sqlite3 (either driver), or null for any other error. */
export function sqliteCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code
  return err instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_') ? code : null
}

export function problemKind(err: unknown): StoreProblemKind | null {
  const code = sqliteCode(err)
  if (!code) return null
  if (code.startsWith('SQLITE_CORRUPT')) return 'damaged'
  if (code === 'SQLITE_NOTADB') return 'not-a-database'
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_NOMEM' || code === 'SQLITE_NOMEM') return 'full'
  if (code.startsWith('SQLITE_IOERR')) return 'io'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked'
  if (code.startsWith('SQLITE_READONLY')) return 'readonly'
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cantopen'
  return null
}

/** The command that brings a damaged store back. */
export function restoreAdvice(file: string): string {
  return `Hentikan aplikasi, lalu pulihkan cadangan terakhir: tanggap restore --db ${file} --from BERKAS-CADANGAN ` +
    `(cadangan dibuat dengan \`tanggap backup --db ${file} --out BERKAS\` atau otomatis di folder cadangan yang diatur di Pengaturan).`
}

export function damagedMessage(file: string, detail?: string): string {
  return `Berkas data ${file} rusak${detail ? ` (${detail})` : ''}. ${restoreAdvice(file)}`
}

/** The Indonesian message for a store problem, naming the file and what to do. */
export function problemMessage(kind: StoreProblemKind, file: string): string {
  switch (kind) {
    case 'damaged':
      return damagedMessage(file)
    case 'not-a-database':
      return `Berkas ${file} tidak dapat dibaca sebagai berkas data tanggap: kuncinya salah atau tidak diberikan (berkas terenkripsi), atau berkasnya rusak. ${restoreAdvice(file)}`
    case 'full':
      return `Disk tempat berkas data ${file} penuh: perubahan ini tidak tersimpan. Kosongkan ruang disk (hapus berkas yang tidak perlu, pindahkan cadangan lama), lalu coba lagi.`
    case 'io':
      return `Berkas data ${file} tidak dapat dibaca atau ditulis (kesalahan disk). Periksa disk dan izin foldernya; bila berulang, ${restoreAdvice(file).replace(/^Hentikan/, 'hentikan')}`
    case 'locked':
      return `Berkas data ${file} sedang dipakai program lain terlalu lama (lebih dari 10 detik). Coba lagi sebentar lagi; bila berulang, periksa proses tanggap lain yang memakai berkas ini.`
    case 'readonly':
      return `Berkas data ${file} hanya dapat dibaca: periksa izin berkas dan foldernya, lalu coba lagi.`
    case 'cantopen':
      return `Berkas data ${file} tidak dapat dibuka: periksa bahwa folder dan berkasnya ada dan dapat ditulis.`
  }
}

/** A store error as a DomainError for the API and the CLI; anything that is not a store error is returned as is. */
export function asStoreProblem(err: unknown, file: string): unknown {
  const kind = problemKind(err)
  if (!kind) return err
  return new DomainError(kind === 'locked' ? 'BUSY' : 'PRECONDITION', problemMessage(kind, file), { cause: err })
}

/** The store file is damaged: what SQLite's check found, and how to get back. */
export class StoreDamagedError extends Error {
  override readonly name = 'StoreDamagedError'

  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    // SQLite's own findings are English and technical: the message says how many; `problems` keeps them for a log.
    super(damagedMessage(file, problems.length ? `pemeriksaan SQLite menemukan ${problems.length} masalah` : undefined))
  }
}

export type QuickCheck = { ok: boolean; problems: string[]; ms: number }

/**
 * SQLite's quick_check: every page readable, b-trees well formed, no unused page counted twice (not the
 * index-versus-table comparison of integrity_check). Measured at about 0.4 s on a 100,000-complaint store
 * (docs/reliability.md). A damaged page can also make the check itself fail: that is a damaged store too.
 */
export function quickCheck(db: Db, maxProblems = 10): QuickCheck {
  const t0 = performance.now()
  let problems: string[]
  try {
    // sql-vetted: a whole number clamped to at least 1, not input
    problems = (db.pragma(`quick_check(${Math.max(1, Math.trunc(maxProblems))})`, { simple: false }) as { quick_check: string }[]).map((r) => r.quick_check)
  } catch (err) {
    const kind = problemKind(err)
    if (kind !== 'damaged' && kind !== 'not-a-database') throw err
    problems = [(err as Error).message]
  }
  const ok = problems.length === 1 && problems[0] === 'ok'
  return { ok, problems: ok ? [] : problems, ms: Math.round(performance.now() - t0) }
}

/** Throws StoreDamagedError when the quick check finds the store damaged. */
export function assertHealthy(db: Db): QuickCheck {
  const check = quickCheck(db)
  if (!check.ok) throw new StoreDamagedError(db.name, check.problems)
  return check
}
