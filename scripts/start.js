#!/usr/bin/env node
// `npm start`: build, make sure the Electron build of SQLite exists, and open the desktop app.
// Where Electron cannot run (no binary and no way to download it, no display), say so in both languages and point
// to serve mode, which is the same app in a browser. Never hangs: every child step has a time limit.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { addonFile, electronAbi } from './build-electron-sqlite.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')

function unavailable(reasonId, reasonEn) {
  console.error(
    [
      `tanggap: Electron tidak dapat dijalankan di mesin ini: ${reasonId}.`,
      `tanggap: Electron cannot run on this machine: ${reasonEn}.`,
      '',
      'Jalankan tanggap di peramban / Run tanggap in a browser instead:',
      '  npm run serve',
      '  lalu buka / then open: http://127.0.0.1:5180',
    ].join('\n'),
  )
  process.exit(1)
}

/**
 * The Electron binary, downloading it once if npm has not yet (the electron package fetches it on first use).
 * Not `require('electron')`: that downloads with no time limit and throws an unhelpful error when it cannot.
 */
function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) return join(override, defaultExecutable())
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) {
    console.log('Mengunduh Electron… / Downloading Electron…')
    const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 10 * 60_000 })
    // The downloader prints a stack trace when offline; its first line is the reason.
    if (download.status !== 0) console.error(`Unduhan gagal / Download failed: ${firstLine(download.stderr) || download.error?.message}`)
  }
  return existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null
}

function firstLine(text) {
  return (text ?? '').split('\n').find((line) => line.trim()) ?? ''
}

function defaultExecutable() {
  if (process.platform === 'win32') return 'electron.exe'
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  return 'electron'
}

function runsAtAll(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000, env: electronEnv() })
  return result.status === 0
}

/** ELECTRON_RUN_AS_NODE left in a shell would turn the app into a plain Node process. */
function electronEnv() {
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE
  return env
}

function step(args, timeoutMs) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', timeout: timeoutMs })
  if (result.status !== 0) process.exit(result.status || 1)
}

const binary = electronBinary()
if (!binary || !existsSync(binary)) {
  unavailable('binari Electron belum terpasang dan tidak dapat diunduh', 'its binary is not installed and could not be downloaded')
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  unavailable('tidak ada layar grafis (DISPLAY/WAYLAND_DISPLAY kosong)', 'there is no graphical display (DISPLAY/WAYLAND_DISPLAY unset)')
}
if (!runsAtAll(binary)) unavailable(`${binary} tidak dapat dijalankan`, `${binary} does not run`)

step([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], 10 * 60_000)
if (!existsSync(addonFile(await electronAbi()))) step([join(root, 'scripts', 'build-electron-sqlite.js')], 40 * 60_000)

const app = spawn(binary, [root], { stdio: 'inherit', env: electronEnv() })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal))
app.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
