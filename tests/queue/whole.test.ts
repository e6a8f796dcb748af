// A work queue is the whole work: its tab counts every complaint waiting in it, the list scrolls through exactly
// those and the export holds exactly those, in every sort, however old the complaints are. The shared period of
// the KPI screens narrows a queue only when it is asked to; then the list and the export hold the same narrower set
// and the answer says how many the queue holds without it (the "di luar periode" line).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { appRouter } from '#main/app/api/router.ts'
import { createChangeBus } from '#main/live/bus.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { rebuild as trainRouting } from '#main/routing/learn.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { buildDoc, writeDoc } from '#main/export/run.ts'
import { QUEUES, SORTS, type QueueName, type QueueSort } from '#main/queue/queries.ts'
import type { Period } from '#shared/period.ts'
import { STATUSES, type Status } from '#shared/status.ts'
import { openStore, type Db } from '#main/store/open.ts'
import { tempDir } from '../helpers.ts'

const KAB = '64.08'
const NOW = Date.parse('2026-11-20T04:00:00Z')
/** The default period of the screens on that day: the last 30 days, in Sangatta's dates. */
const LAST_30: Period = { from: '2026-10-22', to: '2026-11-20' }
const PAGE = 500

let db: Db
let dir: string
let caller: ReturnType<typeof appRouter.createCaller>

beforeAll(() => {
  // The API reads the clock for "now"; fixed, a deadline cannot pass between the tab's count and the list's pages.
  vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  // One store for the file (the helpers' stores last one test).
  dir = mkdtempSync(join(tmpdir(), 'tanggap-whole-queue-'))
  db = openStore(join(dir, 'store.db'))
  // Three years of complaints (the generator's span), the oldest still open ones among them.
  generateDemo(db, { kabupaten: KAB, count: 3000, seed: 13, until: new Date(NOW) })
  trainRouting(db, KAB, NOW) // fills the stored suggestions behind "salah sasaran"
  const user = upsertProfile(db, 'sup', 'Budi (supervisor)', 'supervisor')
  caller = appRouter.createCaller({ db, bus: createChangeBus(), user, app: { mode: 'serve', defaultKabupaten: null } })
}, 120_000)
afterAll(() => {
  vi.useRealTimers()
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Scrolls the list to its end as the screen does: page after page of the same query. */
async function scroll(queue: QueueName, sort: QueueSort, period: Period | undefined, status?: Status) {
  const ids: string[] = []
  let first: { total: number; withoutPeriod: number | null } | undefined
  for (let offset = 0; ; offset += PAGE) {
    const page = await caller.complaints.queue({ kabupaten: KAB, queue, sort, period, status, limit: PAGE, offset })
    first ??= { total: page.total, withoutPeriod: page.withoutPeriod }
    expect(page.total, 'every page answers the same total').toBe(first.total)
    ids.push(...page.rows.map((r) => r.tracking_id))
    if (status) for (const r of page.rows) expect(r.status, `${queue}/${sort}: only ${status}`).toBe(status)
    if (page.rows.length < PAGE) return { ...first, ids }
  }
}

/** The queue's export as the app writes it (src/main/export), as CSV: the tracking IDs of its rows. */
async function exported(queue: QueueName, sort: QueueSort, period: Period | undefined, status?: Status): Promise<string[]> {
  const doc = buildDoc({ db, reader: null, role: 'supervisor', now: NOW, username: 'sup' }, { kind: 'queue', kabupaten: KAB, queue, sort, period, status })
  const file = join(tempDir(), `${queue}-${sort}-${period ? 'periode' : 'semua'}-${status ?? 'all'}.csv`)
  const { rows } = await writeDoc(doc, { format: 'csv', delimiter: ';' }, file)
  const records = parse(readFileSync(file, 'utf8'), { delimiter: ';', bom: true }) as string[][]
  expect(records.pop()?.[0], 'the audit head closes the file').toMatch(/^Kepala log audit: (entri \d+ · hash [0-9a-f]{64}|log audit masih kosong)/)
  expect(records.length - 1, 'data rows').toBe(rows)
  expect(records[0][0]).toBe('No. Lacak')
  return records.slice(1).map((r) => r[0])
}

describe('a work queue is the whole work', () => {
  it('the tab count equals the rows the list scrolls through and the rows of its export, for every queue and sort', async () => {
    const tabs = await caller.complaints.queueCounts({ kabupaten: KAB })
    for (const queue of QUEUES) {
      expect(tabs[queue], queue).toBeGreaterThan(0)
      for (const sort of SORTS) {
        const what = `${queue}/${sort}`
        const list = await scroll(queue, sort, undefined)
        expect(list.total, `${what}: count line = tab`).toBe(tabs[queue])
        expect(list.withoutPeriod, what).toBeNull()
        expect(list.ids.length, `${what}: rows of the list = tab`).toBe(tabs[queue])
        expect(new Set(list.ids).size, `${what}: no complaint twice`).toBe(tabs[queue])
        const file = await exported(queue, sort, undefined)
        expect(file.length, `${what}: rows of the export = tab`).toBe(tabs[queue])
        expect(new Set(file), `${what}: the export holds the list's complaints`).toEqual(new Set(list.ids))
      }
    }
  }, 240_000)

  it('narrowed to a period on request, the list and the export agree and the rest is counted as outside it', async () => {
    const tabs = await caller.complaints.queueCounts({ kabupaten: KAB })
    let isAnyCut = false
    for (const queue of QUEUES) {
      for (const sort of SORTS) {
        const what = `${queue}/${sort} in ${LAST_30.from}…${LAST_30.to}`
        const list = await scroll(queue, sort, LAST_30)
        expect(list.withoutPeriod, `${what}: "dari N" = tab`).toBe(tabs[queue])
        expect(list.ids.length, `${what}: rows of the list = count line`).toBe(list.total)
        expect(new Set(list.ids).size, what).toBe(list.total)
        expect(list.total, what).toBeLessThanOrEqual(tabs[queue])
        const file = await exported(queue, sort, LAST_30)
        expect(new Set(file), `${what}: the export holds the list's complaints`).toEqual(new Set(list.ids))
        expect(file.length, what).toBe(list.total)
        if (list.total < tabs[queue]) isAnyCut = true
      }
    }
    // The store spans three years: the period really leaves complaints out, and the oldest overdue are among them.
    expect(isAnyCut).toBe(true)
    const late = await scroll('terlambat', 'terlama', LAST_30)
    expect(late.withoutPeriod! - late.total).toBeGreaterThan(0)
  }, 240_000)

  it('narrowed to one status (Ringkasan\'s "Selesai" tile and status rows), each number = the list = the export', async () => {
    // What Ringkasan shows for the period: "Selesai" and the rows of "Status" count the period's complaints by
    // their status now; each opens 'semua' narrowed to the period and that status.
    const summary = await caller.overview.summary({ kabupaten: KAB, period: LAST_30 })
    const shown = new Map(summary.byStatus.map((r) => [r.status, r.n]))
    expect(shown.get('selesai') ?? 0, '"Selesai" tile = its status row').toBe(summary.selesai)
    const wholeTotals = new Map<Status, number>()
    for (const status of STATUSES) {
      for (const sort of SORTS) {
        const what = `semua/${sort} status ${status}`
        const whole = await scroll('semua', sort, undefined, status)
        expect(whole.ids.length, `${what}: rows of the list = count line`).toBe(whole.total)
        expect(new Set(await exported('semua', sort, undefined, status)), `${what}: export = list`).toEqual(new Set(whole.ids))
        wholeTotals.set(status, whole.total)
        const inPeriod = await scroll('semua', sort, LAST_30, status)
        expect(inPeriod.total, `${what} in the period: count = Ringkasan's number`).toBe(shown.get(status) ?? 0)
        expect(inPeriod.ids.length, `${what} in the period: rows of the list = count line`).toBe(inPeriod.total)
        expect(inPeriod.withoutPeriod, `${what}: "dari N" = the status in every period`).toBe(whole.total)
        const file = await exported('semua', sort, LAST_30, status)
        expect(file.length, `${what} in the period: rows of the export`).toBe(inPeriod.total)
        expect(new Set(file), `${what} in the period: export = list`).toEqual(new Set(inPeriod.ids))
      }
    }
    // The statuses split the whole queue: every complaint is in exactly one.
    const tabs = await caller.complaints.queueCounts({ kabupaten: KAB })
    expect([...wholeTotals.values()].reduce((a, b) => a + b, 0)).toBe(tabs.semua)
    expect(summary.selesai).toBeGreaterThan(0)
    expect([...shown.keys()].length, 'the period holds several statuses').toBeGreaterThan(2)
  }, 240_000)

  it('the default queue holds complaints from before any recent period: the oldest overdue come first', async () => {
    const page = await caller.complaints.queue({ kabupaten: KAB, queue: 'terlambat', sort: 'terlama', limit: 5 })
    expect(page.rows.length).toBe(5)
    // The oldest overdue open complaints, in age order: the first is the oldest of all, from before the 30 days
    // a period filter used to keep (exactly those it dropped).
    const oldest = db
      .prepare(`SELECT min(c.submitted_at) FROM complaint c JOIN complaint_sla s ON s.complaint_id = c.id
                WHERE c.kabupaten_kode = ? AND c.status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses') AND s.next_due_at < ?`)
      .pluck()
      .get(KAB, NOW) as number
    expect(page.rows[0].submitted_at).toBe(oldest)
    expect(page.rows.map((r) => r.submitted_at)).toEqual(page.rows.map((r) => r.submitted_at).sort((a, b) => a - b))
    expect(oldest).toBeLessThan(NOW - 30 * 86_400_000)
  })
})
