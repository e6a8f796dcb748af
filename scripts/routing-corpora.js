#!/usr/bin/env node
// Rebuilds the real complaint corpora that `tanggap eval-routing` is measured on (docs/routing.md, "Corpora"), as
// {"text","label"} lines. The data itself stays out of the repository: neither public source carries a licence, so
// this script reads them from copies of the source repositories and writes the JSONL wherever it is told.
//
//   git clone https://github.com/AfifahKhoeriah/span-lstm /tmp/span-lstm            # commit ef601cd
//   git clone https://github.com/aiaja/text-mining-laporgub /tmp/laporgub           # commit 5d44fd1
//   node scripts/routing-corpora.js --lapor /tmp/span-lstm/datatrain_8_117_119.csv \
//     --laporgub /tmp/laporgub/dataset/prep_2024_2025.csv --out /work/corpora
//
// Writes
// - lapor3.jsonl: 15,000 SP4N-LAPOR! reports, 5,000 per label (8, 117, 119), text as cleaned by the source;
// - lapor3-skewed.jsonl: a fixed, seeded subsample of it with skewed label sizes (all of 8, 20 % of 117, 5 % of
//   119), where class priors can drown the small labels;
// - laporgub.jsonl: 10,046 LaporGub (Central Java's provincial LAPOR! channel) complaints of 2024-2025 with the
//   sector the province filed them under, 16 labels from 4,527 (infrastruktur) down to 69; stemmed word lists in
//   the source, joined back with spaces; the one 'saberpungli' complaint dropped (as the source does).
// Rows with an empty text are dropped; duplicates are kept (they are in the sources).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

function arg(name) {
  const i = process.argv.indexOf(name)
  if (i < 0 || i + 1 >= process.argv.length) {
    console.error(`pemakaian: node scripts/routing-corpora.js --lapor datatrain_8_117_119.csv --laporgub prep_2024_2025.csv --out DIR (kurang ${name})`)
    process.exit(2)
  }
  return process.argv[i + 1]
}

/** span-lstm's CSV: header "IsiLaporan,kategori", text without quotes or commas (already cleaned by its authors). */
function readLapor(file) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/)
  if (lines[0].trim() !== 'IsiLaporan,kategori') throw new Error(`${file}: header "IsiLaporan,kategori" diharapkan, ada "${lines[0]}"`)
  const rows = []
  for (const line of lines.slice(1)) {
    const at = line.lastIndexOf(',')
    if (at < 0) continue
    const text = line.slice(0, at).replace(/^"|"$/g, '').trim()
    const label = line.slice(at + 1).trim()
    if (text && label) rows.push({ text, label })
  }
  return rows
}

/** text-mining-laporgub's CSV: "id;complaints;category", complaints a Python list of stemmed words. */
function readLaporGub(file) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/)
  if (lines[0].trim() !== 'id;complaints;category') throw new Error(`${file}: header "id;complaints;category" diharapkan, ada "${lines[0]}"`)
  const rows = []
  for (const line of lines.slice(1)) {
    const at = line.lastIndexOf(';')
    const start = line.indexOf(';')
    if (at <= start) continue
    const words = [...line.slice(start + 1, at).matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2])
    const text = words.join(' ').trim()
    const label = line.slice(at + 1).trim()
    if (text && label && label !== 'saberpungli') rows.push({ text, label })
  }
  return rows
}

// mulberry32, as in src/main/routing/train.ts, so the subsample is the same on every machine.
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const rows = readLapor(arg('--lapor'))
const out = arg('--out')
mkdirSync(out, { recursive: true })
const write = (name, data) => {
  writeFileSync(join(out, name), data.map((r) => JSON.stringify(r)).join('\n') + '\n')
  const sizes = {}
  for (const r of data) sizes[r.label] = (sizes[r.label] ?? 0) + 1
  console.log(`${name}: ${data.length} baris ${JSON.stringify(sizes)}`)
}
write('lapor3.jsonl', rows)
const keep = { 8: 1, 117: 0.2, 119: 0.05 }
const random = rng(17)
write(
  'lapor3-skewed.jsonl',
  rows.filter((r) => random() < (keep[r.label] ?? 1)),
)
write('laporgub.jsonl', readLaporGub(arg('--laporgub')))
