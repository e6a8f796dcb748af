import type { Command } from 'commander'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openWorkspace } from '../workspace/open.ts'
import { isLoopback, startServer } from '../server/serve.ts'
import { intOption, kabupatenOption } from './options.ts'
import { ROLES, type Role } from '#shared/roles.ts'
import { InvalidArgumentError } from 'commander'
import { defaultStoreFile, demoStoreFile } from '../workspace/paths.ts'
import { ensureDemoStore } from '#main/dev/demo/ensure.ts'
import { resourcePath } from '#main/resources.ts'
import { WALL_USERNAME, wallUser } from '#main/wall/profile.ts'
import { startLiveDemo } from '#main/dev/simulator/demo.ts'

/** Where the access token comes from. A value on the command line is visible to every user of the machine
 *  (`ps`, /proc/PID/cmdline, shell history): prefer --token-file or TANGGAP_TOKEN. */
export function accessTokenOf(
  opts: { token?: string | false; tokenFile?: string },
  env: NodeJS.ProcessEnv = process.env,
): { token: string | false | undefined; warning?: string } {
  // A new token source, a new rule: at least 16 characters; --token keeps accepting what it always did.
  const check = (token: string, from: string, min = 16): string => {
    if (token.length < min || token.length > 256 || /\s/.test(token)) throw new Error(`token akses dari ${from} harus ${min}–256 karakter tanpa spasi`)
    return token
  }
  if (opts.token === false) {
    if (opts.tokenFile) throw new Error('pilih salah satu: --no-token atau --token-file')
    return { token: false }
  }
  const given = [opts.token !== undefined && '--token', opts.tokenFile && '--token-file', env.TANGGAP_TOKEN && 'TANGGAP_TOKEN'].filter(Boolean)
  if (given.length > 1) throw new Error(`token akses diberikan lebih dari sekali (${given.join(', ')}): pilih satu`)
  if (opts.tokenFile) {
    let text: string
    try {
      text = readFileSync(opts.tokenFile, 'utf8')
    } catch {
      throw new Error(`berkas token ${opts.tokenFile} tidak dapat dibaca`)
    }
    return { token: check(text.split(/\r?\n/)[0].trim(), `--token-file ${opts.tokenFile}`) }
  }
  if (env.TANGGAP_TOKEN) return { token: check(env.TANGGAP_TOKEN.trim(), 'TANGGAP_TOKEN') }
  if (opts.token !== undefined) {
    return {
      token: check(opts.token, '--token', 1),
      warning: 'Peringatan: --token terlihat oleh pengguna lain komputer ini (daftar proses, riwayat shell); pakai --token-file BERKAS atau variabel TANGGAP_TOKEN.',
    }
  }
  return { token: undefined }
}

function roleOption(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`peran tidak dikenal: ${value} (pilihan: ${ROLES.join(', ')})`)
  return value as Role
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Jalankan aplikasi tanpa Electron: renderer + API (HTTP dan WebSocket) untuk peramban dan layar dinding')
    .option('--db <file>', 'berkas data SQLite (bawaan: berkas di folder data pengguna)')
    .option('--demo', 'pakai berkas data demo (dibuat dengan data contoh Kutai Timur dan Natuna bila belum ada)')
    .option('--no-live', 'demo tanpa hulu tiruan: data contoh diam, tanpa sinkronisasi')
    .option('--port <n>', 'port', intOption(0, 65535), 5180)
    .option('--host <host>', 'alamat; selain 127.0.0.1/localhost wajib memakai token akses', '127.0.0.1')
    .option('--kabupaten <kode>', 'kabupaten yang dibuka pertama', kabupatenOption)
    .option('--user <username>', 'profil lokal yang dipakai sesi ini', 'admin')
    .option('--token-file <file>', 'token akses dari baris pertama berkas ini (dibuat acak bila host bukan loopback); bertindak sebagai profil --user. Atau variabel TANGGAP_TOKEN')
    .option('--token <token>', 'token akses di baris perintah (terlihat di daftar proses: lebih baik --token-file atau TANGGAP_TOKEN)')
    .option('--token-role <role>', 'peran paling tinggi yang dibawa token akses: viewer, operator, supervisor, admin', roleOption, 'viewer')
    .option('--no-token', 'tanpa token akses: hanya masuk dengan nama pengguna dan kata sandi (lihat `tanggap user`)')
    .option('--trust-proxy', 'di belakang reverse proxy: alamat klien dibaca dari X-Forwarded-For (hanya bila proxy menimpanya)')
    .option('--require-login', 'wajibkan token atau masuk juga di 127.0.0.1 (komputer yang dipakai bersama)')
    .option('--static <dir>', 'folder renderer hasil build', resourcePath('..', 'out', 'renderer'))
    .action(async (opts: { db?: string; demo?: boolean; live: boolean; port: number; host: string; kabupaten?: string; user: string; token?: string | false; tokenFile?: string; requireLogin?: boolean; trustProxy?: boolean; static: string; tokenRole: Role }) => {
      const access = accessTokenOf(opts)
      if (access.warning) console.error(access.warning)
      const file = opts.db ?? (opts.demo ? demoStoreFile() : defaultStoreFile())
      const workspace = openWorkspace(file)
      // The demo syncs from a simulated upstream in this process, so a new user sees a live command centre.
      const live = opts.demo && opts.live ? await startLiveDemo(workspace, { log: (line) => console.error(line) }) : null
      if (opts.demo && !live) ensureDemoStore(workspace.db, (line) => console.error(line))
      // Wall screens run as the read-only profile 'dinding': `--user dinding` works on a fresh store too.
      if (opts.user === WALL_USERNAME) wallUser(workspace.db)
      if (!existsSync(join(opts.static, 'index.html'))) {
        console.error(`Peringatan: renderer belum dibangun di ${opts.static}; jalankan \`npm run build\`. API tetap dilayani.`)
      }
      const server = await startServer({
        workspace,
        host: opts.host,
        port: opts.port,
        staticDir: opts.static,
        username: opts.user,
        token: access.token,
        tokenRole: opts.tokenRole,
        requireAuth: opts.requireLogin,
        trustProxy: opts.trustProxy,
        defaultKabupaten: opts.kabupaten,
      })
      console.log(`tanggap melayani ${file}`)
      const needsLogin = !server.token && (opts.requireLogin || !isLoopback(opts.host))
      console.log(`Buka: ${server.url}/${server.token ? `?token=${server.token}` : needsLogin ? 'login' : ''}`)
      if (server.token) console.log(`Token akses bertindak sebagai profil ${opts.user} dengan peran paling tinggi ${opts.tokenRole} (--token-role)`)
      if (live) console.log(`Demo langsung: sinkron tiap menit dari hulu tiruan ${live.simulator.url} (${live.sources.join(', ')})`)
      const stop = async () => {
        await live?.stop()
        await server.close()
        workspace.close()
        process.exit(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}
