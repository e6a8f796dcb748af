// Issue 18 end to end in Chromium: an admin creates a desa liaison in Pengaturan → Pengguna; the command centre
// disposes a complaint to that desa; the liaison, on a phone-sized page, finds it first in its inbox and returns it
// as "bukan wewenang kami" naming the OPD; the supervisor sees it in Dikembalikan and moves it there; the OPD's
// liaison writes the tindak lanjut; the reply is queued upstream in the outbox; every step is in the audit log.
// Screenshots at 360×740 and 1920×1080 go to test-artifacts/screens.
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Workspace } from '#main/app/workspace/open.ts'
import { saveSource } from '#main/sync/sources.ts'
import { demoWorkspace, desk, KUTIM, RENDERER, SCREENS } from './harness.ts'
import { FIRST_LOAD_GOAL_KB } from '#main/dev/bench/bundle.ts'

const PHONE = { width: 360, height: 740 }
const WALL = { width: 1920, height: 1080 }
const OPD = '64.08/dinkes'

let ws: Workspace
let complaintId: number
let nomor: string
let desa: { id: number; nama: string; kode: string }
let opd: { id: number; nama: string }

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENS, `liaison-${name}-${page.viewportSize()!.width}x${page.viewportSize()!.height}.png`), fullPage: false })

beforeAll(async () => {
  ws = await demoWorkspace({ kabupaten: KUTIM, count: 400, seed: 18 }, undefined, 'liaison.db')
  const db = ws.db
  desa = db.prepare("SELECT id, nama, kode FROM unit WHERE kabupaten_kode = ? AND kind = 'desa' AND is_active = 1 ORDER BY id LIMIT 1").get(KUTIM) as typeof desa
  opd = db.prepare('SELECT id, nama FROM unit WHERE kode = ?').get(OPD) as typeof opd
  const c = db
    .prepare("SELECT id, tracking_id FROM complaint WHERE kabupaten_kode = ? AND status = 'belum_ditindaklanjuti' AND is_rahasia = 0 ORDER BY submitted_at DESC LIMIT 1")
    .get(KUTIM) as { id: number; tracking_id: string }
  complaintId = c.id
  nomor = c.tracking_id
  // The demo's own source never writes back; this complaint came from a LAPOR! source that does, so a tindak lanjut
  // is queued upstream (the 0006_sync.sql outbox trigger matches the complaint's source by name).
  saveSource(db, { name: 'lapor-e2e', kind: 'file', kabupaten: KUTIM, isWriteback: true, isEnabled: false })
  db.prepare("UPDATE complaint SET source = 'lapor-e2e' WHERE id = ?").run(c.id)
}, 300_000)

describe('a desa liaison returns a misrouted complaint and the right OPD answers it (serve mode, Chromium)', () => {
  it('runs from the admin creating the liaison to the reply in the outbox, all audited', { timeout: 300_000 }, async () => {
    // 1. The admin adds the desa's liaison in Pengaturan → Pengguna.
    const admin = await desk(ws, 'admin', { viewport: WALL })
    await admin.page.goto(admin.url('/pengaturan', { kab: KUTIM }))
    await admin.page.getByTestId('pengaturan-tab-pengguna').click()
    const form = admin.page.getByTestId('user-add')
    await form.getByTestId('user-add-username').fill('desa-e2e')
    await form.getByTestId('user-add-nama').fill('Sekretaris Desa Uji')
    await form.getByTestId('user-add-role').selectOption('penghubung')
    await form.getByTestId('user-add-password').fill('rahasia-desa-123')
    await form.getByTestId('user-add-unit-search').fill(desa.nama)
    await form.locator(`[data-testid="user-add-unit"] [data-unit-id="${desa.id}"]`).click()
    await expect.poll(() => form.getByTestId('user-add-units').textContent()).toContain(desa.nama)
    await form.getByTestId('user-add-submit').click()
    const row = admin.page.locator('[data-testid="user-row"][data-username="desa-e2e"]')
    await row.waitFor()
    expect(await row.textContent()).toContain(desa.nama)
    await row.scrollIntoViewIfNeeded()
    await shot(admin.page, 'pengguna')
    // The OPD's liaison, through the same API the panel uses.
    await admin.api.users.add.mutate({ username: 'dinkes-e2e', nama: 'Penghubung Dinkes Uji', role: 'penghubung', unitCodes: [OPD] })

    // 2. The command centre disposes the complaint to the desa.
    const supervisor = await desk(ws, 'supervisor', { viewport: WALL })
    const done = await supervisor.api.complaints.act.mutate({ action: 'disposition', ids: [complaintId], unitId: desa.id, reason: 'Lokasi di wilayah desa, mohon ditindaklanjuti' })
    expect(done.done).toEqual([complaintId])

    // 3. The desa's liaison on a phone: sent to its inbox, sees the complaint, returns it naming the OPD.
    const liaison = await desk(ws, { username: 'desa-e2e', nama: 'Sekretaris Desa Uji', role: 'penghubung' }, { viewport: PHONE })
    const phone = liaison.page
    // What the phone downloads to open the inbox: every script and style sheet, sized as gzip (issue 18: < 400 KB).
    const loaded = new Set<string>()
    phone.on('response', (r) => {
      if (/\/assets\/[^/]+\.(js|css)$/.test(new URL(r.url()).pathname)) loaded.add(basename(new URL(r.url()).pathname))
    })
    await phone.goto(liaison.url('/'))
    await phone.waitForURL(/\/penghubung$/)
    const card = phone.locator(`[data-testid="ph-card"][data-id="${complaintId}"]`)
    await card.waitFor()
    expect(await card.textContent()).toContain(nomor)
    expect(await card.textContent()).toContain('Lokasi di wilayah desa')
    expect(await phone.getByTestId('nav-antrean').count()).toBe(0)
    expect(await phone.getByTestId('session-role').textContent()).toBe('Penghubung')
    // Nothing wider than the phone: no sideways scrolling.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await shot(phone, 'inbox')
    const gzipKb = [...loaded].reduce((sum, f) => sum + gzipSync(readFileSync(join(RENDERER, 'assets', f)), { level: 6 }).length, 0) / 1024
    console.log(`inbox first load: ${loaded.size} files, ${gzipKb.toFixed(1)} KB gzip`)
    expect(loaded.size).toBeGreaterThan(1)
    expect(gzipKb).toBeLessThan(FIRST_LOAD_GOAL_KB)
    expect([...loaded].some((f) => /leaflet|CartesianChart|AntreanScreen/.test(f)), [...loaded].join(' ')).toBe(false)
    await card.click()
    await phone.getByTestId('ph-complaint').waitFor()
    await phone.getByTestId('ph-history').waitFor()
    await shot(phone, 'complaint')
    await phone.getByTestId('ph-action-kembali').click()
    await phone.getByTestId('ph-return-reason').fill('Ini urusan layanan kesehatan, bukan pemerintah desa')
    await phone.getByTestId('ph-return-search').fill('Kesehatan')
    await phone.getByTestId('ph-return-unit').selectOption(String(opd.id))
    await shot(phone, 'return-form')
    await phone.getByTestId('ph-return-submit').click()
    await phone.getByTestId('ph-waiting').waitFor()
    expect(await phone.getByTestId('ph-done').textContent()).toMatch(/dikembalikan/i)

    // 4. The supervisor sees it in Dikembalikan and moves it to the OPD the liaison named.
    const sp = supervisor.page
    await sp.goto(supervisor.url('/antrean/dikembalikan', { kab: KUTIM, id: complaintId }))
    const decision = sp.getByTestId('return-decision')
    await decision.waitFor()
    expect(await decision.textContent()).toContain('Ini urusan layanan kesehatan')
    expect(await decision.textContent()).toContain(opd.nama)
    await decision.getByTestId('return-reason').fill('Benar, urusan Dinas Kesehatan')
    await shot(sp, 'dikembalikan')
    await decision.getByTestId('return-accept').click()
    await expect.poll(() => (ws.db.prepare('SELECT unit_id FROM complaint WHERE id = ?').get(complaintId) as { unit_id: number }).unit_id).toBe(opd.id)

    // 5. The OPD's liaison answers on its phone.
    const opdDesk = await desk(ws, { username: 'dinkes-e2e', nama: 'Penghubung Dinkes Uji', role: 'penghubung' }, { viewport: PHONE })
    await opdDesk.page.goto(opdDesk.url(`/penghubung/${complaintId}`))
    await opdDesk.page.getByTestId('ph-reply-isi').fill('Petugas puskesmas telah meninjau lokasi dan jadwal layanan diperbaiki mulai pekan ini.')
    await shot(opdDesk.page, 'reply')
    await opdDesk.page.getByTestId('ph-reply-submit').click()
    await opdDesk.page.getByTestId('ph-done').waitFor()
    // The same inbox on a desk's screen: the reply is in the history, the complaint is in process.
    await opdDesk.page.setViewportSize(WALL)
    await opdDesk.page.getByTestId('ph-history').getByText('Petugas puskesmas telah meninjau').waitFor()
    await shot(opdDesk.page, 'replied')

    // 6. The reply is queued upstream, and every step is in the audit log.
    const queued = ws.db
      .prepare("SELECT count(*) FROM sync_outbox o JOIN complaint_event e ON e.id = o.event_id WHERE o.complaint_id = ? AND e.kind = 'tindak_lanjut'")
      .pluck()
      .get(complaintId)
    expect(queued).toBe(1)
    const actions = ws.db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all() as string[]
    for (const a of ['liaison.return', 'complaint.return_accept', 'liaison.reply']) expect(actions).toContain(a)
    expect(actions.some((a) => a.startsWith('user.'))).toBe(true)
  })
})
