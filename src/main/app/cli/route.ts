// `tanggap route` (the suggestion for a text, retraining, exporting the history as labelled lines) and
// `tanggap eval-routing` (measuring the classifier on any labelled file with the app's own training code).
import { Option, type Command } from 'commander'
import { existsSync } from 'node:fs'
import { openStore, type Db } from '#main/store/open.ts'
import { intOption, kabupatenOption } from './options.ts'
import { catchUp, rebuild } from '#main/routing/learn.ts'
import { textRouting } from '#main/routing/service.ts'
import { exportHistory } from '#main/routing/export.ts'
import { readLabelled, type Skipped } from '#main/routing/labelled-file.ts'
import { blendMethod, crossValidate, modelMethod, rulesMethod, seedRules, trainTest, type Labelled, type Method } from '#main/routing/evaluate.ts'
import { opdOf } from '#main/routing/blend.ts'
import { baselineMethod, type BaselineName } from '#main/dev/bench/routing-baselines.ts'

function pickKabupaten(db: Db, given: string | undefined): string {
  const all = db.prepare('SELECT kode FROM kabupaten ORDER BY kode').pluck().all() as string[]
  if (given) {
    if (!all.includes(given)) throw new Error(`kabupaten ${given} tidak ada di berkas data (ada: ${all.join(', ') || 'tidak ada'})`)
    return given
  }
  if (all.length === 1) return all[0]
  if (all.length === 0) throw new Error('berkas data belum berisi kabupaten')
  throw new Error(`berkas data memuat ${all.length} kabupaten (${all.join(', ')}); pilih dengan --kabupaten`)
}

export function registerRoute(program: Command): void {
  program
    .command('route')
    .description('Saran unit penanggung jawab (3 teratas, dengan keyakinan dan kata penentu) untuk sebuah teks pengaduan, sebagai JSON')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .option('--text <teks>', 'teks pengaduan (judul dan/atau isi)')
    .option('--kabupaten <kode>', 'kabupaten (wajib bila berkas memuat lebih dari satu)', kabupatenOption)
    .option('--kategori <kode>', 'kode kategori LAPOR! bila sudah diketahui, mis. puskesmas')
    .option('--rebuild', 'latih ulang model dari seluruh riwayat kabupaten lebih dulu')
    .option('--export <file.jsonl>', 'tulis riwayat yang dipelajari sebagai baris {"text","label"} untuk eval-routing (NIK/telepon disamarkan)')
    .action((opts: { db: string; text?: string; kabupaten?: string; kategori?: string; rebuild?: boolean; export?: string }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      if (!opts.text && !opts.rebuild && !opts.export) throw new Error('berikan --text, --rebuild atau --export')
      if (opts.text !== undefined && opts.text.trim() === '') throw new Error('--text kosong')
      const db = openStore(opts.db)
      try {
        const kabupaten = pickKabupaten(db, opts.kabupaten)
        if (opts.rebuild) console.error(JSON.stringify({ rebuilt: rebuild(db, kabupaten) }))
        // Learn whatever reached the store since the model last looked (a first use trains from scratch).
        else while (!catchUp(db, kabupaten, 5_000).isDone);
        if (opts.export) {
          const n = exportHistory(db, kabupaten, opts.export)
          console.error(`${n} contoh ditulis ke ${opts.export}`)
        }
        if (opts.text) {
          const r = textRouting(db, kabupaten, opts.text, opts.kategori ?? null)
          const kodeOf = (id: number | null) => (id === null ? null : (db.prepare('SELECT kode FROM unit WHERE id = ?').pluck().get(id) as string))
          console.log(
            JSON.stringify(
              {
                kabupaten,
                basis: r.basis,
                suggestions: r.suggestions.map((s) => ({
                  unit_kode: kodeOf(s.unitId),
                  unit: s.unit ?? (s.label === '@desa' ? 'Pemerintah desa setempat' : s.label === '@kec' ? 'Kantor kecamatan setempat' : s.label),
                  opd: s.opd,
                  confidence: s.confidence,
                  words: s.words,
                })),
              },
              null,
              2,
            ),
          )
        }
      } finally {
        db.close()
      }
    })

  program
    .command('eval-routing')
    .description('Ukur pengklasifikasi rute pada berkas berlabel (JSONL {"text","label"}): validasi silang K-fold bertingkat, sebagai JSON')
    .requiredOption('--data <file.jsonl>', 'contoh berlabel, satu objek JSON per baris')
    .option('--folds <k>', 'jumlah fold', intOption(2, 1000), 5)
    .option('--seed <s>', 'seed pembagian fold', intOption(0, 2 ** 31 - 1), 1)
    .option('--train <file.jsonl>', 'latih pada berkas ini dan uji pada --data (tanpa validasi silang)')
    .option('--rules <kode>', 'ukur aturan kata kunci saja untuk kabupaten ini (label harus kunci OPD, mis. dinkes)', kabupatenOption)
    .option('--blend <kode>', 'ukur seperti aplikasi: model dipadukan dengan aturan kabupaten ini sesuai jumlah riwayat', kabupatenOption)
    .option('--opd', "bandingkan pada tingkat OPD: label 'dinkes/yankes' dihitung sebagai 'dinkes'")
    .addOption(new Option('--baseline <nama>', 'ukur pembanding pada fold yang sama: svm (TF-IDF kata+huruf, LinearSVC), logreg, nb').choices(['svm', 'logreg', 'nb']))
    .option('--c <nilai>', 'parameter regularisasi C untuk --baseline svm/logreg', parseFloat)
    .option('--words <n>', 'n-gram kata terpanjang untuk --baseline svm/logreg (2 atau 3)', intOption(2, 3), 2)
    .action((opts: { data: string; folds: number; seed: number; train?: string; rules?: string; blend?: string; opd?: boolean; baseline?: BaselineName; c?: number; words: number }) => {
      if ([opts.rules, opts.blend, opts.baseline].filter(Boolean).length > 1) throw new Error('pilih salah satu: --rules, --blend atau --baseline')
      const level = (f: { data: Labelled[]; skipped: Skipped[] }) => (opts.opd ? { ...f, data: f.data.map((d) => ({ ...d, label: opdOf(d.label) })) } : f)
      const test = level(readLabelled(opts.data))
      for (const s of test.skipped) console.error(`${opts.data} baris ${s.line}: ${s.error}; dilewati`)
      const train = opts.train ? level(readLabelled(opts.train)) : null
      for (const s of train?.skipped ?? []) console.error(`${opts.train} baris ${s.line}: ${s.error}; dilewati`)
      const method: Method = opts.rules
        ? rulesMethod(seedRules(opts.rules))
        : opts.blend
          ? blendMethod(seedRules(opts.blend))
          : opts.baseline
            ? baselineMethod(opts.baseline, { c: opts.c, wordMax: opts.words as 2 | 3 })
            : modelMethod()
      const name = opts.rules ? 'rules' : opts.blend ? 'blend' : opts.baseline ? `baseline:${opts.baseline}` : 'model'
      const result =
        train || opts.rules
          ? { ...trainTest(train?.data ?? [], test.data, method, !!opts.rules), folds: null, seed: null }
          : crossValidate(test.data, method, opts.folds, opts.seed)
      console.log(JSON.stringify({ data: opts.data, train: opts.train ?? null, method: name, ...result, skipped: [...test.skipped, ...(train?.skipped ?? [])] }, null, 2))
    })
}
