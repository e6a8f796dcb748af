// End to end: routing suggestions in the Antrean screen, in Chromium against serve mode on a generated store with
// its model trained. A supervisor works the "possibly misrouted" queue: opens the most confident one, sees the
// suggestion with its words, accepts it with the key and confirms; an operator dispositions a new complaint by
// taking the suggestion in the dialog. Every step is checked against the store.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/routing.test.ts`.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { rebuild } from '#main/routing/learn.ts'
import { queueCount, queuePage } from '#main/queue/queries.ts'
import type { Role } from '#shared/domain.ts'
import { demoWorkspace, desk as openDesk, KUTIM, SCREENS } from './harness.ts'

const PERIOD = { from: '2023-01-01', to: '2026-11-30' }

/** A demo store with its routing model trained. */
async function store(count: number, seed: number): Promise<Workspace> {
  const ws = await demoWorkspace({ kabupaten: KUTIM, count, seed }, undefined, 'routing.db')
  rebuild(ws.db, KUTIM)
  return ws
}

async function desk(ws: Workspace, username: string, nama: string, role: Role) {
  const { page, base, api } = await openDesk(ws, { username, nama, role })
  return { page, base, api }
}

async function openQueue(page: Page, base: string, queue: string) {
  await page.goto(`${base}/antrean/${queue}?${new URLSearchParams({ kab: KUTIM, dari: PERIOD.from, sampai: PERIOD.to })}`)
  await page.locator(`[data-testid="antrean"][data-queue="${queue}"]`).waitFor()
  await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value')).not.toBe('')
  await expect.poll(() => page.getByTestId('live-status').getAttribute('data-state')).toBe('open')
}

const unitOf = (ws: Workspace, id: number) => ws.db.prepare('SELECT unit_id, disposition_count FROM complaint WHERE id = ?').get(id) as { unit_id: number; disposition_count: number }

describe('routing suggestions in Antrean (serve mode, Chromium)', () => {
  it('a supervisor opens the most confidently misrouted complaint, sees why, and accepts the suggestion with the key', async () => {
    const ws = await store(3000, 21)
    const { page, base } = await desk(ws, 'kepala', 'Budi Santoso', 'supervisor')
    const now = Date.now()
    const q = { kabupaten: KUTIM, queue: 'salah_sasaran' as const, now, role: 'supervisor' as const }
    const [first] = queuePage(ws.db, { ...q, sort: 'keyakinan', limit: 1 })
    const before = queueCount(ws.db, q)
    expect(before).toBeGreaterThan(0)

    await openQueue(page, base, 'salah_sasaran')
    expect(Number(await page.getByTestId('queue-total').getAttribute('data-value'))).toBe(before)
    // Most confident first: the list's first row is the store's first.
    const firstRow = page.getByTestId('queue-row').first()
    expect(await firstRow.getAttribute('data-id')).toBe(String(first.id))
    expect(await firstRow.getByTestId('queue-row-suggest').textContent()).toContain(first.suggested_unit!)
    await firstRow.click()

    // The detail pane: the suggestion, what it rests on, the misroute warning, the deciding words.
    const pane = page.getByTestId('routing')
    await pane.waitFor()
    const top = page.getByTestId('routing-suggestion').first()
    expect(await top.getAttribute('data-unit-id')).toBe(String(first.suggested_unit_id))
    expect(await page.getByTestId('routing-misroute').textContent()).toContain('Kemungkinan salah sasaran')
    expect(await top.getByTestId('routing-word').count()).toBeGreaterThan(0)
    const learnt = ws.db.prepare('SELECT complaints FROM routing_model WHERE kabupaten_kode = ?').pluck().get(KUTIM) as number
    expect(await page.getByTestId('routing-basis').getAttribute('data-complaints')).toBe(String(learnt))
    await page.screenshot({ path: join(SCREENS, 'routing-detail.png') })

    // One key: the disposition dialog opens with the suggested unit and a reason filled in; Enter confirms.
    await page.keyboard.press('s')
    await page.getByTestId('action-dialog').waitFor()
    expect(await page.getByTestId('dialog-unit-chosen').getAttribute('data-value')).toBe(String(first.suggested_unit_id))
    const reason = await page.getByTestId('dialog-text').inputValue()
    expect(reason).toMatch(/^Sesuai saran rute: .+ \(keyakinan [<>]?\d+%\)/)
    await page.screenshot({ path: join(SCREENS, 'routing-accept-dialog.png') })
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('action-outcome').getAttribute('data-done')).toBe('1')

    expect(unitOf(ws, first.id)).toEqual({ unit_id: first.suggested_unit_id, disposition_count: 2 })
    const audit = ws.db.prepare("SELECT username, reason FROM audit_log WHERE action = 'complaint.disposition' AND entity_id = ?").get(String(first.id))
    expect(audit).toEqual({ username: 'kepala', reason })
    await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value')).toBe(String(before - 1))
  }, 120_000) // trains the model of a 3,000-complaint store first: about 10 s CPU since the layer's character n-grams (docs/routing.md)

  it('an operator dispositions a new complaint by taking the top suggestion in the dialog (Enter on the empty search)', async () => {
    const ws = await store(2500, 22)
    const { page, base, api } = await desk(ws, 'rina', 'Rina Wulandari', 'operator')
    const target = ws.db
      .prepare(
        `SELECT c.id, c.tracking_id, r.unit_id FROM complaint c JOIN routing_suggestion r ON r.complaint_id = c.id
         WHERE c.kabupaten_kode = ? AND c.status = 'belum_ditindaklanjuti' AND c.unit_id IS NULL AND r.unit_id IS NOT NULL ORDER BY c.submitted_at, c.id LIMIT 1`,
      )
      .get(KUTIM) as { id: number; tracking_id: string; unit_id: number }
    await openQueue(page, base, 'disposisi')
    const row = page.locator(`[data-testid="queue-row"][data-id="${target.id}"]`)
    expect(await row.getByTestId('queue-row-suggest').count()).toBe(1)
    await row.click()
    await page.getByTestId('routing-suggestion').first().waitFor()
    await page.keyboard.press('d')
    await page.getByTestId('action-dialog').waitFor()
    await page.getByTestId('dialog-suggestion').first().waitFor()
    expect(await page.getByTestId('dialog-suggestion').first().getAttribute('data-unit-id')).toBe(String(target.unit_id))
    expect(await page.getByTestId('dialog-unit-chosen').getAttribute('data-value')).toBe('')
    // What the official sees before pressing Enter: the highlight on the suggested unit (it follows the suggestion
    // and the unit list, whichever arrives last).
    await expect
      .poll(() => page.getByTestId('dialog-unit-search').getAttribute('aria-activedescendant'), { timeout: 15_000 })
      .toMatch(new RegExp(`-${target.unit_id}$`))
    await page.keyboard.press('Enter') // the empty search box: takes the top suggestion, fills the reason
    // Read once React has drawn the choice (an immediate read raced the render under load).
    await expect.poll(() => page.getByTestId('dialog-unit-chosen').getAttribute('data-value')).toBe(String(target.unit_id))
    await expect.poll(() => page.getByTestId('dialog-text').inputValue()).toMatch(/^Sesuai saran rute/)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('action-outcome').getAttribute('data-done')).toBe('1')
    expect(unitOf(ws, target.id)).toEqual({ unit_id: target.unit_id, disposition_count: 1 })

    // Kinerja OPD → "how often the suggestion is taken and right": today's decision, taken, not yet judged, under
    // the OPD the suggestion named; the table shows what routing.uptake answers.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) // WITA
    await page.goto(`${base}/kinerja-opd?${new URLSearchParams({ kab: KUTIM, dari: today, sampai: today })}`)
    await page.getByTestId('uptake-link').click()
    await page.locator('[data-testid="suggestion-uptake"][data-state="ready"]').waitFor()
    const uptake = await api.routing.uptake.query({ kabupaten: KUTIM, period: { from: today, to: today } })
    expect(uptake.total).toMatchObject({ decisions: 1, taken: 1, judged: 0 })
    const shown = await page
      .getByTestId('uptake-row')
      .evaluateAll((rows) => rows.map((r) => ({ unit: Number(r.dataset.unit), decisions: Number(r.dataset.decisions), taken: Number(r.dataset.taken), judged: Number(r.dataset.judged) })))
    expect(shown).toEqual(uptake.rows.map((r) => ({ unit: r.unitId, decisions: r.decisions, taken: r.taken, judged: r.judged })))
    expect(await page.getByTestId('uptake-row').first().locator('th').textContent()).toBe(uptake.rows[0].singkatan ?? uptake.rows[0].nama)
    await page.screenshot({ path: join(SCREENS, 'routing-uptake.png') })
  }, 120_000)
})
