// The two routing commands as a user runs them: `tanggap route` prints the top 3 for a text as JSON,
// `tanggap eval-routing` measures any labelled JSONL file and reports bad lines by number.
import { describe, expect, it } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { tempDir, tempStore } from '../helpers.ts'

const tanggap = (args: string[]) => spawnSync(process.execPath, ['bin/tanggap.js', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } })

describe('tanggap eval-routing', () => {
  it('cross-validates any label set and reports malformed lines by number, skipping them', () => {
    const lines = [
      ...['lampu jalan mati', 'PJU padam sebulan', 'tiang lampu roboh', 'penerangan jalan gelap', 'lampu gang mati lagi', 'lampu taman rusak'].map((text) => ({ text, label: 'Penerangan' })),
      ...['anak demam tinggi', 'dokter tidak ada', 'obat habis di klinik', 'bidan jarang datang', 'pasien antri lama', 'perawat kasar'].map((text) => ({ text, label: 'Kesehatan' })),
      ...['sampah numpuk', 'bau sampah busuk', 'truk sampah telat', 'tps penuh lalat', 'sampah dibuang ke sungai', 'tong sampah rusak'].map((text) => ({ text, label: 'Kebersihan' })),
    ].map((o) => JSON.stringify(o))
    lines.splice(3, 0, '{"text": "tanpa label"}', 'ini bukan json', '', '{"text": "", "label": "Kesehatan"}')
    const file = join(tempDir(), 'data.jsonl')
    writeFileSync(file, lines.join('\n') + '\n')
    const run = tanggap(['eval-routing', '--data', file, '--folds', '3', '--seed', '7'])
    expect(run.status).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['n', 'labels', 'accuracy', 'macro_f1', 'top3_accuracy', 'per_label', 'train_ms', 'predict_ms_per_item']))
    expect(out).toMatchObject({ n: 18, labels: ['Kebersihan', 'Kesehatan', 'Penerangan'], folds: 3, seed: 7, method: 'model' })
    expect(out.top3_accuracy).toBe(1) // three labels: the right one is always among the top three
    for (const l of out.labels) expect(Object.keys(out.per_label[l])).toEqual(['precision', 'recall', 'f1', 'support'])
    expect(out.per_label.Kesehatan.support).toBe(6)
    expect(out.skipped.map((s: { line: number }) => s.line)).toEqual([4, 5, 7])
    expect(run.stderr).toMatch(/baris 4: "label" harus teks/)
    expect(run.stderr).toMatch(/baris 5: bukan JSON yang sah/)
    expect(run.stderr).toMatch(/baris 7: "text" harus teks/)
    // The same seed gives the same folds and the same figures.
    const again = JSON.parse(tanggap(['eval-routing', '--data', file, '--folds', '3', '--seed', '7']).stdout)
    expect(again.accuracy).toBe(out.accuracy)
  })

  it('refuses an impossible number of folds with a clear message', () => {
    const file = join(tempDir(), 'tiny.jsonl')
    writeFileSync(file, '{"text": "a b", "label": "x"}\n{"text": "c d", "label": "y"}\n')
    const run = tanggap(['eval-routing', '--data', file, '--folds', '5'])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/--folds harus 2\.\.2/)
  })
})

describe('tanggap route', () => {
  it('prints the top three units for a text, with confidence and deciding words, as JSON', () => {
    const { db, file } = tempStore('route.db')
    seedKabupaten(db, '64.08')
    seedKabupaten(db, '21.03')
    db.close()
    const ambiguous = tanggap(['route', '--db', file, '--text', 'jalan rusak'])
    expect(ambiguous.status).toBe(1)
    expect(ambiguous.stderr).toMatch(/memuat 2 kabupaten \(21\.03, 64\.08\); pilih dengan --kabupaten/)
    const out = JSON.parse(
      execFileSync(process.execPath, ['bin/tanggap.js', 'route', '--db', file, '--kabupaten', '21.03', '--text', 'jadwal pesawat ke Ranai sering batal, bandara sepi info'], {
        encoding: 'utf8',
      }),
    )
    expect(out.kabupaten).toBe('21.03')
    expect(out.basis).toMatchObject({ complaints: 0, modelShare: 0 })
    expect(out.suggestions.length).toBeGreaterThan(0)
    expect(out.suggestions.length).toBeLessThanOrEqual(3)
    // Natuna has a Bidang Perhubungan Udara: the suggestion names it, not only the dinas.
    expect(out.suggestions[0]).toMatchObject({ unit_kode: '21.03/dishub/udara', opd: 'Dinas Perhubungan' })
    expect(out.suggestions[0].words).toEqual(expect.arrayContaining(['pesawat', 'bandara']))
    expect(out.suggestions[0].words).not.toContain('ranai') // the capital's name is not evidence
  })
})
