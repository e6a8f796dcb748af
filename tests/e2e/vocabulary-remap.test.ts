// End to end: Pengaturan, Kosakata in Chromium against serve mode. An admin maps the LAPOR! word "Proses" to
// another status; before saving, the panel says how many stored complaints will change ("N laporan akan diubah",
// the number counted here with plain SQL), and "Simpan dan ubah" moves them, audited, with the KPIs in step.
// Needs the renderer built first: `npx electron-vite build && npx vitest run tests/e2e/vocabulary-remap.test.ts`.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { isStale } from '#main/kpi/refresh.ts'
import { demoWorkspace, KUTIM, openPage, profile, SCREENS, serve } from './harness.ts'

describe('Kosakata: a mapping change applied to stored complaints (serve mode, Chromium)', () => {
  it('shows the count before saving and moves exactly those complaints', async () => {
    const ws = await demoWorkspace({ kabupaten: KUTIM, count: 3000, seed: 11 }, undefined, 'kosakata.db')
    const server = await serve(ws, profile(ws, 'admin').username, { routingUpkeep: false, backups: false })
    // Counted without the app's code: complaints whose LAPOR! word is "Proses" and whose status is proses.
    const expected = ws.db.prepare("SELECT count(*) FROM complaint WHERE status_raw = 'Proses' AND status = 'proses'").pluck().get() as number
    expect(expected).toBeGreaterThan(20) // open 'proses' complaints are recent in the demo (closed within 10 hk after the answer)
    const page = await openPage()
    await page.goto(`${server.url}/pengaturan?kab=${KUTIM}`)
    const select = page.locator('[data-testid="vocabulary-word"][data-word="proses"] select')
    await select.waitFor()
    await select.selectOption('belum_ditindaklanjuti')

    const count = page.getByTestId('vocabulary-remap-count')
    await expect.poll(async () => (await count.textContent()) ?? '').toBe(`${expected.toLocaleString('id-ID')} laporan akan diubah.`)
    expect(ws.db.prepare("SELECT value FROM vocabulary WHERE kind = 'status' AND word = 'proses'").pluck().get()).toBe('proses') // not saved yet
    await page.getByTestId('vocabulary-remap').screenshot({ path: join(SCREENS, 'pengaturan-kosakata-ubah.png') })

    await page.getByTestId('vocabulary-remap-apply').click()
    await expect.poll(async () => (await page.getByTestId('vocabulary-saved').textContent()) ?? '').toBe(`Tersimpan; ${expected.toLocaleString('id-ID')} laporan diubah.`)
    expect(ws.db.prepare("SELECT count(*) FROM complaint WHERE status_raw = 'Proses' AND status = 'proses'").pluck().get()).toBe(0)
    expect(ws.db.prepare("SELECT count(*) FROM complaint WHERE status_raw = 'Proses' AND status = 'belum_ditindaklanjuti'").pluck().get()).toBe(expected)
    const audit = JSON.parse(ws.db.prepare("SELECT after_json FROM audit_log WHERE action = 'vocabulary.remap'").pluck().get() as string) as { complaints: number }
    expect(audit.complaints).toBe(expected)
    // The aggregates moved with the complaints: proses counted in the KPI table equals the complaint table.
    const kpiProses = ws.db.prepare("SELECT sum(proses) FROM kpi_count WHERE kabupaten_kode = ? AND dim = 'all' AND grain = 2").pluck().get(KUTIM)
    expect(kpiProses).toBe(ws.db.prepare("SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND status = 'proses'").pluck().get(KUTIM))
    expect(isStale(ws.db, KUTIM)).toBe(false)
    await page.close()
  }, 180_000)
})
