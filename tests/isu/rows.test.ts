// Every rising-issue row opens exactly its complaints, over real HTTP on a signed-in server with a real SQLite file:
// a category row (Antrean "semua" narrowed to its category, place and days) and a topic row across categories
// (narrowed to its complaints, ?laporan-isu=… on screen) each give a queue whose count, list and CSV export are the
// row's count and complaints — as the screens open them (src/renderer/src/isu/labels.ts issueHref).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTRPCClient, httpLink } from '@trpc/client'
import type { AppRouter } from '#main/app/api/router.ts'
import { startSecured, type Secured } from '../security/server.ts'

const KAB = '64.08'
const DAY = 86_400_000
const HOUR = 3_600_000
const WITA = 8 * HOUR
let s: Secured

const STEADY: [kategori: string, judul: string, isi: string][] = [
  ['jalan', 'Jalan rusak', 'Jalan berlubang dan tergenang air, dekat pasar'],
  ['puskesmas', 'Pelayanan puskesmas', 'Antrean puskesmas lama, petugas sedikit, dekat pasar'],
  ['sekolah', 'Guru jarang hadir', 'Guru sekolah dasar sering tidak masuk kelas, dekat pasar'],
  ['sampah', 'Sampah menumpuk', 'Sampah pasar tidak diangkut sudah seminggu, dekat pasar'],
]
const KECAMATAN = ['64.08.04', '64.08.13', '64.08.02']

beforeAll(async () => {
  s = await startSecured((ws) => {
    const db = ws.db
    const cat = db.prepare('SELECT id FROM category WHERE kode = ?').pluck()
    const ins = db.prepare(
      `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, category_id, status, status_raw,
         kecamatan_kode, submitted_at, updated_at)
       VALUES ('64.08', 'test', ?, ?, ?, 'pengaduan', 'web', ?, 'proses', 'Proses', ?, ?, ?)`,
    )
    const now = Date.now()
    // Local midnight of today in Kutai Timur: history is laid out on whole days before it.
    const today = Math.floor((now + WITA) / DAY) * DAY - WITA
    let seq = 0
    const add = (at: number, kategori: string, kecamatan: string, judul: string, isi: string) =>
      Number(ins.run(`ROW-${++seq}`, judul, isi, cat.get(kategori), kecamatan, at, at).lastInsertRowid)
    return db
      .transaction(() => {
        const ids: number[] = []
        // 13 weeks of steady traffic.
        for (let d = 91; d >= 1; d--) {
          STEADY.forEach(([kategori, judul, isi], k) => {
            for (let i = 0; i < 2; i++) ids.push(add(today - d * DAY + (9 + k + i) * HOUR, kategori, KECAMATAN[(d + k + i) % 3], judul, isi))
          })
        }
        // The last two days: caterpillars under three categories in three kecamatan (a topic), and dengue in one
        // kecamatan under Kesehatan (a category row). Only "ulat bulu" names the topic in the text of some.
        for (let k = 0; k < 12; k++) {
          const at = today - 2 * DAY + k * 3 * HOUR + 30 * 60_000
          const judul = k % 2 ? 'Rumah warga diserang hama' : 'Ulat bulu di rumah warga'
          ids.push(add(Math.min(at, now - 60_000), ['puskesmas', 'sampah', 'jalan'][k % 3], KECAMATAN[k % 3], judul, 'Banyak ulat bulu masuk rumah, anak-anak gatal'))
        }
        for (let k = 0; k < 10; k++) {
          const at = today - 2 * DAY + k * 4 * HOUR + 10 * 60_000
          ids.push(add(Math.min(at, now - 60_000), 'puskesmas', '64.08.13', 'Demam berdarah', 'Warga terkena demam berdarah, mohon fogging'))
        }
        return ids
      })
      .immediate()
  })
})
afterAll(() => s?.close())

const client = () => createTRPCClient<AppRouter>({ links: [httpLink({ url: `${s.base}/trpc`, headers: { authorization: `Bearer ${s.tokens.supervisor}` } })] })

describe('a rising issue opens exactly its complaints', () => {
  it('in the queue count, list and export, for a category row and a topic row', async () => {
    const c = client()
    const { issues } = await c.isu.list.query({ kabupaten: KAB })
    const topic = issues.find((i) => i.topic !== null)
    const category = issues.find((i) => i.kategori?.nama === 'Kesehatan')
    expect(topic, JSON.stringify(issues)).toBeDefined()
    expect(category, JSON.stringify(issues)).toBeDefined()
    // The title search of before would hold fewer: half the topic's titles do not name it.
    const titled = s.ws.db.prepare(`SELECT count(*) FROM complaint WHERE id IN (SELECT value FROM json_each(?)) AND judul LIKE '%ulat%'`).pluck().get(JSON.stringify(topic!.complaints))
    expect(titled).toBeLessThan(topic!.count)

    const today = new Date(Date.now() + WITA).toISOString().slice(0, 10)
    for (const row of [topic!, category!]) {
      // As issueHref opens it: a topic by its complaints, a category row by its category, place and days.
      const request = {
        kabupaten: KAB,
        queue: 'semua' as const,
        period: { from: row.since, to: today },
        ...(row.topic ? { ids: row.complaints } : { filter: { category: row.kategori!.id }, kecamatan: row.kecamatan?.kode, desa: row.desa?.kode }),
      }
      const page = await c.complaints.queue.query({ ...request, limit: 500 })
      expect(page.total).toBe(row.count)
      expect(page.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([...row.complaints].sort((a, b) => a - b))
      const { job } = await c.exports.start.mutate({ request: { kind: 'queue', ...request }, format: 'csv' })
      let state = job!
      for (let i = 0; i < 200 && state.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50))
        state = (await c.exports.status.query({ id: job!.id }))!
      }
      expect(state).toMatchObject({ status: 'done', rowsDone: row.count })
    }
  }, 120_000)
})
