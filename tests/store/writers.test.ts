// Several writers on one store, as real processes: `tanggap serve` answering operators' writes over HTTP (with
// its background upkeep), a `tanggap sync` child pulling thousands of records from `tanggap simulate`, and a
// third process keying in complaints. None may see "database is locked", and every acknowledged write is there.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { saveSource } from '#main/sync/sources.ts'
import { tempDir } from '../helpers.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'tanggap.js')

type Proc = { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> }
const procs: Proc[] = []
afterEach(() => {
  for (const p of procs.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL')
})

function run(args: string[]): Proc {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, TZ: 'Asia/Makassar' } })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const p = { child, stdout: () => out, stderr: () => err, exit: new Promise<number | null>((r) => child.on('exit', (code) => r(code))) }
  procs.push(p)
  return p
}

async function waitFor(p: Proc, re: RegExp, ms = 60_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms
  for (;;) {
    const m = p.stdout().match(re)
    if (m) return m
    if (p.child.exitCode !== null || Date.now() > until) throw new Error(`no ${re} from ${p.child.spawnargs.join(' ')}:\n${p.stdout()}\n${p.stderr()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const RECORDS = 3_000

describe('several writers on one store', () => {
  it('serve + a CLI sync + a third process write together: nothing locked, nothing acknowledged lost', async () => {
    const dir = tempDir()
    const file = join(dir, 'store.db')
    const sim = run([BIN, 'simulate', '--port', '0', '--count', String(RECORDS), '--rate', '0', '--until', '2026-11-20', '--kabupaten', '64.08'])
    const [, simUrl] = await waitFor(sim, /berjalan di (http:\/\/127\.0\.0\.1:\d+)/, 120_000)
    const [, token] = await waitFor(sim, /token 64\.08: (\S+)/)

    const db = openStore(file)
    seedKabupaten(db, '64.08')
    upsertProfile(db, 'admin', 'Admin Lokal', 'admin')
    saveSource(db, { name: 'lapor', kind: 'lapor-json', kabupaten: '64.08', config: { baseUrl: simUrl, pageSize: 100 }, token, isWriteback: false })
    db.close()

    const serve = run([BIN, 'serve', '--db', file, '--port', '0', '--user', 'admin', '--static', join(dir, 'no-renderer')])
    const [, base] = await waitFor(serve, /Buka: (http:\/\/127\.0\.0\.1:\d+)\//)

    const stopFile = join(dir, 'stop')
    const sync = run([BIN, 'sync', '--db', file, '--source', 'lapor', '--quiet'])
    const writer = run(['--import', 'tsx', join(ROOT, 'tests/store/fixtures/writer.ts'), file, stopFile])

    // Operators keying in complaints over HTTP for as long as the sync runs.
    const acknowledged: number[] = []
    const failures: string[] = []
    let syncDone = false
    void sync.exit.then(() => (syncDone = true))
    let n = 0
    while (!syncDone) {
      const res = await fetch(`${base}/trpc/intake.create`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kabupaten: '64.08', via: 'whatsapp', judul: `Pengaduan operator ${++n}`, isi: 'Jalan berlubang di depan pasar, mohon segera ditangani.' }),
      })
      const text = await res.text()
      if (res.ok) acknowledged.push((JSON.parse(text) as { result: { data: { id: number } } }).result.data.id)
      else failures.push(`${res.status} ${text}`)
    }
    writeFileSync(stopFile, '')
    const [syncCode, writerCode] = await Promise.all([sync.exit, writer.exit])

    expect(failures).toEqual([])
    expect(syncCode, sync.stderr() + sync.stdout()).toBe(0)
    expect(writerCode, writer.stderr()).toBe(0)
    expect(JSON.parse(sync.stdout())).toMatchObject({ status: 'ok', fetched: RECORDS, inserted: RECORDS })
    for (const p of [serve, sync, writer]) expect(p.stderr()).not.toMatch(/locked|SQLITE_BUSY/i)
    const written = writer.stdout().trim().split('\n').map(Number)
    expect(acknowledged.length).toBeGreaterThan(10)
    expect(written.length).toBeGreaterThan(10)

    serve.child.kill('SIGTERM')
    await serve.exit
    const after = openStore(file, { readonly: true })
    const ids = new Set(after.prepare('SELECT id FROM complaint').pluck().all() as number[])
    for (const id of [...acknowledged, ...written]) expect(ids.has(id), `complaint ${id}`).toBe(true)
    expect(ids.size).toBe(RECORDS + acknowledged.length + written.length)
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok')
    after.close()
    console.log(`several writers: sync ${RECORDS} records, ${acknowledged.length} HTTP writes, ${written.length} third-process writes`)
  }, 300_000)

  it('takes the write lock up front in every transaction of src/main (BEGIN IMMEDIATE)', () => {
    // A deferred transaction that reads, then writes, fails at once with "database is locked" when another
    // process wrote meanwhile; the busy timeout does not help it. So every db.transaction(fn) is run .immediate().
    const files = (readdirSync(join(ROOT, 'src/main'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'))
    const deferred: string[] = []
    for (const f of files) {
      const text = readFileSync(join(ROOT, 'src/main', f), 'utf8')
      for (const m of text.matchAll(/\.transaction\(/g)) {
        let depth = 1
        let j = m.index + m[0].length
        for (; j < text.length && depth > 0; j++) depth += text[j] === '(' ? 1 : text[j] === ')' ? -1 : 0
        // A line break before .immediate() is formatting, not a deferred transaction.
        const next = text.slice(j, j + 40).trimStart()
        const name = /(\w+)\s*=\s*\w+(?:\.\w+)*\.transaction\($/.exec(text.slice(Math.max(0, m.index - 60), m.index + m[0].length))?.[1]
        // Kept as a function and called later: every call must be .immediate too.
        if (name ? new RegExp(`\\b${name}\\((?!\\s*\\))`).test(text.slice(j)) : !next.startsWith('.immediate(')) deferred.push(`${f}: ${text.slice(m.index - 30, m.index + 20).replace(/\s+/g, ' ')}`)
      }
    }
    expect(deferred).toEqual([])
  })
})
