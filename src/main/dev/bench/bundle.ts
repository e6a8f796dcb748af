// What a browser downloads to open each screen for the first time: the entry script with everything it imports
// statically, its style sheets, and the screen's own chunk with its static imports and styles. Read from the
// build's manifest (out/renderer/.vite/manifest.json, written because electron.vite.config.ts asks for it), and
// each file's size gzip-compressed, since that is what crosses a slow link (serve mode sends gzip).
// The goal is issue 18's: a desa liaison opening the inbox on a phone pays under 400 KB of JavaScript and CSS.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

type ManifestChunk = { file: string; src?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }
type Manifest = Record<string, ManifestChunk>

/** A screen's module, as the manifest names it (relative to src/renderer). */
export const SCREEN_MODULES: Record<string, string> = {
  penghubung: 'src/screens/penghubung/PenghubungScreen.tsx',
  ringkasan: 'src/screens/ringkasan/RingkasanScreen.tsx',
  peta: 'src/screens/peta/PetaScreen.tsx',
  kinerjaOpd: 'src/screens/kinerja-opd/KinerjaOpdScreen.tsx',
  antrean: 'src/screens/antrean/AntreanScreen.tsx',
  briefing: 'src/screens/briefing/BriefingScreen.tsx',
  sinkronisasi: 'src/screens/sinkronisasi/SinkronisasiScreen.tsx',
  pengaturan: 'src/screens/pengaturan/PengaturanScreen.tsx',
  dinding: 'src/screens/wall/WallScreen.tsx',
}

export const FIRST_LOAD_GOAL_KB = 400

export type ScreenLoad = { screen: string; files: number; js_kb: number; css_kb: number; total_kb: number; raw_kb: number }
export type BundleReport = {
  dir: string
  all_files: { js_kb: number; css_kb: number; raw_kb: number }
  entry: ScreenLoad
  screens: ScreenLoad[]
  goal: { screen: string; first_load_kb_under: number; met: boolean }
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10

function readManifest(dir: string): Manifest {
  const file = join(dir, '.vite', 'manifest.json')
  if (!existsSync(file)) throw new Error(`${file} tidak ada: bangun renderer lebih dulu (npx electron-vite build)`)
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest
}

/** The files a chunk brings with it before it runs: itself, its static imports (transitively) and their CSS. */
function staticClosure(manifest: Manifest, key: string, into: Set<string>): void {
  const chunk = manifest[key]
  if (!chunk) throw new Error(`manifest tidak memuat ${key}`)
  if (into.has(chunk.file)) return
  into.add(chunk.file)
  for (const css of chunk.css ?? []) into.add(css)
  for (const imp of chunk.imports ?? []) staticClosure(manifest, imp, into)
}

function measure(dir: string, screen: string, files: Set<string>, sizes: Map<string, { raw: number; gz: number }>): ScreenLoad {
  let js = 0
  let css = 0
  let raw = 0
  for (const f of files) {
    let size = sizes.get(f)
    if (!size) {
      const bytes = readFileSync(join(dir, f))
      size = { raw: bytes.length, gz: gzipSync(bytes, { level: 6 }).length }
      sizes.set(f, size)
    }
    raw += size.raw
    if (f.endsWith('.css')) css += size.gz
    else js += size.gz
  }
  return { screen, files: files.size, js_kb: kb(js), css_kb: kb(css), total_kb: kb(js + css), raw_kb: kb(raw) }
}

export function benchBundle(dir: string, goalScreen = 'penghubung'): BundleReport {
  const manifest = readManifest(dir)
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
  if (!entryKey) throw new Error('manifest tidak punya titik masuk')
  const sizes = new Map<string, { raw: number; gz: number }>()
  const entryFiles = new Set<string>()
  staticClosure(manifest, entryKey, entryFiles)
  const screens: ScreenLoad[] = []
  for (const [screen, src] of Object.entries(SCREEN_MODULES)) {
    if (!manifest[src]) continue // a screen this build does not have
    const files = new Set(entryFiles)
    staticClosure(manifest, src, files)
    screens.push(measure(dir, screen, files, sizes))
  }
  const all = new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]))
  const whole = measure(dir, 'all', all, sizes)
  const goal = screens.find((s) => s.screen === goalScreen)
  return {
    dir,
    all_files: { js_kb: whole.js_kb, css_kb: whole.css_kb, raw_kb: whole.raw_kb },
    entry: measure(dir, 'entry', entryFiles, sizes),
    screens,
    goal: { screen: goalScreen, first_load_kb_under: FIRST_LOAD_GOAL_KB, met: goal ? goal.total_kb < FIRST_LOAD_GOAL_KB : false },
  }
}
