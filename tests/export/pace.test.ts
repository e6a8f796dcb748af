// An export made in the app shares the app's thread with the requests and the other background work: after each
// slice it rests as long as the slice took (background/pace.ts), so it holds at most about half of the thread. The
// CLI's export (nothing else on its thread) does not rest.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeDoc } from '#main/export/run.ts'
import type { ExportDoc } from '#main/export/table.ts'

const dir = mkdtempSync(join(tmpdir(), 'tanggap-export-pace-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Rows that each keep the thread busy for a millisecond, counting the time spent making them. */
function slowDoc(rows: number, busy: { ms: number }): ExportDoc {
  function* make() {
    for (let i = 0; i < rows; i++) {
      const t = performance.now()
      while (performance.now() - t < 1);
      busy.ms += performance.now() - t
      yield [i, `baris ${i}`]
    }
  }
  return {
    title: 'uji',
    utcOffsetMinutes: 480,
    zone: 'WITA',
    info: [],
    sheets: [{ name: 'uji', columns: [{ key: 'n', header: 'No', kind: 'int', width: 6 }, { key: 't', header: 'Teks', kind: 'text', width: 20 }], rows: make(), count: rows }],
  }
}

async function exportWith(format: 'csv' | 'xlsx', sharesThread: boolean) {
  const busy = { ms: 0 }
  const start = performance.now()
  const { rows } = await writeDoc(slowDoc(400, busy), { format, delimiter: ';' }, join(dir, `uji-${format}-${sharesThread}.${format}`), { sharesThread })
  // How long the export took for each millisecond of its own work (a loaded machine stretches both alike).
  return { rows, perWorkMs: (performance.now() - start) / busy.ms }
}

describe('an export on the app thread', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: rests as long as it works; the CLI's does not`, async () => {
      const shared = await exportWith(format, true)
      expect(shared.rows).toBe(400)
      // 400 ms of rows in slices of about 20 ms, each followed by a rest as long: at least half again the work.
      expect(shared.perWorkMs).toBeGreaterThan(1.6)

      const cli = await exportWith(format, false)
      expect(cli.rows).toBe(400)
      expect(cli.perWorkMs).toBeLessThan(shared.perWorkMs)
    })
  }
})
