// The desktop build runs the worker threads from its own bundle (electron.vite.config.ts gives each worker an
// entry): background/worker.ts finds out/main/NAME.js from the chunk that asks for NAME.ts, and the built workers
// do their work in plain Node. Needs the build (`npm test` runs `electron-vite build` first).
import { describe, expect, it } from 'vitest'
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL, fileURLToPath } from 'node:url'
import type { Worker } from 'node:worker_threads'
import { locateModule, startModule } from '#main/background/worker.ts'
import { openStore } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { addLocalDayOff } from '#main/calendar/store.ts'
import { isStale } from '#main/kpi/refresh.ts'
import { kpiFor } from '#main/kpi/service.ts'
import { tempDir } from '../helpers.ts'

const OUT = resolve('out/main')
// A chunk of the bundle: where the code that starts a worker lives after the build.
const CHUNK = pathToFileURL(join(OUT, 'chunks', 'caller.js'))

function built(name: string): URL {
  if (!existsSync(join(OUT, 'index.js'))) throw new Error(`The app is not built (${OUT}/index.js missing). Run: npx electron-vite build`)
  const found = locateModule(new URL(`./${name}.ts`, CHUNK))
  expect(found && fileURLToPath(found)).toBe(join(OUT, `${name}.js`))
  return found!
}

function next(worker: Worker): Promise<{ type: string } & Record<string, unknown>> {
  return new Promise((res, rej) => {
    worker.once('message', res)
    worker.once('error', rej)
  })
}

describe('built worker entries', () => {
  it('are emitted beside index.js and found from a chunk; a source module is found as it is', () => {
    built('rebuild-worker')
    built('read-worker')
    built('query-worker')
    built('linear-worker')
    const source = new URL('../../src/main/kpi/rebuild-worker.ts', import.meta.url)
    expect(locateModule(source)?.href).toBe(source.href)
    expect(locateModule(new URL('./no-such-worker.ts', CHUNK))).toBeNull()
  })

  it('the built KPI rebuild worker rebuilds a store in plain Node', async () => {
    const file = join(tempDir(), 'store.db')
    const db = openStore(file)
    generateDemo(db, { kabupaten: '64.08', count: 300, seed: 5, until: new Date('2026-11-20T03:00:00Z') })
    addLocalDayOff(db, '64.08', '2025-03-03', 'Hari jadi kabupaten')
    expect(isStale(db, '64.08')).toBe(true)
    const worker = startModule(built('rebuild-worker'), {
      file,
      key: null,
      job: { kabupaten: '64.08', now: Date.parse('2026-11-20T03:00:00Z'), slice: 100, digest: false, clear: [] },
    })!
    const seen: string[] = []
    let m = await next(worker)
    while (m.type === 'progress' || m.type === 'begun') seen.push(m.type as string), (m = await next(worker))
    await worker.terminate()
    // It says when it has begun (the end of a bulk sync waits for that before writing its words), then its progress.
    expect(seen[0]).toBe('begun')
    expect(m).toMatchObject({ type: 'done', result: { complaints: 300 } })
    expect(isStale(db, '64.08')).toBe(false)
    db.close()
  }, 120_000)

  it('the built read-pool worker answers a KPI table in plain Node', async () => {
    const file = join(tempDir(), 'store.db')
    const db = openStore(file)
    generateDemo(db, { kabupaten: '64.08', count: 300, seed: 5, until: new Date('2026-11-20T03:00:00Z') })
    const worker = startModule(built('query-worker'), { file, key: null, app: { mode: 'serve', defaultKabupaten: null }, gate: null })!
    expect(await next(worker)).toEqual({ type: 'ready' })
    const input = { kabupaten: '64.08', dim: 'opd', period: { from: '2026-01-01', to: '2026-10-31' } }
    worker.postMessage({ type: 'run', id: 1, path: 'kpi.table', input, user: { id: 1, username: 'admin', nama: 'Admin', role: 'admin', kabupaten: null } })
    const m = await next(worker)
    await worker.terminate()
    expect(m).toMatchObject({ type: 'done', id: 1 })
    const expected = kpiFor(db, '64.08', 'opd', input.period)
    expect((m.data as { rows: unknown[] }).rows).toEqual(expected.rows)
    db.close()
  }, 120_000)

  it('the built file-reading worker reads a CSV in plain Node', async () => {
    const csv = join(tempDir(), 'a.csv')
    writeFileSync(csv, 'judul;isi\nJalan rusak;Di depan pasar\nLampu padam;Jalan utama\n')
    const worker = startModule(built('read-worker'), {})!
    worker.postMessage({ type: 'read', input: { path: csv }, kind: 'csv', sheet: null })
    const rows: unknown[] = []
    let m = await next(worker)
    while (m.type === 'rows') {
      rows.push(...(m.rows as unknown[]))
      worker.postMessage({ type: 'more' })
      m = await next(worker)
    }
    await worker.terminate()
    expect(m.type).toBe('end')
    expect(rows.length).toBeGreaterThanOrEqual(2)
  }, 120_000)
})
