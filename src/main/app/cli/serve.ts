import type { Command } from 'commander'
import { existsSync } from 'node:fs'
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
    .option('--token <token>', 'token akses (dibuat acak bila host bukan loopback); bertindak sebagai profil --user')
    .option('--token-role <role>', 'peran paling tinggi yang dibawa token akses: viewer, operator, supervisor, admin', roleOption, 'viewer')
    .option('--no-token', 'tanpa token akses: hanya masuk dengan nama pengguna dan kata sandi (lihat `tanggap user`)')
    .option('--require-login', 'wajibkan token atau masuk juga di 127.0.0.1 (komputer yang dipakai bersama)')
    .option('--static <dir>', 'folder renderer hasil build', resourcePath('..', 'out', 'renderer'))
    .action(async (opts: { db?: string; demo?: boolean; live: boolean; port: number; host: string; kabupaten?: string; user: string; token?: string | false; requireLogin?: boolean; static: string; tokenRole: Role }) => {
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
        token: opts.token,
        tokenRole: opts.tokenRole,
        requireAuth: opts.requireLogin,
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
