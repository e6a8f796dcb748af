// End to end: the triage desk as a supervisor at a control-room screen uses it (issue 13): reassignment with a
// confirmation naming the case and the target, and an undo that is a real audited action; explicit claiming, a
// claim conflict shown without any console error; tracking-number prefix search; the audit log's filters; and
// screenshots at 1920×1080 and 1366×768 of the queue, the dialog and the audit log (test-artifacts/screenshots/).
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/triage.test.ts`.
import { describe, expect, it } from 'vitest'
import { join, resolve } from 'node:path'
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { upsertProfile } from '#main/users/profiles.ts'
import { claim } from '#main/complaints/claims.ts'
import type { Db } from '#main/store/open.ts'
import { performAction } from '#main/complaints/actions.ts'
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

/** Facts of the rows on screen (status, place, unit, suggestion, holder) that do not fit their box. */
function cutFacts(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="queue-row"] .queue-row-meta > *')
    .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > el.parentElement!.getBoundingClientRect().right + 1).map((el) => `${el.textContent ?? ''} (${el.scrollWidth}/${el.clientWidth} px in ${el.parentElement!.clientWidth} px)`))
}

/**
 * What the desk leaves off the window: the page itself must not scroll, and the list's rows, the detail pane's
 * claim line and action buttons must lie inside the window (a list or pane scrolls inside itself, not the page).
 */
function offScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const { innerHeight: h, innerWidth: w } = window
    if (document.documentElement.scrollHeight > h + 1) out.push(`page scrolls: ${document.documentElement.scrollHeight} px in ${h} px`)
    const check = (what: string, el: Element | null) => {
      if (!el) return
      const b = el.getBoundingClientRect()
      if (b.bottom > h + 1 || b.right > w + 1 || b.top < 0) out.push(`${what}: ${Math.round(b.top)}–${Math.round(b.bottom)} px`)
    }
    check('list', document.querySelector('[data-testid="queue-list"]'))
    check('queue tabs', document.querySelector('.queue-tabs'))
    check('claim line', document.querySelector('[data-testid="detail-pane"] .claim'))
    for (const b of document.querySelectorAll('[data-testid="detail-pane"] .action-button')) check(`action ${b.textContent}`, b)
    // Room for rows: at least three rows of the list on screen.
    const list = document.querySelector('[data-testid="queue-list"]')
    const row = document.querySelector('[data-testid="queue-row"]')
    if (list && row && list.getBoundingClientRect().height < 3 * row.getBoundingClientRect().height) out.push(`list shows fewer than 3 rows (${Math.round(list.getBoundingClientRect().height)} px)`)
    return out
  })
}

describe('Triage desk (serve mode, Chromium)', () => {
  it('reassigns after a confirmation naming the case and the target, and undoes it on the server, audited both ways', { timeout: 180_000 }, async () => {
    const ws = await store()
    const d = await desk(ws, 'supervisor')
    const [c, ...bulk] = heldByOpd(ws.db, 2)
    const kesmas = ws.db.prepare("SELECT id, nama FROM unit WHERE kode = '64.08/dinkes/kesmas'").get() as { id: number; nama: string }
    const unitOf = (id: number) => ws.db.prepare('SELECT unit_id FROM complaint WHERE id = ?').pluck().get(id) as number
    const entries = (id: number) => ws.db.prepare("SELECT action, reason FROM audit_log WHERE entity_id = ? AND action LIKE 'complaint.%' ORDER BY id").all(String(id)) as { action: string; reason: string }[]

    // From the detail: the dialog names the case, where it is, and where it will go, before anything changes.
    await openQueue(d, 'semua_terbuka', { id: c.id })
    await d.page.getByTestId('detail-action-disposition').click()
    await d.page.getByTestId('action-dialog').waitFor()
    await d.page.getByTestId('dialog-unit-search').fill('kesehatan masyarakat')
    // The highlighted option is the one Enter takes.
    const highlighted = await d.page.locator('[data-testid="dialog-unit"] [role="option"][data-active]').getAttribute('data-unit-id')
    await d.page.getByTestId('dialog-unit-search').press('Enter')
    expect(await d.page.getByTestId('dialog-unit-chosen').getAttribute('data-value')).toBe(highlighted)
    expect(highlighted).toBe(String(kesmas.id))
    const confirm = await d.page.getByTestId('dialog-unit-chosen').textContent()
    expect(confirm).toContain(`#${c.tracking_id}`)
    expect(confirm).toContain(` ke Dinkes – ${kesmas.nama}`)
    expect(await d.page.getByTestId('dialog-submit').textContent()).toBe(`Pindahkan ke Dinkes – ${kesmas.nama}`)
    await d.page.getByTestId('dialog-text').fill('Salah sasaran: layanan puskesmas')
    await d.page.getByTestId('dialog-submit').click()
    const banner = d.page.getByTestId('action-outcome')
    await expect.poll(() => banner.getAttribute('data-done')).toBe('1')
    expect(await d.page.getByTestId('outcome-what').textContent()).toBe(`#${c.tracking_id} dipindahkan ke Dinkes – ${kesmas.nama}.`)
    expect(unitOf(c.id)).toBe(kesmas.id)
    // Urungkan: a real action on the server, audited with the reason that it was undone.
    await d.page.getByTestId('outcome-undo').click()
    await expect.poll(() => banner.getAttribute('data-undo')).toBe('1')
    expect(await d.page.getByTestId('outcome-what').textContent()).toBe(`Pemindahan #${c.tracking_id} diurungkan: kembali ke ${c.unit}.`)
    expect(unitOf(c.id)).toBe(c.unit_id)
    const audit = entries(c.id)
    expect(audit.map((e) => e.action).slice(-2)).toEqual(['complaint.disposition', 'complaint.reassign_undo'])
    expect(audit.at(-1)!.reason).toMatch(/^Pemindahan ke .* diurungkan; kembali ke /)
    await shot(d.page, 'undo-banner-1920.png')

    // A bulk move names how many and where; its undo moves every one back.
    await openQueue(d, 'proses', { unit: bulk[0].unit_id })
    const checks = d.page.locator('[data-testid="queue-row"] [data-testid="queue-row-check"]')
    for (let i = 0; i < 3; i++) await checks.nth(i).click()
    const picked = await d.page.locator('[data-testid="queue-row"]').evaluateAll((r) => r.slice(0, 3).map((x) => Number(x.getAttribute('data-id'))))
    const was = picked.map(unitOf)
    await d.page.getByTestId('bulk-action-disposition').click()
    await d.page.getByTestId('dialog-unit-search').fill('kesehatan masyarakat')
    await d.page.getByTestId('dialog-unit-search').press('Enter')
    expect(await d.page.getByTestId('dialog-unit-chosen').textContent()).toBe(`3 laporan akan dipindahkan ke Dinkes – ${kesmas.nama}.`)
    await d.page.getByTestId('dialog-text').fill('Salah sasaran: layanan puskesmas')
    await d.page.getByTestId('dialog-submit').click()
    await expect.poll(() => banner.getAttribute('data-done')).toBe('3')
    expect(await d.page.getByTestId('outcome-what').textContent()).toBe(`3 laporan dipindahkan ke Dinkes – ${kesmas.nama}.`)
    await d.page.getByTestId('outcome-undo').click()
    await expect.poll(() => banner.getAttribute('data-undo')).toBe('1')
    expect(picked.map(unitOf)).toEqual(was)
    for (const id of picked) expect(entries(id).map((e) => e.action).slice(-2)).toEqual(['complaint.disposition', 'complaint.reassign_undo'])

    // The misrouted queue's one-click "Pindahkan" asks first too: cancelling it changes nothing.
    await openQueue(d, 'salah_sasaran')
    const first = d.page.locator('[data-testid="queue-row"]').first()
    const id = Number(await first.getAttribute('data-id'))
    const held = unitOf(id)
    await first.getByTestId('queue-row-reassign').click()
    await d.page.getByTestId('action-dialog').waitFor()
    expect(await d.page.getByTestId('dialog-unit-chosen').textContent()).toContain(`#${await first.getAttribute('data-tracking-id')} akan dipindahkan dari `)
    await d.page.getByRole('button', { name: 'Batal' }).click()
    await expect.poll(() => d.page.getByTestId('action-dialog').count()).toBe(0)
    expect(unitOf(id)).toBe(held)
  })

  it('claims only on "Ambil"; someone else’s claim is named, without a console error', { timeout: 120_000 }, async () => {
    const ws = await store()
    const d = await desk(ws, 'operator')
    const [a, b] = heldByOpd(ws.db, 2)
    const holder = (id: number) => ws.db.prepare('SELECT u.nama FROM complaint_claim c JOIN app_user u ON u.id = c.user_id WHERE c.complaint_id = ? AND c.expires_at > ?').pluck().get(id, Date.now())
    // Opening a case claims nothing.
    await openQueue(d, 'semua_terbuka', { id: a.id })
    await expect.poll(() => d.page.getByTestId('detail-pane').getAttribute('data-tracking-id')).toBe(a.tracking_id)
    await d.page.getByTestId('claim-take').waitFor()
    expect(holder(a.id)).toBeUndefined()
    await d.page.getByTestId('claim-take').click()
    await expect.poll(() => d.page.getByTestId('claim').getAttribute('data-mine')).toBe('1')
    expect(holder(a.id)).toBe(d.profile.nama)
    await d.page.getByTestId('claim-release').click()
    await expect.poll(() => d.page.getByTestId('claim').getAttribute('data-mine')).toBe('0')
    expect(holder(a.id)).toBeUndefined()
    // Another desk takes the second case while this one looks at it: "Ambil" answers who holds it. The harness
    // fails this test on any console error, so the conflict must not be a refused request.
    await openQueue(d, 'semua_terbuka', { id: b.id })
    await d.page.getByTestId('claim-take').waitFor()
    claim(ws.db, upsertProfile(ws.db, 'agus', 'Agus Pratama', 'operator'), b.id)
    await d.page.getByTestId('claim-take').click()
    await expect.poll(() => d.page.getByTestId('claim-conflict').textContent()).toBe('Tidak dapat diambil: laporan ini sedang ditangani Agus Pratama.')
    await expect.poll(() => d.page.getByTestId('claim').getAttribute('data-holder')).toBe('Agus Pratama')
    expect(holder(b.id)).toBe('Agus Pratama')
  })

  it('finds complaints by the beginning of a tracking number', { timeout: 120_000 }, async () => {
    const ws = await store()
    const d = await desk(ws, 'operator')
    const some = heldByOpd(ws.db, 1)[0].tracking_id
    const prefix = some.slice(0, Math.max(3, some.length - 3))
    const expected = ws.db.prepare("SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND tracking_id LIKE ? || '%'").pluck().get(KUTIM, prefix) as number
    expect(expected).toBeGreaterThan(1)
    await openQueue(d, 'semua')
    await d.page.getByTestId('queue-search').fill(prefix)
    await expect.poll(() => d.page.getByTestId('queue-total').getAttribute('data-value')).toBe(String(expected))
    const shown = await d.page.locator('[data-testid="queue-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tracking-id')))
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.every((t) => t!.startsWith(prefix))).toBe(true)
  })

  it('the audit log reads in words and filters by person, OPD, complaint and dates typed as dd/mm/yyyy', { timeout: 120_000 }, async () => {
    const ws = await store()
    const d = await desk(ws, 'supervisor')
    const [c1, c2] = heldByOpd(ws.db, 2)
    const rina = upsertProfile(ws.db, 'rina', 'Rina Wulandari', 'operator')
    const budi = upsertProfile(ws.db, 'kepala', 'Budi Santoso', 'supervisor')
    const kesmas = ws.db.prepare("SELECT id FROM unit WHERE kode = '64.08/dinkes/kesmas'").pluck().get() as number
    const day = (iso: string) => Date.parse(`${iso}T03:00:00Z`)
    performAction(ws.db, rina, { action: 'note', ids: [c1.id], body: 'Pelapor sudah ditelepon; menunggu foto lokasi. '.repeat(6) }, day('2026-11-10'))
    performAction(ws.db, budi, { action: 'disposition', ids: [c1.id], unitId: kesmas, reason: 'Salah sasaran: layanan puskesmas, bukan kewenangan unit sebelumnya. '.repeat(4) }, day('2026-11-12'))
    performAction(ws.db, rina, { action: 'note', ids: [c2.id], body: 'Catatan kedua' }, day('2026-11-15'))

    await d.page.goto(d.url('/antrean/audit', { kab: KUTIM }))
    const rows = d.page.getByTestId('audit-row')
    await expect.poll(() => rows.count()).toBe(3)
    const text = await d.page.getByTestId('audit-table').textContent()
    expect(text).not.toMatch(/\(id \d+\)|complaint\.|[{}]|true|unit_id/)
    expect(await rows.nth(1).getByTestId('audit-open-complaint').textContent()).toBe(`#${c1.tracking_id}`)
    expect(await rows.nth(1).textContent()).toContain('Disposisi')
    expect(await d.page.getByTestId('audit-from').getAttribute('placeholder')).toBe('hh/bb/tttt')
    await shot(d.page, 'audit-filled-1920.png')

    const shownIds = () => rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-tracking-id')))
    const reset = async () => {
      await d.page.getByTestId('audit-reset').click()
      await expect.poll(() => rows.count()).toBe(3)
    }
    await d.page.getByTestId('audit-user').selectOption('rina')
    await expect.poll(shownIds).toEqual([c2.tracking_id, c1.tracking_id])
    await reset()
    await d.page.getByTestId('audit-unit').selectOption(String(c1.unit_id))
    // Entries about complaints the OPD holds now, or moved from or to it: c1's two (its note was written there),
    // and c2's note if c2 is held by the same OPD.
    await expect.poll(shownIds).toEqual([...(c2.unit_id === c1.unit_id ? [c2.tracking_id] : []), c1.tracking_id, c1.tracking_id])
    await reset()
    await d.page.getByTestId('audit-complaint').fill(c2.tracking_id)
    await d.page.getByTestId('audit-apply').click()
    await expect.poll(shownIds).toEqual([c2.tracking_id])
    await reset()
    await d.page.getByTestId('audit-from').fill('11/11/2026')
    await d.page.getByTestId('audit-to').fill('12/11/2026')
    await d.page.getByTestId('audit-apply').click()
    await expect.poll(() => new URL(d.page.url()).searchParams.get('mulai')).toBe('2026-11-11')
    await expect.poll(shownIds).toEqual([c1.tracking_id])
    expect(await d.page.getByTestId('audit-total').getAttribute('data-value')).toBe('1')
  })
  it('screenshots of the queue, the dialog and the audit log at 1920×1080 and 1366×768', { timeout: 240_000 }, async () => {
    const ws = await store()
    // Some history for the audit log, with texts long enough to wrap.
    const [a, b] = heldByOpd(ws.db, 2)
    const budi = upsertProfile(ws.db, 'kepala', 'Budi Santoso', 'supervisor')
    const kesmas = ws.db.prepare("SELECT id FROM unit WHERE kode = '64.08/dinkes/kesmas'").pluck().get() as number
    performAction(ws.db, budi, { action: 'disposition', ids: [a.id], unitId: kesmas, reason: 'Salah sasaran: keluhan layanan puskesmas pembantu, kewenangan Dinas Kesehatan, bukan unit sebelumnya. '.repeat(3) })
    performAction(ws.db, budi, { action: 'note', ids: [b.id], body: 'Pelapor sudah ditelepon dan akan mengirim foto lokasi jalan yang rusak lewat WhatsApp. '.repeat(3) })
    performAction(ws.db, budi, { action: 'verify', ids: [b.id] })
    for (const [size, viewport] of [['1920', LARGE], ['1366', SMALL]] as const) {
      const d = await desk(ws, 'supervisor', { viewport })
      await openQueue(d, 'semua_terbuka')
      // Nothing open: no empty detail pane takes room from the rows; the list has (nearly) the whole width.
      expect((await d.page.getByTestId('queue-list').boundingBox())!.width).toBeGreaterThan(viewport.width * 0.9)
      expect(await cutFacts(d.page)).toEqual([])
      expect(await offScreen(d.page), `queue at ${size}`).toEqual([])
      await shot(d.page, `queue-${size}.png`)
      const c = heldByOpd(ws.db, 3)[2]
      await openQueue(d, 'semua_terbuka', { id: c.id })
      await d.page.getByTestId('detail-pane').waitFor()
      await d.page.locator('[data-testid="queue-row"]').first().waitFor()
      // With the detail open the facts wrap onto a second line rather than being cut.
      expect(await cutFacts(d.page)).toEqual([])
      await d.page.locator('[data-testid="detail-pane"] .action-button').first().waitFor()
      expect(await offScreen(d.page), `queue with the detail at ${size}`).toEqual([])
      await shot(d.page, `queue-detail-${size}.png`)
      await d.page.getByTestId('detail-action-disposition').click()
      await d.page.getByTestId('action-dialog').waitFor()
      // ↓ moves the one highlight, and Enter takes exactly the highlighted unit.
      await d.page.getByTestId('dialog-unit-search').fill('dinas')
      await d.page.getByTestId('dialog-unit-search').press('ArrowDown')
      await d.page.getByTestId('dialog-unit-search').press('ArrowDown')
      const options = d.page.locator('[data-testid="dialog-unit"] [role="option"]')
      const highlighted = d.page.locator('[data-testid="dialog-unit"] [role="option"][data-active]')
      expect(await highlighted.getAttribute('data-unit-id')).toBe(await options.nth(2).getAttribute('data-unit-id'))
      await d.page.getByTestId('dialog-unit-search').press('Enter')
      expect(await d.page.getByTestId('dialog-unit-chosen').getAttribute('data-value')).toBe(await options.nth(2).getAttribute('data-unit-id'))
      // The buttons are on screen, inside the dialog (the unit list scrolls, not the page).
      for (const button of [d.page.getByTestId('dialog-submit'), d.page.getByRole('button', { name: 'Batal' })]) {
        const box = (await button.boundingBox())!
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height)
      }
      // The unit list keeps room for several units between the suggestions and the reason.
      expect((await d.page.locator('[data-testid="dialog-unit"] .unit-picker-list').boundingBox())!.height).toBeGreaterThanOrEqual(4 * 30)
      await shot(d.page, `dialog-${size}.png`)
      await d.page.keyboard.press('Escape')
      await d.page.goto(d.url('/antrean/audit', { kab: KUTIM }))
      await expect.poll(() => d.page.getByTestId('audit-row').count()).toBeGreaterThan(1)
      // Long texts wrap inside their cells: the table is never wider than its box.
      const box = await d.page.locator('.audit-scroll').evaluate((el) => [el.scrollWidth, el.clientWidth])
      expect(box[0]).toBeLessThanOrEqual(box[1])
      await shot(d.page, `audit-${size}.png`)
    }
  })
})
