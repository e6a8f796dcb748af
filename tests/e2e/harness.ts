// The one end-to-end harness every tests/e2e file uses: the constants, the check that the renderer is built, one
// Chromium per file (launched on the first page), stores (demo stores built once per set of parameters and cached on
// disk, each test getting its own copy), serve-mode servers, and a signed-in page per role.
//
// Every page it opens records uncaught page errors and console errors; after each test the harness fails the test if
// any happened that the test did not name with allowPageErrors() (each entry says why the message is expected).
// What a test opens is closed after that test; what a beforeAll opens, after the file.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/<file>`.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client'
import type { AppRouter } from '#main/app/api/router.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { startServer, type RunningServer, type ServeOptions } from '#main/app/server/serve.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { indexTerms } from '#main/isu/terms.ts'
import { processPendingSlice } from '#main/serupa/arrival.ts'
import { rebuild } from '#main/routing/learn.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import type { Role } from '#shared/domain.ts'
import { launchChromium } from './browser.ts'
import { BUILT_READ_POOL } from '../built-read-pool.ts'

export const RENDERER = resolve('out/renderer')
export const SCREENS = resolve('test-artifacts/screens')
export const KUTIM = '64.08'
export const NATUNA = '21.03'
/** A fixed end for the demo data, so every run sees the same store and the same numbers. */
export const UNTIL = new Date('2026-11-20T12:00:00Z')
export const VIEWPORT = { width: 1920, height: 1080 }
export const VIEWPORT_4K = { width: 3840, height: 2160 }
export const ID = new Intl.NumberFormat('id-ID')

// ---- scopes: what a test opened is closed after it, what beforeAll opened after the file ----

type Cleanup = () => unknown
let inTest = false
let testCleanups: Cleanup[] = []
const fileCleanups: Cleanup[] = []

/** Runs `fn` when the current test ends (or, called from beforeAll, when the file ends); last registered runs first. */
export function onCleanup(fn: Cleanup): void {
  ;(inTest ? testCleanups : fileCleanups).push(fn)
}

async function runCleanups(list: Cleanup[]): Promise<void> {
  const failures: unknown[] = []
  while (list.length) {
    try {
      await list.pop()!()
    } catch (err) {
      failures.push(err)
    }
  }
  if (failures.length) throw failures[0]
}

/** A temporary folder, removed when the current scope ends. */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-e2e-'))
  onCleanup(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

// ---- page errors ----

type Allowed = { match: RegExp; why: string }
type Recorded = { page: string; message: string }
let recorded: Recorded[] = []
let allowed: Allowed[] = []

/**
 * Messages the current test expects to see as a page or console error, each with the reason: a deliberate 401 or
 * 403, a server the test stopped on purpose, a tile server that does not exist offline. A message is matched as
 * "<text> <source URL>". Anything else a page logs as an error fails the test.
 */
export function allowPageErrors(...entries: Allowed[]): void {
  allowed.push(...entries)
}

/** Chromium's console line for a response the server refused with `status` (deliberately, in the test). */
export const refusedWith = (status: 401 | 403, why: string): Allowed => ({ match: new RegExp(`status of ${status} \\(`), why })

function watch(page: Page): void {
  page.on('pageerror', (err) => recorded.push({ page: page.url(), message: `pageerror: ${err.message}` }))
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const where = msg.location().url
    recorded.push({ page: page.url(), message: `console.error: ${msg.text()}${where ? ` ${where}` : ''}` })
  })
}

function unexpectedErrors(): string[] {
  return recorded.filter((r) => !allowed.some((a) => a.match.test(r.message))).map((r) => `${r.message} (on ${r.page})`)
}

// ---- the lifecycle of every e2e file ----

let browser: Promise<Browser> | undefined

beforeAll(() => {
  if (!existsSync(join(RENDERER, 'index.html'))) {
    throw new Error(`The renderer is not built (${RENDERER}/index.html missing). Run: npx electron-vite build && npx vitest run tests/e2e`)
  }
  mkdirSync(SCREENS, { recursive: true })
})

beforeEach(() => {
  inTest = true
  recorded = []
  allowed = []
})

afterEach(async () => {
  inTest = false
  try {
    await runCleanups(testCleanups)
  } finally {
    testCleanups = []
    const errors = unexpectedErrors()
    recorded = []
    allowed = []
    expect(errors, 'page errors or console errors during the test').toEqual([])
  }
})

afterAll(async () => {
  try {
    await runCleanups(fileCleanups)
  } finally {
    await (await browser?.catch(() => undefined))?.close()
    browser = undefined
  }
})

// ---- stores ----

/** An empty store (no kabupaten seeded), closed when the current scope ends. */
export function emptyWorkspace(name = 'store.db'): Workspace {
  const ws = openWorkspace(join(scratchDir(), name))
  onCleanup(() => ws.close())
  return ws
}

export type DemoData = { kabupaten: string; count: number; seed: number }

/**
 * A store with demo data: a private copy of a store built once per set of parameters and kept on disk (keyed by
 * the parameters and the app's source, so a change to the generator or the schema builds it again), opened as a
 * workspace that is closed when the current scope ends.
 */
export async function demoWorkspace(data: DemoData | DemoData[], until: Date = UNTIL, name = 'demo.db'): Promise<Workspace> {
  const file = join(scratchDir(), name)
  copyFileSync(await cachedDemo([data].flat(), until), file)
  const ws = openWorkspace(file)
  onCleanup(() => ws.close())
  return ws
}

/** A private copy of a cached demo store as a plain file (for code that opens the file itself). */
export async function demoStoreFile(data: DemoData | DemoData[], until: Date = UNTIL, name = 'demo.db'): Promise<string> {
  const file = join(scratchDir(), name)
  copyFileSync(await cachedDemo([data].flat(), until), file)
  return file
}

const CACHE = process.env.TANGGAP_E2E_CACHE ?? join(tmpdir(), 'tanggap-e2e-demo')
let sourceHash: string | undefined

/** The app's source (src/main, src/shared): what a demo store depends on besides its parameters. */
function sourceFingerprint(): string {
  if (sourceHash) return sourceHash
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else hash.update(path).update(readFileSync(path))
    }
  }
  walk(resolve('src/main'))
  walk(resolve('src/shared'))
  return (sourceHash = hash.digest('hex').slice(0, 16))
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function cachedDemo(data: DemoData[], until: Date): Promise<string> {
  mkdirSync(CACHE, { recursive: true })
  const key = createHash('sha256').update(JSON.stringify({ data, until: until.toISOString() })).digest('hex').slice(0, 16)
  const file = join(CACHE, `${sourceFingerprint()}-${key}.db`)
  const lock = `${file}.lock`
  // Several test files may want the same store at once: one builds it, the others wait for it.
  for (;;) {
    if (existsSync(file)) return file
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock left behind by a killed run is taken over after five minutes.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs
      if (since !== undefined && Date.now() - since > 300_000) rmSync(lock, { recursive: true, force: true })
      await sleep(250)
    }
  }
  try {
    if (existsSync(file)) return file
    const dir = mkdtempSync(join(tmpdir(), 'tanggap-e2e-build-'))
    try {
      const ws = openWorkspace(join(dir, 'build.db'))
      for (const d of data) generateDemo(ws.db, { ...d, until })
      // What serve mode would otherwise build in the background at every start of every test (a store fresh from
      // the generator has it pending): the early warning's words and the likely duplicates. Built once per store.
      while (ws.db.transaction(() => indexTerms(ws.db, { limit: 5_000 })).immediate() > 0);
      while (processPendingSlice(ws.db, 1_000, 256).remaining);
      // And the routing model: every server started on a copy would otherwise train it again (seconds each).
      for (const kabupaten of new Set(data.map((d) => d.kabupaten))) rebuild(ws.db, kabupaten)
      // One self-contained file (no WAL beside it), renamed into place whole.
      ws.db.exec(`VACUUM INTO '${join(dir, 'done.db')}'`)
      ws.close()
      renameSync(join(dir, 'done.db'), `${file}.tmp`)
      renameSync(`${file}.tmp`, file)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    pruneCache(file)
    return file
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** Stores built from older source, untouched for a day, are removed. */
function pruneCache(keep: string): void {
  const prefix = `${sourceFingerprint()}-`
  const now = new Date()
  utimesSync(keep, now, now)
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name)
    if (name.startsWith(prefix) || !name.endsWith('.db')) continue
    if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { force: true })
  }
}

// ---- servers and pages ----

export type Profile = { username: string; nama: string; role: Role }

/** The profile a page of each role acts as, unless a test names another. */
export const PROFILES: Record<Role, Profile> = {
  admin: { username: 'admin-kominfo', nama: 'Admin Diskominfo', role: 'admin' },
  supervisor: { username: 'kepala', nama: 'Budi Santoso', role: 'supervisor' },
  operator: { username: 'rina', nama: 'Rina Wulandari', role: 'operator' },
  viewer: { username: 'dinding', nama: 'Layar dinding', role: 'viewer' },
  // A liaison needs units too (users/profiles.ts setProfileUnits): profile() alone makes one that may do nothing.
  penghubung: { username: 'penghubung-dinkes', nama: 'Penghubung Dinas Kesehatan', role: 'penghubung' },
}

/** The profile (created or updated on the store), as a role's default or as named. */
export function profile(ws: Workspace, who: Role | Profile): Profile {
  const p = typeof who === 'string' ? PROFILES[who] : who
  upsertProfile(ws.db, p.username, p.nama, p.role)
  return p
}

/** Serve mode on the store, acting as `username` (loopback, no sign-in), closed when the current scope ends. The
 *  early warning's baseline keeper is off unless asked for: tests compare store states, and a request computes the
 *  same figures without the kept row. */
export async function serve(ws: Workspace, username: string, options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  const server = await startServer({ workspace: ws, port: 0, staticDir: RENDERER, username, defaultKabupaten: KUTIM, readPool: BUILT_READ_POOL, isuBaseline: false, ...options })
  let closed: Promise<void> | undefined
  const running = { ...server, close: () => (closed ??= server.close()) }
  onCleanup(() => running.close())
  return running
}

export type PageOptions = { viewport?: { width: number; height: number }; acceptDownloads?: boolean; language?: 'id' | 'en' }

/** A page in a browser context of its own (its own storage), watched for errors, closed when the current scope ends. */
export async function openPage(options: PageOptions = {}): Promise<Page> {
  browser ??= launchChromium()
  const context: BrowserContext = await (await browser).newContext({ viewport: options.viewport ?? VIEWPORT, acceptDownloads: options.acceptDownloads })
  // Every page of the context is watched: a presenter's second window too.
  context.on('page', watch)
  onCleanup(() => context.close())
  const page = await context.newPage()
  if (options.language) await page.addInitScript((lng) => localStorage.setItem('tanggap.prefs', JSON.stringify({ language: lng })), options.language)
  return page
}

/** The tRPC API of a server, as the renderer calls it. */
export function apiOf(base: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${base}/trpc` })] })
}

export type Desk = {
  page: Page
  server: RunningServer
  base: string
  profile: Profile
  api: TRPCClient<AppRouter>
  /** An address on this desk's server with the query `params`. */
  url(path: string, params?: Record<string, string | number>): string
}

/** A page signed in as a role (serve mode acting as its profile): the profile, a server of its own, a page on it. */
export async function desk(ws: Workspace, who: Role | Profile, options: PageOptions & { serve?: Partial<ServeOptions> } = {}): Promise<Desk> {
  const p = profile(ws, who)
  const server = await serve(ws, p.username, options.serve)
  const page = await openPage(options)
  return {
    page,
    server,
    base: server.url,
    profile: p,
    api: apiOf(server.url),
    url: (path, params = {}) => {
      const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()
      return `${server.url}${path}${query ? `${path.includes('?') ? '&' : '?'}${query}` : ''}`
    },
  }
}
