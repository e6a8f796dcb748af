// The command line as a user runs it: `tanggap source add/list/test` and `tanggap sync` in child processes
// against the simulator on 127.0.0.1, with the token passed through the environment and never printed.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '#main/dev/simulator/server.ts'
import { openStore } from '#main/store/open.ts'
import { tempDir } from '../helpers.ts'
import { simSnapshot, simulator, storeSnapshot } from './sim.ts'

const ROOT = join(import.meta.dirname, '..', '..')

function tanggap(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/tanggap.js', ...args], { cwd: ROOT, env: { ...process.env, ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
}

let sim: RunningSimulator
beforeAll(async () => {
  sim = await simulator(300)
})
afterAll(() => sim?.close())

describe('tanggap source and tanggap sync', () => {
  it('configures a source, tests it, syncs with progress and a JSON summary, never printing the token', async () => {
    const db = join(tempDir(), 'cli.db')
    const token = sim.tokenFor('64.08')
    const add = await tanggap(['source', 'add', '--db', db, '--name', 'lapor-kutim', '--kind', 'lapor-json', '--kabupaten', '64.08', '--url', sim.url, '--token-env', 'LAPOR_TOKEN', '--page-size', '100', '--schedule', '15'], { LAPOR_TOKEN: token })
    expect(add.code, add.stderr).toBe(0)
    expect(JSON.parse(add.stdout)).toMatchObject({ name: 'lapor-kutim', token: 'tersimpan', schedule_minutes: 15, config: { baseUrl: sim.url, pageSize: 100 } })

    const list = await tanggap(['source', 'list', '--db', db])
    expect(JSON.parse(list.stdout)).toHaveLength(1)
    const test = await tanggap(['source', 'test', '--db', db, '--source', 'lapor-kutim'])
    expect(test.stdout).toMatch(/Tersambung: Pemerintah Kabupaten Kutai Timur/)

    const run = await tanggap(['sync', '--db', db, '--source', 'lapor-kutim'])
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout)
    expect(summary).toMatchObject({ source: 'lapor-kutim', status: 'ok', fetched: 300, inserted: 300, quarantined: 0, pages: 3 })
    expect(summary.records_per_s).toBeGreaterThan(0)
    expect(run.stderr).toMatch(/\[lapor-kutim\] pull: \d+ diambil \(\d+ baru, 0 berubah, 0 sama, 0 karantina/)
    expect(run.stderr).toMatch(/\[lapor-kutim\] done: 300 diambil/)
    for (const out of [add, list, test, run]) expect(out.stdout + out.stderr).not.toContain(token)

    const store = openStore(db)
    expect(storeSnapshot(store, 'lapor-kutim')).toEqual(simSnapshot(sim))
    store.close()
  }, 120_000)

  it('exits 1 with the reason when a sync fails or the source does not exist', async () => {
    const db = join(tempDir(), 'cli.db')
    await tanggap(['source', 'add', '--db', db, '--name', 'salah', '--kind', 'lapor-json', '--kabupaten', '64.08', '--url', sim.url, '--token', 'bukan-token'])
    const failed = await tanggap(['sync', '--db', db, '--source', 'salah', '--retries', '1', '--backoff', '10'])
    expect(failed.code).toBe(1)
    expect(JSON.parse(failed.stdout)).toMatchObject({ status: 'failed', error: expect.stringMatching(/token ditolak hulu \(401\)/) })
    const missing = await tanggap(['sync', '--db', db, '--source', 'tidak-ada'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/sumber tidak-ada tidak ada/)
    const badKind = await tanggap(['source', 'add', '--db', db, '--name', 'x1', '--kind', 'ftp', '--kabupaten', '64.08'])
    expect(badKind.code).toBe(1)
    expect(badKind.stderr).toMatch(/--kind harus salah satu dari lapor-json, open311, file, manual/)
  }, 120_000)
})
