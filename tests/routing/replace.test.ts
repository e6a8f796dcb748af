// A full training puts its examples and snapshot in place in steps (routing/replace.ts): one transaction for all of
// them held the app's thread 3.8 s on 1,000,000 complaints. Between the steps the examples belong to no model, so
// learning from single complaints waits, and what changed meanwhile is learnt right after; a training stopped
// half-way is done again by the next upkeep.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { hostname } from 'node:os'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { RebuildJob, catchUp, learnFrom, rebuild } from '#main/routing/learn.ts'
import { isAbandoned, isReplacing } from '#main/routing/replace.ts'
import { startRoutingUpkeep } from '#main/routing/upkeep.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import type { Db } from '#main/store/open.ts'
import { tempDir } from '../helpers.ts'

const KUTIM = '64.08'
const UNTIL = new Date('2026-11-20T12:00:00Z')

const examples = (db: Db) => db.prepare('SELECT complaint_id, label, weight, is_correction FROM routing_example WHERE kabupaten_kode = ? ORDER BY complaint_id').all(KUTIM)
const exampleOf = (db: Db, id: number) => db.prepare('SELECT label FROM routing_example WHERE complaint_id = ?').pluck().get(id) as string | undefined

function trainedStore(name: string) {
  const ws = openWorkspace(join(tempDir(), name))
  generateDemo(ws.db, { kabupaten: KUTIM, count: 1500, seed: 21, until: UNTIL })
  rebuild(ws.db, KUTIM)
  return ws
}

/** Steps a training until it is putting its examples in place. */
function untilReplacing(job: RebuildJob, db: Db): void {
  while (!isReplacing(db, KUTIM)) expect(job.step()).toBe(false)
}

/** Runs the upkeep until it has trained the kabupaten again; returns what it logged. */
async function upkeepUntilTrained(ws: ReturnType<typeof openWorkspace>): Promise<string[]> {
  const log: string[] = []
  const stop = startRoutingUpkeep(ws.db, ws.bus, { firstDelayMs: 1, intervalMs: 50, sliceSize: 100, log: (l) => log.push(l) })
  try {
    const end = Date.now() + 60_000
    while (!log.some((l) => l.includes('dilatih ulang'))) {
      if (Date.now() > end) throw new Error(`the upkeep did not train again: ${log.join('; ')}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  } finally {
    stop()
  }
  return log
}

describe('a training put in place in steps', () => {
  it('writes the examples a training from scratch writes; a correction made meanwhile waits, then is learnt', () => {
    const ws = trainedStore('steps.db')
    const db = ws.db
    // Before the training: a settled complaint reopened behind routing's back (its example must go) …
    const reopened = db.prepare("SELECT complaint_id FROM routing_example WHERE kabupaten_kode = ? AND is_correction = 0 ORDER BY complaint_id LIMIT 1").pluck().get(KUTIM) as number
    db.prepare("UPDATE complaint SET status = 'proses', disposition_count = 1 WHERE id = ?").run(reopened)
    const job = new RebuildJob(db, KUTIM, Date.now(), 200)
    untilReplacing(job, db) // the examples written (two batches of the merge), the snapshot next
    // … and, while the examples are being put in place, a supervisor's correction of another settled complaint.
    const corrected = db.prepare("SELECT complaint_id FROM routing_example WHERE kabupaten_kode = ? AND complaint_id > ? AND label NOT LIKE 'dinkes%' ORDER BY complaint_id LIMIT 1").pluck().get(KUTIM, reopened) as number
    const before = exampleOf(db, corrected)
    const dinkes = db.prepare("SELECT id FROM unit WHERE kode = '64.08/dinkes'").pluck().get() as number
    db.prepare('UPDATE complaint SET unit_id = ?, disposition_count = disposition_count + 1, updated_at = ? WHERE id = ?').run(dinkes, Date.now(), corrected)
    learnFrom(db, [corrected])
    expect(exampleOf(db, corrected)).toBe(before) // waits: the examples belong to no model yet
    expect(catchUp(db, KUTIM).processed).toBe(0)
    while (!job.step());
    expect(isReplacing(db, KUTIM)).toBe(false)
    expect(exampleOf(db, reopened)).toBeUndefined()
    // Learnt right after: it changed after the training began.
    expect(catchUp(db, KUTIM).processed).toBeGreaterThan(0)
    expect(exampleOf(db, corrected)).toBe('dinkes')
    expect(db.prepare('SELECT count(*) FROM routing_snapshot WHERE kabupaten_kode = ?').pluck().get(KUTIM)).toBe(
      db.prepare('SELECT count(*) FROM routing_snapshot WHERE kabupaten_kode = ? AND generation = (SELECT snapshot_generation FROM routing_model WHERE kabupaten_kode = ?)').pluck().get(KUTIM, KUTIM),
    )
    const stepped = examples(db)
    rebuild(db, KUTIM)
    expect(examples(db)).toEqual(stepped)
    ws.close()
  })

  it('a training stopped while it put its examples in place is done again by the upkeep', async () => {
    const ws = trainedStore('stopped.db')
    const db = ws.db
    const fresh = examples(db)
    db.prepare("DELETE FROM routing_example WHERE complaint_id IN (SELECT complaint_id FROM routing_example WHERE kabupaten_kode = ? ORDER BY complaint_id DESC LIMIT 50)").run(KUTIM)
    const job = new RebuildJob(db, KUTIM, Date.now(), 200)
    untilReplacing(job, db) // … and the process stops here
    const log = await upkeepUntilTrained(ws)
    expect(log[0]).toContain('yang terhenti dimulai')
    expect(isReplacing(db, KUTIM)).toBe(false)
    expect(examples(db)).toEqual(fresh)
    ws.close()
  })

  it("leaves another running process's training to it, and takes over one whose process is gone", async () => {
    const ws = trainedStore('owner.db')
    const db = ws.db
    const mark = (pid: number) =>
      db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(`routing.replacing.${KUTIM}`, JSON.stringify({ host: hostname(), pid, at: new Date().toISOString() }))
    // The process that started this test runs: its training is its own to finish.
    mark(process.ppid)
    expect(isAbandoned(db, KUTIM)).toBe(false)
    const log: string[] = []
    const stop = startRoutingUpkeep(db, ws.bus, { firstDelayMs: 1, intervalMs: 50, sliceSize: 100, log: (l) => log.push(l) })
    await new Promise((r) => setTimeout(r, 1_000))
    stop()
    expect(log).toEqual([])
    expect(isReplacing(db, KUTIM)).toBe(true)
    // A process that has ended: its mark is abandoned, and the upkeep trains again.
    const ended = spawn(process.execPath, ['-e', ''])
    await once(ended, 'exit')
    mark(ended.pid!)
    expect(isAbandoned(db, KUTIM)).toBe(true)
    expect((await upkeepUntilTrained(ws))[0]).toContain('yang terhenti dimulai')
    expect(isReplacing(db, KUTIM)).toBe(false)
    ws.close()
  })
})
