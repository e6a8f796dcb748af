// Queue pages are read in two steps (ids, then columns) and, for some queues and sorts, through forced indexes.
// Whatever the plan, every sort must give the order a user expects, and consecutive pages must tile the queue.
import { describe, expect, it } from 'vitest'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { queueCount, queuePage, QUEUES, SORTS, type QueueName, type QueueSort } from '#main/queue/queries.ts'
import { tempStore } from '../helpers.ts'

const until = new Date('2026-11-20T04:00:00Z')
const KAB = '64.08'

describe('queue pages', () => {
  it('tile the whole queue in every sort order, for every queue', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KAB, count: 1500, seed: 5, until })
    const now = until.getTime()
    const all = (queue: QueueName, sort: QueueSort, pageSize: number) => {
      const rows = []
      for (let offset = 0; ; offset += pageSize) {
        const page = queuePage(db, { kabupaten: KAB, queue, sort, limit: pageSize, offset, now, role: 'supervisor' })
        rows.push(...page)
        if (page.length < pageSize) return rows
      }
    }
    for (const queue of QUEUES.filter((q) => q !== 'salah_sasaran')) {
      const total = queueCount(db, { kabupaten: KAB, queue, now, role: 'viewer' })
      expect(total, queue).toBeGreaterThan(0)
      for (const sort of SORTS.filter((s) => s !== 'keyakinan')) {
        const rows = all(queue, sort, 37)
        const at = (i: number) => `${queue}/${sort} at ${i}`
        expect(rows.length, `${queue}/${sort}`).toBe(total)
        expect(new Set(rows.map((r) => r.id)).size, `${queue}/${sort}: no complaint twice`).toBe(total)
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1], rows[i]]
          if (sort === 'terlama') expect(a.submitted_at <= b.submitted_at, at(i)).toBe(true)
          if (sort === 'terbaru') expect(a.submitted_at >= b.submitted_at, at(i)).toBe(true)
          // Most urgent first, and complaints with no pending deadline last.
          if (sort === 'tenggat') expect((a.next_due_at ?? Infinity) <= (b.next_due_at ?? Infinity), at(i)).toBe(true)
        }
      }
    }
  })
})
