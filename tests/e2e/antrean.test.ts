// End to end: the Antrean screen in Chromium against serve mode on a generated store, one server per role
// (serve mode acts as one local profile). What the screen shows and what an action changed are checked against
// plain SQL on the same store, so a wrong query, a wrong screen and a wrong write are all caught.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/antrean.test.ts`.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { performAction } from '#main/complaints/actions.ts'
import { claim } from '#main/complaints/claims.ts'
import type { Role } from '#shared/domain.ts'
import type { Db } from '#main/store/open.ts'
import { allowPageErrors, demoWorkspace, desk as openDesk, ID, KUTIM, refusedWith, SCREENS } from './harness.ts'

const WITA = '+08:00'
// A period that holds all of the demo data, so every run sees the same queues.
const PERIOD = { from: '2023-01-01', to: '2026-11-30' }
const OPEN = "('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses')"

/** Each page's server address. */
const bases = new WeakMap<Page, string>()

const store = (count: number, seed: number) => demoWorkspace({ kabupaten: KUTIM, count, seed }, undefined, 'antrean.db')

/** A browser page on a server that acts as the given profile (created with the given role). */
async function desk(ws: Workspace, username: string, nama: string, role: Role): Promise<Page> {
  const { page, base } = await openDesk(ws, { username, nama, role })
  bases.set(page, base)
  return page
}

function url(page: Page, path: string, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams({ kab: KUTIM, dari: PERIOD.from, sampai: PERIOD.to })
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v))
  return `${bases.get(page)}${path}?${params}`
}

async function openQueue(page: Page, queue: string, extra: Record<string, string | number> = {}) {
  await page.goto(url(page, `/antrean/${queue}`, extra))
  await page.locator(`[data-testid="antrean"][data-queue="${queue}"]`).waitFor()
  await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value')).not.toBe('')
  await expect.poll(() => page.getByTestId('live-status').getAttribute('data-state')).toBe('open')
}

const total = async (page: Page) => Number(await page.getByTestId('queue-total').getAttribute('data-value'))
const tabCount = async (page: Page, queue: string) => Number(await page.getByTestId(`queue-tab-${queue}`).getAttribute('data-count'))
const row = (page: Page, tracking: string) => page.locator(`[data-testid="queue-row"][data-tracking-id="${tracking}"]`)

// ---- plain SQL over the store ----

const [FROM_MS, TO_MS] = [Date.parse(`${PERIOD.from}T00:00:00${WITA}`), Date.parse(`${PERIOD.to}T00:00:00${WITA}`) + 86_400_000]

function count(db: Db, where: string, ...params: unknown[]): number {
  return db
    .prepare(`SELECT count(*) FROM complaint c WHERE c.kabupaten_kode = '${KUTIM}' AND c.submitted_at >= ? AND c.submitted_at < ? AND ${where}`)
    .pluck()
    .get(FROM_MS, TO_MS, ...params) as number
}

/** The Proses queue of a unit and the units right below it (bidang of an OPD). */
const prosesAt = (db: Db, unitId: number) =>
  count(db, "c.status IN ('belum_ditindaklanjuti', 'proses') AND (c.unit_id = ? OR c.unit_id IN (SELECT id FROM unit WHERE parent_id = ?))", unitId, unitId)

/** Tab counts are over the whole kabupaten, all dates. */
const dikembalikan = (db: Db) =>
  db.prepare(`SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND (status = 'bukan_wewenang' OR (disposition_count >= 2 AND status IN ${OPEN}))`).pluck().get(KUTIM) as number
const verifikasi = (db: Db) => db.prepare("SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND status = 'belum_terverifikasi'").pluck().get(KUTIM) as number

const unit = (db: Db, kode: string) => db.prepare('SELECT id, nama FROM unit WHERE kode = ?').get(kode) as { id: number; nama: string }

type ComplaintRow = { id: number; tracking_id: string; unit_id: number | null; status: string; disposition_count: number }
const complaint = (db: Db, id: number) =>
  db.prepare('SELECT id, tracking_id, unit_id, status, disposition_count FROM complaint WHERE id = ?').get(id) as ComplaintRow

/** An open complaint held by an OPD (not Dinkes), dispositioned once; one with a map point if there is one. */
function atAnOpd(db: Db): ComplaintRow {
  return db
    .prepare(
      `SELECT c.id, c.tracking_id, c.unit_id, c.status, c.disposition_count FROM complaint c JOIN unit u ON u.id = c.unit_id
       WHERE c.kabupaten_kode = ? AND u.kind = 'opd' AND u.kode <> '64.08/dinkes' AND c.status IN ('belum_ditindaklanjuti', 'proses')
         AND c.disposition_count = 1 AND c.is_rahasia = 0 AND c.is_anonim = 0
       ORDER BY c.lat IS NULL, c.id LIMIT 1`,
    )
    .get(KUTIM) as ComplaintRow
}

/** Picks a unit in the open dialog's unit picker by typing, then Enter. */
async function pickUnit(page: Page, testId: string, text: string) {
  const search = page.getByTestId(`${testId}-search`)
  await search.fill(text)
  await search.press('Enter')
}

describe('Antrean (serve mode, Chromium)', () => {
  it('a supervisor reassigns a complaint: it leaves the old unit queue, appears in the new one, counts move, the audit log has it', async () => {
    const ws = await store(3000, 11)
    const page = await desk(ws, 'kepala', 'Budi Santoso', 'supervisor')
    const c = atAnOpd(ws.db)
    const from = ws.db.prepare('SELECT id, nama, singkatan FROM unit WHERE id = ?').get(c.unit_id) as { id: number; nama: string; singkatan: string }
    const dinkes = unit(ws.db, '64.08/dinkes')
    const kesmas = unit(ws.db, '64.08/dinkes/kesmas')
    const before = { atFrom: prosesAt(ws.db, from.id), atDinkes: prosesAt(ws.db, dinkes.id), dikembalikan: dikembalikan(ws.db) }
    // An operator on another desk is working on it.
    claim(ws.db, upsertProfile(ws.db, 'agus', 'Agus Pratama', 'operator'), c.id)
    // Opening it claims nothing (claiming is the explicit "Ambil"); the pane shows who holds it.

    // The old unit's Proses queue, as the Kinerja OPD screen links to it (?unit=).
    await openQueue(page, 'proses', { unit: from.id })
    expect(await total(page)).toBe(before.atFrom)
    expect(await page.getByTestId('unit-filter').textContent()).toContain(from.singkatan ?? from.nama)
    expect(await tabCount(page, 'dikembalikan')).toBe(before.dikembalikan)

    // Find it by tracking ID ('/' goes to the search box) and open it: the pane shows it and who holds it.
    await page.keyboard.press('/')
    await page.keyboard.type(c.tracking_id)
    await expect.poll(() => total(page)).toBe(1)
    expect(await row(page, c.tracking_id).getByTestId('queue-row-claim').textContent()).toBe('Ditangani Agus Pratama')
    await row(page, c.tracking_id).click()
    const pane = page.getByTestId('detail-pane')
    await expect.poll(() => pane.getAttribute('data-tracking-id')).toBe(c.tracking_id)
    // Held by Agus: the supervisor takes it over, after a confirmation.
    await expect.poll(() => page.getByTestId('claim').getAttribute('data-holder')).toBe('Agus Pratama')
    expect(await page.getByTestId('claim-holder').textContent()).toBe('Sedang ditangani Agus Pratama')
    await page.getByTestId('claim-takeover').click()
    await page.getByTestId('takeover-dialog').waitFor()
    await page.getByTestId('takeover-confirm').click()
    await expect.poll(() => page.getByTestId('claim').getAttribute('data-mine')).toBe('1')
    expect(ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'complaint.claim_takeover' AND entity_id = ?").pluck().get(String(c.id))).toBe(1)
    expect(new URL(page.url()).searchParams.get('id')).toBe(String(c.id))
    expect(await page.getByTestId('detail-unit').textContent()).toBe(from.nama)
    expect(await page.getByTestId('history-item').count()).toBeGreaterThan(1)
    expect(await page.getByTestId('deadline-verification').getAttribute('data-state')).toMatch(/met|missed/)
    // A supervisor sees the identity of a non-anonim reporter, exactly as the API returns it.
    expect(await page.getByTestId('reporter').getAttribute('data-hidden')).toBe('')
    await page.screenshot({ path: join(SCREENS, 'antrean-queue-detail.png') })

    // Reassign to a bidang of Dinas Kesehatan, with a reason.
    const button = page.getByTestId('detail-action-disposition')
    expect(await button.textContent()).toContain('Pindahkan disposisi')
    await button.click()
    const dialog = page.getByTestId('action-dialog')
    await dialog.waitFor()
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dialog-unit-search')
    await pickUnit(page, 'dialog-unit', 'kesehatan masyarakat')
    expect(await page.getByTestId('dialog-unit-chosen').getAttribute('data-value')).toBe(String(kesmas.id))
    expect(await page.getByTestId('dialog-submit').isDisabled()).toBe(true) // no reason yet
    await page.getByTestId('dialog-text').fill('Salah sasaran: keluhan layanan puskesmas, kewenangan Dinkes')
    await page.screenshot({ path: join(SCREENS, 'antrean-disposition-dialog.png') })
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('action-outcome').getAttribute('data-done')).toBe('1')
    expect(await dialog.count()).toBe(0)

    // The store: moved, counted as a second disposition, written to the audit log with before/after/reason.
    expect(complaint(ws.db, c.id)).toMatchObject({ unit_id: kesmas.id, disposition_count: 2, status: c.status })
    const audit = ws.db
      .prepare("SELECT username, role, before_json, after_json, reason FROM audit_log WHERE entity_id = ? AND action = 'complaint.disposition'")
      .all(String(c.id))
    expect(audit).toEqual([
      {
        username: 'kepala',
        role: 'supervisor',
        before_json: JSON.stringify({ status: c.status, unit_id: from.id }),
        after_json: JSON.stringify({ status: c.status, unit_id: kesmas.id }),
        reason: 'Salah sasaran: keluhan layanan puskesmas, kewenangan Dinkes',
      },
    ])
    // The pane shows the new unit and the reassignment in the history.
    await expect.poll(() => page.getByTestId('detail-unit').textContent()).toBe(kesmas.nama)
    expect(await page.getByTestId('history-item').last().textContent()).toContain(`${from.nama} → ${kesmas.nama}`)

    // Counts move: it has left the old unit's queue and the Dikembalikan tab counts it.
    expect(prosesAt(ws.db, from.id)).toBe(before.atFrom - 1)
    await expect.poll(() => total(page)).toBe(0)
    await expect.poll(() => tabCount(page, 'dikembalikan')).toBe(before.dikembalikan + 1)
    expect(dikembalikan(ws.db)).toBe(before.dikembalikan + 1)
    await page.getByTestId('queue-search').fill('')
    await expect.poll(() => total(page)).toBe(before.atFrom - 1)
    expect(await row(page, c.tracking_id).count()).toBe(0)

    // … and is in Dinas Kesehatan's queue (which includes its bidang), picked with the unit filter.
    await page.getByTestId('unit-filter').click()
    await pickUnit(page, 'unit-filter-picker', 'dinas kesehatan')
    await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe(String(dinkes.id))
    await expect.poll(() => total(page)).toBe(before.atDinkes + 1)
    expect(prosesAt(ws.db, dinkes.id)).toBe(before.atDinkes + 1)
    await page.keyboard.press('/')
    await page.keyboard.type(c.tracking_id)
    await row(page, c.tracking_id).waitFor()
    expect(await row(page, c.tracking_id).textContent()).toContain(kesmas.nama)

    // The audit view: the entry with before → after and the reason; the hash chain checks out.
    await page.getByTestId('audit-link').click()
    await page.getByTestId('audit-view').waitFor()
    await expect.poll(() => page.getByTestId('audit-chain').getAttribute('data-ok')).toBe('1')
    await page.getByTestId('audit-complaint').fill(c.tracking_id)
    await page.getByTestId('audit-apply').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('laporan')).toBe(c.tracking_id)
    const entries = page.getByTestId('audit-row')
    // Newest first. Claims and releases are audited too (Agus's claim, made on his desk; the supervisor's claim is
    // given back when the pane moves on); among the decisions, the reassignment comes right after the takeover.
    const actions = ws.db.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id DESC').pluck().all(String(c.id)) as string[]
    const decisions = actions.filter((a) => a !== 'complaint.release')
    expect(decisions.slice(0, 3)).toEqual(['complaint.disposition', 'complaint.claim_takeover', 'complaint.claim'])
    await expect.poll(() => entries.count()).toBe(actions.length)
    const moved = entries.nth(actions.indexOf('complaint.disposition'))
    const takeover = entries.nth(actions.indexOf('complaint.claim_takeover'))
    expect(await takeover.getAttribute('data-action')).toBe('complaint.claim_takeover')
    expect(await takeover.textContent()).toContain('Agus Pratama → Budi Santoso')
    expect(await moved.getAttribute('data-action')).toBe('complaint.disposition')
    expect(await moved.getAttribute('data-entity-id')).toBe(String(c.id))
    expect(await moved.getByTestId('audit-open-complaint').textContent()).toBe(`#${c.tracking_id}`)
    const text = await moved.textContent()
    expect(text).toContain('kepala')
    // Units by their names (a bidang with its OPD), not their ids.
    expect(text).toContain(`Unit: ${from.nama} → `)
    expect(text).toContain(` – ${kesmas.nama}`)
    expect(text).toContain('Salah sasaran: keluhan layanan puskesmas')
    await page.screenshot({ path: join(SCREENS, 'antrean-audit.png') })
    // The action filter narrows the whole log the same way SQL does.
    await page.getByTestId('audit-complaint').fill('')
    await page.getByTestId('audit-action').selectOption('complaint.disposition')
    await expect
      .poll(() => entries.count())
      .toBe(ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'complaint.disposition'").pluck().get() as number)
  }, 90_000)

  it('a work queue is the whole work: the tab, the count line and the list agree; a period narrows it only on request, and says how many it leaves out', async () => {
    const ws = await store(3000, 11)
    const page = await desk(ws, 'kepala', 'Budi Santoso', 'supervisor')
    const overdue = (db: Db) =>
      db
        .prepare(
          `SELECT count(*) FROM complaint c JOIN complaint_sla s ON s.complaint_id = c.id
           WHERE c.kabupaten_kode = ? AND c.status IN ${OPEN} AND s.next_due_at < ?`,
        )
        .pluck()
        .get(KUTIM, Date.now()) as number
    // The screens' default period (30 hari), no period in the address: the queue still holds every overdue complaint.
    await page.goto(`${bases.get(page)}/antrean/terlambat?kab=${KUTIM}`)
    await page.locator('[data-testid="antrean"][data-queue="terlambat"]').waitFor()
    await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-value')).not.toBe('')
    await expect.poll(() => tabCount(page, 'terlambat')).toBeGreaterThan(0)
    const tab = await tabCount(page, 'terlambat')
    expect(await total(page)).toBe(tab)
    expect(tab).toBe(overdue(ws.db))
    expect(await page.getByTestId('queue-period-line').count()).toBe(0)
    expect(await page.getByTestId('queue-period-toggle').getAttribute('aria-pressed')).toBe('false')

    // Narrowed to the period on request: the address keeps it, the list shrinks, the line says what is left out.
    await page.getByTestId('queue-period-toggle').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('hanya-periode')).toBe('1')
    const line = page.getByTestId('queue-period-line')
    await line.waitFor()
    const shown = Number(await line.getAttribute('data-shown'))
    expect(Number(await line.getAttribute('data-all'))).toBe(tab)
    expect(shown).toBeLessThan(tab)
    await expect.poll(() => total(page)).toBe(shown)
    expect(Number(await line.getAttribute('data-outside'))).toBe(tab - shown)
    expect(await line.textContent()).toContain(`Menampilkan ${ID.format(shown)} dari ${ID.format(tab)} — ${ID.format(tab - shown)} di luar periode 30 hari`)
    expect(await tabCount(page, 'terlambat')).toBe(tab) // the tab still counts the whole queue
    await page.screenshot({ path: join(SCREENS, 'antrean-period-line.png') })

    // "Tampilkan semua": the whole queue again.
    await page.getByTestId('queue-period-show-all').click()
    await expect.poll(() => total(page)).toBe(tab)
    expect(await line.count()).toBe(0)
    expect(new URL(page.url()).searchParams.get('hanya-periode')).toBeNull()

    // A rising issue's row opens exactly its complaints: the chip says how many, the list holds those and no
    // others, the audit log opened from here is not narrowed by them, and lifting the chip gives the queue back.
    const some = ws.db.prepare(`SELECT id, tracking_id FROM complaint WHERE kabupaten_kode = ? ORDER BY id DESC LIMIT 3`).all(KUTIM) as { id: number; tracking_id: string }[]
    await openQueue(page, 'semua', { 'laporan-isu': some.map((c) => c.id).join(',') })
    const chip = page.getByTestId('queue-ids-chip')
    expect(await chip.getAttribute('data-count')).toBe('3')
    await expect.poll(() => total(page)).toBe(3)
    expect((await page.getByTestId('queue-row').evaluateAll((rows) => rows.map((r) => r.dataset.trackingId))).sort()).toEqual(some.map((c) => c.tracking_id).sort())
    await page.getByTestId('audit-link').click()
    await page.getByTestId('audit-total').waitFor()
    expect(await page.getByTestId('audit-complaint').inputValue()).toBe('')
    await page.goBack()
    await chip.click()
    await expect.poll(() => total(page)).toBeGreaterThan(3)
    expect(new URL(page.url()).searchParams.get('laporan-isu')).toBeNull()
  }, 90_000)

  it('a bulk disposition from Verifikasi handles what it can and reports each refusal with its reason', async () => {
    const ws = await store(3000, 11)
    const page = await desk(ws, 'rina', 'Rina Wulandari', 'operator')
    const other = upsertProfile(ws.db, 'agus', 'Agus Pratama', 'operator')
    const dputr = unit(ws.db, '64.08/dpupr')
    const waiting = verifikasi(ws.db)
    expect(waiting).toBeGreaterThanOrEqual(6)

    await openQueue(page, 'verifikasi')
    expect(await total(page)).toBe(count(ws.db, "c.status = 'belum_terverifikasi'"))
    expect(await tabCount(page, 'verifikasi')).toBe(waiting)
    const rows = page.getByTestId('queue-row')
    await rows.nth(4).waitFor()
    const ids = await Promise.all([0, 1, 2, 3, 4].map(async (i) => Number(await rows.nth(i).getAttribute('data-id'))))
    const tracking = ids.map((id) => complaint(ws.db, id).tracking_id)

    // Select the first five: click, then shift-click for the range.
    await rows.nth(0).getByTestId('queue-row-check').click()
    await rows.nth(4).getByTestId('queue-row-check').click({ modifiers: ['Shift'] })
    await expect.poll(() => page.getByTestId('selection-bar').getAttribute('data-count')).toBe('5')

    // Meanwhile, on other desks: Agus claims the second one, and the fourth is sent back to its reporter (tunda).
    // (After the selection: a live refresh may drop the tunda'd row from the list, but not from what is selected.)
    claim(ws.db, other, ids[1])
    performAction(ws.db, other, { action: 'tunda', ids: [ids[3]], reason: 'Lokasi dan waktu kejadian belum jelas' })
    await page.getByTestId('bulk-action-disposition').click()
    expect(await page.getByTestId('action-targets').getAttribute('data-count')).toBe('5')
    await pickUnit(page, 'dialog-unit', 'DPUTR')
    expect(await page.getByTestId('dialog-unit-chosen').getAttribute('data-value')).toBe(String(dputr.id))
    await page.getByTestId('dialog-text').fill('Jalan dan drainase: kewenangan DPUTR')
    await page.getByTestId('dialog-submit').click()

    const outcome = page.getByTestId('action-outcome')
    await expect.poll(() => outcome.getAttribute('data-done')).toBe('3')
    expect(await outcome.getAttribute('data-refused')).toBe('2')
    const refusals = page.getByTestId('outcome-refusal')
    expect(await refusals.count()).toBe(2)
    expect(await refusals.nth(0).textContent()).toBe(`#${tracking[1]} — sedang ditangani Agus Pratama; ambil alih klaim lebih dulu`)
    expect(await refusals.nth(1).textContent()).toContain(`#${tracking[3]} — berstatus tunda`)
    await page.screenshot({ path: join(SCREENS, 'antrean-bulk-refusals.png') })

    // The store agrees: three moved (and verified by the disposition), the refused two untouched by it.
    for (const i of [0, 2, 4]) expect(complaint(ws.db, ids[i])).toMatchObject({ unit_id: dputr.id, status: 'belum_ditindaklanjuti', disposition_count: 1 })
    expect(complaint(ws.db, ids[1])).toMatchObject({ unit_id: null, status: 'belum_terverifikasi' })
    expect(complaint(ws.db, ids[3])).toMatchObject({ unit_id: null, status: 'tunda' })
    // The refused ones stay selected for a second try; the queue and its count follow the store.
    expect(await page.getByTestId('selection-bar').getAttribute('data-count')).toBe('2')
    await expect.poll(() => tabCount(page, 'verifikasi')).toBe(waiting - 4)
    expect(verifikasi(ws.db)).toBe(waiting - 4)
    await expect.poll(() => total(page)).toBe(count(ws.db, "c.status = 'belum_terverifikasi'"))
    expect(await row(page, tracking[0]).count()).toBe(0)
    // Agus's claim shows on his row.
    expect(await row(page, tracking[1]).getByTestId('queue-row-claim').textContent()).toBe('Ditangani Agus Pratama')
  }, 90_000)

  it('refuses a reassignment by a role that may not make it: the API says no, the screen says so, the store is unchanged', async () => {
    const ws = await store(3000, 11)
    const c = atAnOpd(ws.db)
    const dinkes = unit(ws.db, '64.08/dinkes')
    const auditCount = () => ws.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number

    // A supervisor's desk, open on the complaint; then the profile is demoted to operator (Pengaturan, another desk).
    // The screen still offers the reassignment; the server refuses it.
    const page = await desk(ws, 'kepala', 'Budi Santoso', 'supervisor')
    await openQueue(page, 'proses', { id: c.id, cari: c.tracking_id })
    await page.getByTestId('claim-take').click()
    await expect.poll(() => page.getByTestId('claim').getAttribute('data-mine')).toBe('1')
    upsertProfile(ws.db, 'kepala', 'Budi Santoso', 'operator')
    // The refusals below are the point of this test: the browser logs each 403 the server answers.
    allowPageErrors(refusedWith(403, 'a reassignment and a direct call the server refuses on purpose'))
    const audits = auditCount()
    await page.keyboard.press('d')
    await page.getByTestId('action-dialog').waitFor()
    await pickUnit(page, 'dialog-unit', 'dinas kesehatan')
    await page.getByTestId('dialog-text').fill('Dipindahkan ke Dinkes')
    await page.keyboard.press('Enter')
    const error = page.getByTestId('action-error')
    await error.waitFor()
    expect(await error.getAttribute('data-kind')).toBe('forbidden')
    expect(await error.textContent()).toContain('Akses ditolak server')
    expect(await error.textContent()).toContain('Peran operator tidak boleh memindahkan disposisi (reassign); perlu supervisor')
    expect(await page.getByTestId('action-dialog').count()).toBe(1) // still open, nothing pretended
    expect(complaint(ws.db, c.id)).toEqual(c)
    expect(auditCount()).toBe(audits)
    await page.keyboard.press('Escape')

    // A viewer (wall) desk on the same store: buttons are disabled, a key says why, the API refuses a direct
    // call, and the audit view shows the server's refusal.
    const wall = await desk(ws, 'dinding', 'Layar dinding', 'viewer')
    await openQueue(wall, 'proses', { id: c.id, cari: c.tracking_id })
    await expect.poll(() => wall.getByTestId('detail-pane').getAttribute('data-tracking-id')).toBe(c.tracking_id)
    expect(await wall.getByTestId('detail-action-disposition').isDisabled()).toBe(true)
    expect(await wall.getByTestId('reporter').getAttribute('data-hidden')).toBe('peran')
    expect(await wall.getByTestId('reporter').textContent()).toBe('Hanya supervisor yang dapat melihat identitas pelapor')
    expect(await wall.getByTestId('claim').getAttribute('data-mine')).toBe('0') // a viewer never claims
    await wall.keyboard.press('d')
    expect(await wall.getByTestId('action-notice').textContent()).toContain('hanya dapat melihat antrean')
    expect(await wall.getByTestId('action-dialog').count()).toBe(0)
    const direct = await wall.evaluate(
      async ({ id, unitId }) => {
        const res = await fetch('/trpc/complaints.act', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ action: 'disposition', ids: [id], unitId, reason: 'Dipindahkan ke Dinkes' }),
        })
        return { status: res.status, body: await res.text() }
      },
      { id: c.id, unitId: dinkes.id },
    )
    expect(direct.status).toBe(403)
    expect(direct.body).toContain('FORBIDDEN')
    expect(complaint(ws.db, c.id)).toEqual(c)
    expect(auditCount()).toBe(audits)

    await wall.getByTestId('audit-link').click()
    const refused = wall.getByTestId('audit-error')
    await refused.waitFor()
    expect(await refused.getAttribute('data-kind')).toBe('forbidden')
    expect(await refused.textContent()).toContain('Peran viewer tidak boleh melakukan ini')
    expect(await wall.getByTestId('audit-row').count()).toBe(0)
  }, 90_000)

  it('triages one complaint from the keyboard alone: j, Enter, d, unit, reason, Enter', async () => {
    const ws = await store(3000, 14)
    const page = await desk(ws, 'rina', 'Rina Wulandari', 'operator')
    const dinsos = unit(ws.db, '64.08/dinsos')
    await openQueue(page, 'verifikasi')
    await page.getByTestId('queue-row').first().waitFor()

    await page.keyboard.press('?')
    await page.getByTestId('help-overlay').waitFor()
    expect(await page.getByTestId('help-overlay').textContent()).toContain('Bukan wewenang')
    await page.screenshot({ path: join(SCREENS, 'antrean-help.png') })
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('help-overlay').count()).toBe(0)

    await page.keyboard.press('j')
    const cursor = page.locator('[data-testid="queue-row"].is-cursor')
    expect(await cursor.getAttribute('data-index')).toBe('0')
    await page.keyboard.press('j')
    await page.keyboard.press('k')
    expect(await cursor.getAttribute('data-index')).toBe('0')
    const id = Number(await cursor.getAttribute('data-id'))
    const tracking = (await cursor.getAttribute('data-tracking-id'))!

    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('detail-pane').getAttribute('data-tracking-id')).toBe(tracking)
    await page.getByTestId('claim-take').click()
    await expect.poll(() => page.getByTestId('claim').getAttribute('data-mine')).toBe('1')
    expect(ws.db.prepare('SELECT u.username FROM complaint_claim c JOIN app_user u ON u.id = c.user_id WHERE c.complaint_id = ?').pluck().get(id)).toBe('rina')

    await page.keyboard.press('d')
    await page.getByTestId('action-dialog').waitFor()
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dialog-unit-search')
    await page.keyboard.type('dinas sosial')
    await page.keyboard.press('Tab') // takes the highlighted unit and moves on to the reason
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dialog-text')
    await page.keyboard.type('Bantuan sosial: kewenangan Dinas Sosial')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('action-outcome').getAttribute('data-done')).toBe('1')

    expect(complaint(ws.db, id)).toMatchObject({ unit_id: dinsos.id, status: 'belum_ditindaklanjuti', disposition_count: 1 })
    const events = ws.db.prepare('SELECT kind, actor, reason FROM complaint_event WHERE complaint_id = ? ORDER BY id DESC LIMIT 2').all(id)
    expect(events).toContainEqual({ kind: 'disposition', actor: 'Rina Wulandari', reason: 'Bantuan sosial: kewenangan Dinas Sosial' })
    // It has left Verifikasi; the cursor stays in place for the next one.
    await expect.poll(() => row(page, tracking).count()).toBe(0)

    // Esc closes the pane and gives the claim back.
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('detail-pane').count()).toBe(0)
    expect(new URL(page.url()).searchParams.has('id')).toBe(false)
    await expect.poll(() => ws.db.prepare('SELECT count(*) FROM complaint_claim WHERE complaint_id = ?').pluck().get(id)).toBe(0)

    // Number keys switch queues.
    await page.keyboard.press('3')
    await page.locator('[data-testid="antrean"][data-queue="proses"]').waitFor()
    expect(new URL(page.url()).pathname).toBe('/antrean/proses')
  }, 90_000)

  it('stays responsive on a queue of 20,000: a window of rows in the DOM, later pages loaded on scroll, live updates keep the place', async () => {
    const ws = await store(20_000, 3)
    const page = await desk(ws, 'dinding', 'Layar dinding', 'viewer')
    const all = count(ws.db, '1 = 1')
    expect(all).toBe(20_000)

    await openQueue(page, 'semua')
    expect(await total(page)).toBe(all)
    const list = page.getByTestId('queue-list')
    const domRows = () => page.locator('[data-testid="queue-row"], [data-testid="queue-row-loading"]').count()
    expect(await domRows()).toBeLessThan(40)

    // Oldest first: the first row is the store's oldest complaint.
    const oldest = ws.db.prepare(`SELECT tracking_id FROM complaint WHERE kabupaten_kode = ? ORDER BY submitted_at, id LIMIT 1`).pluck().get(KUTIM)
    expect(await page.getByTestId('queue-row').first().getAttribute('data-tracking-id')).toBe(oldest)

    // Jump to the end: the last page is fetched and drawn; still only a window of rows exists.
    const newest = ws.db.prepare(`SELECT tracking_id FROM complaint WHERE kabupaten_kode = ? ORDER BY submitted_at DESC, id DESC LIMIT 1`).pluck().get(KUTIM)
    // (How fast is for `tanggap bench screens`; a timed check here failed only when the machine was loaded.)
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight))
    const last = page.locator(`[data-testid="queue-row"][data-index="${all - 1}"]`)
    await last.waitFor({ timeout: 15_000 })
    expect(await last.getAttribute('data-tracking-id')).toBe(newest)
    expect(await domRows()).toBeLessThan(40)

    // The middle, exactly where SQL says row 10,000 is.
    const at = 10_000
    const expectedMiddle = ws.db
      .prepare(`SELECT tracking_id FROM complaint WHERE kabupaten_kode = ? ORDER BY submitted_at, id LIMIT 1 OFFSET ?`)
      .pluck()
      .get(KUTIM, at)
    const rowPx = await page.getByTestId('queue-row').first().evaluate((el) => el.getBoundingClientRect().height)
    await list.evaluate((el, top) => (el.scrollTop = top), at * rowPx)
    const middle = page.locator(`[data-testid="queue-row"][data-index="${at}"]`)
    await middle.waitFor({ timeout: 5_000 })
    expect(await middle.getAttribute('data-tracking-id')).toBe(expectedMiddle)
    expect(await domRows()).toBeLessThan(40)

    // Select a row here, then a change notice arrives (a sync wrote a new complaint): the list refetches in
    // place — the total grows, the scroll position, the rows on screen and the selection stay.
    await middle.getByTestId('queue-row-check').click()
    const place = await list.evaluate((el) => el.scrollTop)
    const firstShown = async () =>
      list.evaluate((el) => {
        const top = el.getBoundingClientRect().top
        const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="queue-row"]')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        return rows.find((r) => r.getBoundingClientRect().bottom > top + 1)?.dataset.trackingId
      })
    const shown = await firstShown()
    arrive(ws, 'E2E-LIVE-1')
    await expect.poll(() => total(page), { timeout: 10_000 }).toBe(all + 1)
    expect(await list.evaluate((el) => el.scrollTop)).toBe(place)
    expect(await firstShown()).toBe(shown)
    expect(await page.getByTestId('selection-bar').getAttribute('data-count')).toBe('1')
    expect(await middle.getAttribute('aria-selected')).toBe('true')

    // The same screen on a 4K wall: everything twice the size.
    const tabPx = () => page.getByTestId('queue-tab-semua').locator('.queue-tab-count').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    const smallPx = await tabPx()
    await page.setViewportSize({ width: 3840, height: 2160 })
    await expect.poll(tabPx).toBeGreaterThanOrEqual(smallPx * 1.9)
    expect(await domRows()).toBeLessThan(60)
  }, 120_000)
})

/** A new complaint as a sync run would write it, announced on the workspace bus. */
function arrive(ws: Workspace, tracking: string) {
  const newest = ws.db.prepare('SELECT max(submitted_at) FROM complaint').pluck().get() as number
  const at = newest + 60_000
  ws.db.transaction(() => {
    const id = Number(
      ws.db
        .prepare(
          `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw, submitted_at, updated_at)
           VALUES (?, 'e2e', ?, 'Lampu jalan padam', 'Isi laporan uji', 'pengaduan', 'sms_1708', 'belum_terverifikasi', 'Belum Terverifikasi', ?, ?)`,
        )
        .run(KUTIM, tracking, at, at).lastInsertRowid,
    )
    refreshComplaints(ws.db, KUTIM, [id])
  })()
  ws.bus.emit({ kabupaten: KUTIM, kind: 'complaints', at: Date.now(), count: 1 })
}
