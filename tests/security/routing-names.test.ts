// Finding 7 (issue 15): routing.suggest showed viewers the words that decided a suggestion, reporters' names among
// them ("budi", "santoso", "hartini"), and the stored model had learnt them. Names never become features.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { insertComplaints } from '../fixtures.ts'
import { callHttp } from './api.ts'
import { startSecured, type Secured } from './server.ts'
import { routingContext } from '#main/routing/context.ts'
import { currentModel } from '#main/routing/store.ts'
import { rebuild } from '#main/routing/learn.ts'
import { FeatureBuffer, extractFeatures } from '#main/routing/features.ts'
import { normalizeTokens } from '#main/routing/normalize.ts'

const NAMES = ['budi', 'santoso', 'hartini', 'wulandari', 'rahmawati', 'siti', 'kurniasih']
let s: Secured
let target: number
beforeAll(async () => {
  s = await startSecured((ws) => {
    const rows = Array.from({ length: 40 }, (_, i) => {
      const health = i % 2 === 0
      return {
        tracking_id: `N${i}`,
        submitted: `2025-0${1 + (i % 9)}-1${i % 10}T02:00:00Z`,
        status: 'selesai' as const,
        unitKode: health ? '64.08/dinkes' : '64.08/dlh/persampahan',
        judul: health ? 'Puskesmas tutup, tolong' : 'Sampah menumpuk, tolong',
        isi: health
          ? `Saya Budi Santoso, warga sini. Puskesmas tutup dan obat habis, kata budi santoso tetangga saya. Nomor ${i}`
          : `Nama saya: Hartini Kurniasih. Sampah menumpuk tidak diangkut, hartini dan wulandari sudah lapor. Nomor ${i}`,
      }
    })
    const ids = insertComplaints(ws.db, [
      ...rows,
      { tracking_id: 'TARGET', submitted: '2026-01-05T02:00:00Z', judul: 'Tolong', isi: 'budi santoso hartini kurniasih wulandari minta tolong' },
    ])
    const setName = ws.db.prepare('UPDATE reporter SET nama = ? WHERE complaint_id = ?')
    ids.forEach((id, i) => setName.run(i < 40 ? (i % 2 === 0 ? 'Budi Santoso' : 'Hartini Kurniasih') : 'Siti Rahmawati', id))
    target = ids[40]
    return ids
  })
})
afterAll(() => s?.close())

it('keeps names out of the words a viewer sees and out of the model a rebuild stores', async () => {
  const asked = await callHttp(s.base, { path: 'routing.rebuild', type: 'mutation' }, { kabupaten: '64.08' }, s.tokens.admin)
  expect(asked).toMatchObject({ ok: true })
  // The app's upkeep trains what was asked in the background (tests/routing/upkeep.test.ts); here the same training.
  rebuild(s.ws.db, '64.08')
  for (const who of ['viewer', 'operator', 'admin'] as const) {
    const r = await callHttp(s.base, { path: 'routing.suggest', type: 'query' }, { id: target }, s.tokens[who])
    expect(r.ok, r.message).toBe(true)
    const words = (r.data as { suggestions: { words: string[] }[] }).suggestions.flatMap((x) => x.words)
    for (const name of NAMES) expect(words.join(' '), who).not.toContain(name)
    // The texts of the settled complaints still decide: health words for dinkes.
    const all = await callHttp(s.base, { path: 'routing.suggest', type: 'query' }, { id: s.sample.complaintIds[0] }, s.tokens[who])
    expect((all.data as { suggestions: { words: string[] }[] }).suggestions[0].words.join(' ')).toMatch(/puskesmas|obat/)
  }
  const model = currentModel(s.ws.db, routingContext(s.ws.db, '64.08'))!
  const seen = (word: string) => {
    const buf = new FeatureBuffer()
    extractFeatures([word], buf)
    return model.coverage(buf)
  }
  expect(seen('puskesmas')).toBe(1)
  for (const name of NAMES) expect(seen(name), name).toBe(0)
})

it('cuts introduced names and drops common names as words, keeping ordinary words', () => {
  const words = normalizeTokens('Saya Budi Santoso melapor jalan rusak. Atas nama Joko Purnomo, a.n. Wahyudi: lampu padam')
  expect(words).toEqual(expect.arrayContaining(['jalan', 'rusak', 'lampu', 'padam']))
  for (const name of ['budi', 'santoso', 'joko', 'purnomo', 'wahyudi']) expect(words).not.toContain(name)
  expect(normalizeTokens('pak hartini dan bu siti sudah mengadu soal air pdam')).not.toContain('hartini')
  expect(normalizeTokens('jalan indah dan sekolah putri rusak')).toEqual(expect.arrayContaining(['indah', 'putri', 'sekolah', 'rusak']))
})
