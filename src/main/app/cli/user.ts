// `tanggap user`: local profiles and their passwords, for signing in to serve mode from other computers.
// Passwords never go on the command line (other users of the machine can read it in the process list): they come
// from --password-file, from the first line of stdin (--password-stdin) or from TANGGAP_PASSWORD.
import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'
import { existsSync, readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { openStore } from '#main/store/open.ts'
import { ROLES, type Role } from '#shared/domain.ts'
import { hashPassword, passwordProblem } from '#main/auth/password.ts'
import { findProfile, listProfiles, setPasswordHash, setProfileActive, setProfileKabupaten, setProfileUnits, upsertProfile } from '#main/users/profiles.ts'
import { KABUPATEN_KODE } from '#shared/domain.ts'
import { appendAudit } from '#main/audit/log.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { Db } from '#main/store/open.ts'

type PasswordOpts = { passwordFile?: string; passwordStdin?: boolean }

async function readPassword(opts: PasswordOpts): Promise<string | null> {
  let raw: string | undefined
  if (opts.passwordFile) {
    if (!existsSync(opts.passwordFile)) throw new Error(`berkas kata sandi ${opts.passwordFile} tidak ada`)
    raw = readFileSync(opts.passwordFile, 'utf8')
  } else if (opts.passwordStdin) {
    const chunks: Buffer[] = []
    for await (const c of process.stdin) chunks.push(c as Buffer)
    raw = Buffer.concat(chunks).toString('utf8')
  } else raw = process.env.TANGGAP_PASSWORD
  if (raw === undefined) return null
  const password = raw.split(/\r?\n/)[0]
  const problem = passwordProblem(password)
  if (problem) throw new Error(problem)
  return password
}

/** Changes made from the command line are audited as the operating-system account that ran them. */
function cliActor(): SessionUser {
  // user_id stays NULL: no tanggap profile acted.
  return { id: null as unknown as number, username: `cli:${userInfo().username}`, nama: 'Baris perintah', role: 'admin', kabupaten: null, units: null }
}

function withStore<T>(file: string, fn: (db: Db) => Promise<T> | T): Promise<T> {
  if (!existsSync(file)) throw new Error(`berkas data ${file} tidak ada`)
  const db = openStore(file)
  return Promise.resolve(fn(db)).finally(() => db.close())
}

const USERNAME = /^[a-z0-9._-]{2,64}$/

function usernameOption(value: string): string {
  if (!USERNAME.test(value)) throw new InvalidArgumentError(`nama pengguna tidak sah: 2–64 huruf kecil, angka, titik, garis bawah atau tanda hubung`)
  return value
}

/** --kabupaten 64.08 --kabupaten 21.03, or --kabupaten 64.08,21.03: collected into one list. */
function kabupatenList(value: string, previous: string[] = []): string[] {
  const codes = value.split(',').map((v) => v.trim()).filter(Boolean)
  for (const c of codes) if (!KABUPATEN_KODE.test(c)) throw new InvalidArgumentError(`kode kabupaten "${c}" harus berbentuk NN.NN, mis. 64.08`)
  return [...previous, ...codes]
}

/** --unit 64.08/dinkes --unit 64.08/kec-sangatta-utara, or comma-separated: collected into one list. */
function unitList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)]
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const passwordOptions = (cmd: Command) =>
  cmd
    .option('--password-file <file>', 'berkas berisi kata sandi (baris pertama)')
    .option('--password-stdin', 'baca kata sandi dari baris pertama stdin')

export function registerUser(program: Command): void {
  const user = program.command('user').description('Profil pengguna lokal dan kata sandinya (untuk masuk ke mode serve dari komputer lain)')

  user
    .command('list')
    .description('Daftar profil sebagai JSON (tanpa kata sandi)')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .action((opts: { db: string }) => withStore(opts.db, (db) => console.log(JSON.stringify(listProfiles(db), null, 2))))

  passwordOptions(
    user
      .command('add')
      .description('Tambah atau ubah profil; dengan kata sandi bila diberikan (--password-file, --password-stdin atau TANGGAP_PASSWORD)')
      .requiredOption('--db <file>', 'berkas data SQLite')
      .requiredOption('--username <name>', 'nama pengguna (huruf kecil, angka, . _ -)', usernameOption)
      .requiredOption('--nama <nama>', 'nama lengkap yang tampil di aplikasi dan log audit')
      .addOption(new Option('--role <role>', 'peran').choices(ROLES).makeOptionMandatory())
      .option('--kabupaten <kode>', 'batasi profil ke kabupaten ini (boleh diulang atau dipisah koma, mis. 64.08,21.03)', kabupatenList)
      .option('--all-kabupaten', 'hapus batasan kabupaten: profil boleh bekerja di semua kabupaten')
      .option('--unit <kode>', 'unit yang dilayani profil penghubung: kode unit seperti di `tanggap info` (boleh diulang atau dipisah koma)', unitList)
      .option('--kepala', 'profil ini kepala unit (OPD): menerima eskalasi laporan yang terlambat')
      .option('--email <alamat>', 'alamat e-mail untuk ringkasan harian dan eskalasi'),
  ).action((opts: PasswordOpts & { db: string; username: string; nama: string; role: Role; kabupaten?: string[]; allKabupaten?: boolean; unit?: string[]; kepala?: boolean; email?: string }) =>
    withStore(opts.db, async (db) => {
      const nama = opts.nama.trim()
      if (nama.length < 2 || nama.length > 100) throw new Error('--nama harus 2–100 karakter')
      if (opts.kabupaten && opts.allKabupaten) throw new Error('pilih salah satu: --kabupaten atau --all-kabupaten')
      for (const kode of opts.kabupaten ?? []) {
        if (!db.prepare('SELECT 1 FROM kabupaten WHERE kode = ?').get(kode)) throw new Error(`kabupaten ${kode} tidak ada di berkas data ini`)
      }
      if (opts.role === 'penghubung' && !opts.unit?.length && !opts.kepala) throw new Error('profil penghubung perlu --unit KODE-UNIT (kode seperti di `tanggap info`)')
      if (opts.role === 'penghubung' && opts.kabupaten) throw new Error('profil penghubung tidak memakai --kabupaten: kabupatennya adalah kabupaten unitnya')
      if (opts.email && !EMAIL.test(opts.email)) throw new Error(`--email "${opts.email}" bukan alamat e-mail yang sah`)
      const unitIds = (opts.unit ?? []).map((kode) => {
        const id = db.prepare('SELECT id FROM unit WHERE kode = ?').pluck().get(kode) as number | undefined
        if (id === undefined) throw new Error(`kode unit "${kode}" tidak dikenal di berkas data ini; lihat daftar unit dengan: tanggap info --db ${opts.db}`)
        return id
      })
      if (opts.kepala && unitIds.length === 0) throw new Error('--kepala perlu --unit KODE-UNIT (unit yang dikepalai)')
      if (unitIds.length > 0 && opts.role !== 'penghubung' && !opts.kepala) throw new Error('--unit hanya untuk --role penghubung (atau bersama --kepala)')
      const password = await readPassword(opts)
      const hash = password === null ? null : await hashPassword(password)
      const saved = db.transaction(() => {
        upsertProfile(db, opts.username, nama, opts.role)
        // Without either option an existing profile keeps its kabupaten.
        if (opts.kabupaten || opts.allKabupaten) setProfileKabupaten(db, opts.username, opts.allKabupaten ? null : opts.kabupaten!)
        const id = db.prepare('SELECT id FROM app_user WHERE username = ?').pluck().get(opts.username) as number
        if (opts.unit) {
          setProfileUnits(db, id, unitIds)
          if (opts.kepala) db.prepare('UPDATE user_unit SET is_kepala = 1 WHERE user_id = ?').run(id)
        }
        if (opts.email !== undefined) db.prepare('UPDATE app_user SET email = ? WHERE id = ?').run(opts.email || null, id)
        const p = findProfile(db, opts.username)!
        if (hash) setPasswordHash(db, opts.username, hash)
        appendAudit(db, cliActor(), { action: 'user.upsert', entity: 'app_user', entityId: p.id, after: { ...p, password: hash ? 'diatur' : 'tidak diubah' } })
        return p
      }).immediate()
      console.log(JSON.stringify({ ...saved, hasPassword: listProfiles(db).find((p) => p.id === saved.id)?.hasPassword }, null, 2))
    }),
  )

  passwordOptions(
    user
      .command('password')
      .description('Atur kata sandi sebuah profil (atau hapus dengan --clear: profil hanya bisa dipakai lokal)')
      .requiredOption('--db <file>', 'berkas data SQLite')
      .requiredOption('--username <name>', 'nama pengguna', usernameOption)
      .option('--clear', 'hapus kata sandi'),
  ).action((opts: PasswordOpts & { db: string; username: string; clear?: boolean }) =>
    withStore(opts.db, async (db) => {
      const password = opts.clear ? null : await readPassword(opts)
      if (!opts.clear && password === null) throw new Error('kata sandi tidak diberikan: pakai --password-file, --password-stdin atau TANGGAP_PASSWORD')
      const hash = password === null ? null : await hashPassword(password)
      db.transaction(() => {
        if (!setPasswordHash(db, opts.username, hash)) throw new Error(`profil "${opts.username}" tidak ada`)
        appendAudit(db, cliActor(), { action: hash ? 'user.password' : 'user.password_clear', entity: 'app_user', entityId: opts.username })
      }).immediate()
      console.log(JSON.stringify({ username: opts.username, hasPassword: hash !== null }))
    }),
  )

  for (const [name, active] of [['disable', false], ['enable', true]] as const) {
    user
      .command(name)
      .description(active ? 'Aktifkan kembali sebuah profil' : 'Nonaktifkan sebuah profil: sesinya berakhir, tidak bisa masuk lagi')
      .requiredOption('--db <file>', 'berkas data SQLite')
      .requiredOption('--username <name>', 'nama pengguna', usernameOption)
      .action((opts: { db: string; username: string }) =>
        withStore(opts.db, (db) => {
          db.transaction(() => {
            if (!setProfileActive(db, opts.username, active)) throw new Error(`profil "${opts.username}" tidak ada`)
            appendAudit(db, cliActor(), { action: active ? 'user.enable' : 'user.disable', entity: 'app_user', entityId: opts.username })
          }).immediate()
          console.log(JSON.stringify({ username: opts.username, is_active: active }))
        }),
      )
  }
}
