#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into resources/native/electron-<abi>-<platform>-<arch>/, where the
// desktop shell loads it through openStore's `nativeBinding` and electron-builder ships it as an extra resource.
//
// npm installs better-sqlite3 compiled for Node; tests, the CLI and serve mode need exactly that build, so it is
// never touched: the package is copied to a temporary folder and the Electron build is made there — first a
// prebuilt download (prebuild-install, from GitHub), else a compile against Electron's headers (node-gyp, from
// electronjs.org). Both need internet; without it this fails within seconds and says so.
//
//   node scripts/build-electron-sqlite.js [--platform win32|linux] [--arch x64] [--force]
//
// --platform/--arch build for another target (a Windows package made on Linux needs the Windows addon; only the
// prebuilt download can do that, compiling cannot cross platforms).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { homedir, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

export function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
}

/** NODE_MODULE_VERSION of the installed Electron: the electron package records it; node-abi knows it otherwise. */
export async function electronAbi(version = electronVersion()) {
  const recorded = join(root, 'node_modules', 'electron', 'abi_version')
  if (existsSync(recorded)) return readFileSync(recorded, 'utf8').trim()
  const { getAbi } = await import('node-abi')
  return getAbi(version, 'electron')
}

/** Same folder name as electronSqliteDir() in src/main/app/shell/native-sqlite.ts. */
export function addonFile(abi, platform = process.platform, arch = process.arch) {
  return join(root, 'resources', 'native', `electron-${abi}-${platform}-${arch}`, 'better_sqlite3.node')
}

function option(args, name, fallback) {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback
}

/**
 * npm passes its configuration to scripts as npm_config_* variables, and node-gyp and prebuild-install obey them:
 * a `nodedir` in ~/.npmrc (as on these machines) makes node-gyp compile against Node's headers, producing a
 * Node-ABI addon under an Electron name. The target is given on the command line instead.
 */
function buildEnv() {
  const env = { ...process.env }
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|target_arch|target_platform|build_from_source|devdir)$/i.test(key)) delete env[key]
  }
  return env
}

/**
 * Runs a Node tool with a time limit against network stalls. Not detached, so Ctrl+C reaches the compiler too.
 */
function run(label, command, args, cwd, timeoutMs) {
  console.log(`\n> ${label}`)
  const result = spawnSync(process.execPath, [command, ...args], { cwd, stdio: 'inherit', env: buildEnv(), timeout: timeoutMs })
  if (result.error?.code === 'ETIMEDOUT') console.error(`${label}: berhenti setelah ${timeoutMs / 1000} detik`)
  return result.status === 0
}

async function main(args) {
  const version = electronVersion()
  const abi = await electronAbi(version)
  const platform = option(args, '--platform', process.platform)
  const arch = option(args, '--arch', process.arch)
  const target = addonFile(abi, platform, arch)
  if (existsSync(target) && !args.includes('--force')) {
    console.log(`Modul SQLite untuk Electron ${version} (ABI ${abi}, ${platform}-${arch}) sudah ada: ${target}`)
    return 0
  }
  console.log(`Membangun better-sqlite3 untuk Electron ${version} (ABI ${abi}, ${platform}-${arch})…`)

  const work = mkdtempSync(join(tmpdir(), 'tanggap-electron-sqlite-'))
  try {
    const pkg = join(work, 'better-sqlite3')
    // Without build/: that folder holds the Node build, which must neither be copied over nor be mistaken for a result.
    const source = dirname(require.resolve('better-sqlite3/package.json'))
    cpSync(source, pkg, { recursive: true, filter: (path) => path !== join(source, 'build') })
    const built = join(pkg, 'build', 'Release', 'better_sqlite3.node')

    const downloaded = run(
      'prebuild-install (unduh modul jadi dari GitHub)',
      require.resolve('prebuild-install/bin.js'),
      ['--runtime', 'electron', '--target', version, '--platform', platform, '--arch', arch, '--verbose'],
      pkg,
      5 * 60_000,
    )
    const isNative = platform === process.platform && arch === process.arch
    const compiled =
      !downloaded &&
      isNative &&
      run(
        'node-gyp (kompilasi dengan header Electron dari electronjs.org)',
        require.resolve('node-gyp/bin/node-gyp.js'),
        ['rebuild', '--release', `--target=${version}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers', `--devdir=${join(homedir(), '.electron-gyp')}`],
        pkg,
        30 * 60_000,
      )
    if (!(downloaded || compiled) || !existsSync(built) || statSync(built).size === 0) {
      console.error(failureMessage(version, abi, platform, arch, isNative))
      return 1
    }
    mkdirSync(dirname(target), { recursive: true })
    cpSync(built, target)
    console.log(`\nSelesai: ${target}`)
    return 0
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function failureMessage(version, abi, platform, arch, isNative) {
  return [
    '',
    `Gagal membuat modul SQLite untuk Electron ${version} (ABI ${abi}, ${platform}-${arch}).`,
    'Langkah ini perlu internet: modul jadi diunduh dari github.com (WiseLibs/better-sqlite3, rilis),',
    isNative
      ? 'atau dikompilasi dengan header Electron dari electronjs.org (perlu Python dan kompiler C++).'
      : `dan untuk ${platform}-${arch} hanya modul jadi yang bisa dipakai (kompilasi silang tidak didukung).`,
    'Build Node di node_modules/better-sqlite3 tidak diubah; tes dan `npm run serve` tetap berjalan.',
    '',
    `Could not obtain better-sqlite3 for Electron ${version} (ABI ${abi}, ${platform}-${arch}). This needs internet`,
    'access to github.com (prebuilt download) or electronjs.org (headers to compile). The Node build in',
    'node_modules/better-sqlite3 was left as it is. Without Electron, run `npm run serve` and open http://127.0.0.1:5180.',
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2))
}
