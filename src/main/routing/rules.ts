// The fallback for a kabupaten with little history: for each usual function of a Pemkab, the units that carry it
// (alternatives in order, since kabupaten name their OPD differently: Disdikbud or Disdik, DPUPR or DPU, DTPHP or
// Dinas Pertanian) and the words and LAPOR! categories that point to it. Written from the standard OPD structure
// (resources/seed/units-*.json) and the category tree, not from any evaluation data. The learned model takes over
// as history accumulates (see suggest.ts).
import { normalizeTokens } from './normalize.ts'

type RuleSpec = { units: string; words: string; categories?: string }

// units: unit paths below the kabupaten ('|' alternatives, first existing wins; '@desa'/'@kec' is the complaint's
// own desa government or kecamatan office). words: comma-separated words or phrases in standard Indonesian.
const RULES: RuleSpec[] = [
  { units: 'dpupr/bina-marga|dpu/bina-marga|dpupr|dpu', categories: 'jalan',
    words: 'jalan rusak, jalan berlubang, perbaikan jalan, aspal, lubang, jembatan, semenisasi, rabat beton, badan jalan, jalan poros, amblas, kubangan, terperosok, jalan tanah, jalan usaha tani, pelebaran jalan, titian, pelantar, trotoar rusak' },
  { units: 'dpupr/sda|dpu/sda|dpupr|dpu', categories: 'drainase',
    words: 'drainase, parit, selokan, gorong gorong, saluran air, genangan, tersumbat, normalisasi, sedimen, irigasi, tanggul, siring, meluap, banjir' },
  { units: 'dpupr/cipta-karya|dpu/cipta-karya|dpupr|dpu',
    words: 'bangunan publik, sumur bor, air baku, sanitasi, instalasi pengolahan' },
  { units: 'dpupr/tata-ruang|dpupr|dpu', words: 'tata ruang, rtrw, sempadan, garis sempadan, peruntukan lahan' },
  { units: 'pdam', categories: 'air-bersih',
    words: 'pdam, air bersih, air mati, air mengalir, pipa, meteran air, tagihan air, sambungan baru, air keruh, air keran, ledeng, debit air, perumda air' },
  { units: 'perkim/pju|perkim|dishub/darat|dishub', categories: 'pju',
    words: 'lampu jalan, pju, penerangan jalan, tiang lampu, lampu penerangan, lampu mati, gelap gulita' },
  { units: 'perkim/perumahan|perkim', words: 'rumah layak huni, rtlh, bedah rumah, perumahan, permukiman, kumuh, prasarana perumahan, rumah subsidi' },
  { units: 'setda/ekonomi|setda', categories: 'listrik',
    words: 'listrik, pln, padam, pemadaman, token listrik, meteran listrik, tegangan, byarpet, aliran listrik' },
  { units: 'dinkes/yankes|dinkes', categories: 'puskesmas',
    words: 'puskesmas, pustu, puskesmas pembantu, bidan, posyandu, polindes, obat, vaksin, imunisasi, tenaga kesehatan, nakes, pelayanan kesehatan, berobat, kesehatan' },
  { units: 'dinkes/p2p|dinkes', categories: 'wabah',
    words: 'dbd, demam berdarah, fogging, nyamuk, jentik, diare, muntaber, wabah, malaria, tbc, tuberkulosis, campak, covid, penyakit menular' },
  { units: 'dinkes/kesmas|dinkes', words: 'stunting, gizi buruk, gizi, balita, ibu hamil, jamban, kesehatan lingkungan' },
  { units: 'rsud/pelayanan|rsud', categories: 'rumah-sakit',
    words: 'rumah sakit, rsud, igd, ugd, rawat inap, rawat jalan, poli, poliklinik, kamar rawat, bangsal, pasien, ruang operasi, laboratorium' },
  { units: 'rsud/keperawatan|rsud', words: 'perawat, keperawatan' },
  { units: 'dinsos/linjamsos|dinsos', categories: 'bpjs', words: 'bpjs kesehatan, kis, jkn, pbi, kartu indonesia sehat, iuran bpjs' },
  { units: 'disdikbud/sd|disdik/sd|disdikbud|disdik', categories: 'sekolah',
    words: 'sekolah, sekolah dasar, sd, sdn, murid, siswa, ruang kelas, kepala sekolah, seragam, buku pelajaran, dana bos, komite sekolah, ijazah, rapor, uang gedung, pungutan sekolah' },
  { units: 'disdikbud/smp|disdik/smp|disdikbud|disdik', categories: 'ppdb',
    words: 'smp, smpn, ppdb, zonasi, penerimaan siswa baru, pendaftaran sekolah' },
  { units: 'disdikbud/paud|disdikbud|disdik', words: 'paud, tk, taman kanak kanak, kelompok bermain' },
  { units: 'disdikbud/gtk|disdik/gtk|disdikbud|disdik', categories: 'guru',
    words: 'guru, guru honorer, tunjangan guru, sertifikasi guru, tenaga pendidik, mengajar, kekurangan guru' },
  { units: 'disdikbud|disdik', categories: 'beasiswa', words: 'beasiswa, pip, kip, bantuan pendidikan, biaya sekolah, pendidikan' },
  { units: 'disdikbud/budaya|disdikbud|dispar', words: 'budaya, kebudayaan, cagar budaya, situs, rumah adat, kesenian, sanggar' },
  { units: 'disdukcapil/dafduk|disdukcapil', categories: 'ktp,kk',
    words: 'ktp, e ktp, ektp, kartu keluarga, kependudukan, dukcapil, blangko, perekaman, rekam ktp, pindah domisili, surat pindah, kia, adminduk, data kependudukan' },
  { units: 'disdukcapil/capil|disdukcapil', categories: 'akta', words: 'akta, akta kelahiran, akta kematian, akta perkawinan, catatan sipil' },
  { units: 'dinsos/linjamsos|dinsos', categories: 'bansos',
    words: 'bansos, bantuan sosial, pkh, bpnt, blt, sembako, dtks, keluarga miskin, kks, rastra, bantuan beras, penerima bantuan, tidak tepat sasaran' },
  { units: 'dinsos/rehsos|dinsos/pppa|dinsos', categories: 'disabilitas',
    words: 'disabilitas, difabel, lansia, terlantar, odgj, gangguan jiwa, gelandangan, pengemis, anak jalanan, panti, kursi roda' },
  { units: 'dinsos/pppa|dinsos|dppkb', words: 'kekerasan anak, kdrt, kekerasan perempuan, pelecehan, perlindungan anak' },
  { units: 'dlh/persampahan|dlh', categories: 'sampah',
    words: 'sampah, tps, tpa, truk sampah, pengangkutan sampah, tumpukan sampah, bak sampah, tong sampah, pembakaran sampah' },
  { units: 'dlh/pencemaran|dlh', categories: 'pencemaran',
    words: 'limbah, pencemaran, tercemar, polusi, asap, debu, bau busuk, amdal, ikan mati, stockpile, batubara, limbah pabrik' },
  { units: 'dlh/rth|dlh', words: 'taman kota, pohon, penebangan pohon, penghijauan, ruang terbuka hijau, rth' },
  { units: 'dpmptsp', categories: 'izin-usaha',
    words: 'izin, perizinan, imb, pbg, nib, oss, izin usaha, investasi, penanaman modal, izin bangunan, tanpa izin' },
  { units: 'dpmd/keuangan-desa|dpmd', categories: 'dana-desa',
    words: 'dana desa, apbdes, add, bumdes, kepala desa, perangkat desa, pilkades, pemilihan kepala desa, musyawarah desa, blt dana desa' },
  { units: 'dpmd/pemdes|dpmd', words: 'pemerintahan desa, bpd, badan permusyawaratan desa' },
  { units: '@desa', categories: 'layanan-desa',
    words: 'kantor desa, surat keterangan, sktm, surat pengantar, pelayanan desa, sekretaris desa, aparat desa, balai desa' },
  { units: '@kec', words: 'kantor camat, camat, kantor kecamatan, pelayanan kecamatan' },
  { units: 'satpolpp/trantib|satpolpp', categories: 'trantib',
    words: 'pkl, pedagang kaki lima, trotoar, miras, minuman keras, tempat hiburan, warung remang remang, remang remang, karaoke, judi, bangunan liar, reklame, spanduk liar, ketertiban, penertiban, perda, mabuk, balap liar, berisik' },
  { units: 'satpolpp/damkar|bpbd', categories: 'kebakaran', words: 'kebakaran, damkar, pemadam, terbakar, hidran' },
  { units: 'dishub/darat|dishub', categories: 'transportasi-darat',
    words: 'angkot, angkutan umum, terminal, lalu lintas, lampu merah, lampu lalu lintas, parkir, parkir liar, juru parkir, rambu, marka, uji kir, ojek, bus, macet, kemacetan, angkutan barang' },
  { units: 'dishub/laut|dishub', categories: 'transportasi-laut-udara',
    words: 'kapal, pelabuhan, dermaga, speedboat, pompong, penyeberangan, tiket kapal, feri, kapal penumpang, jadwal kapal' },
  { units: 'dishub/udara|dishub', words: 'bandara, pesawat, penerbangan, maskapai, tiket pesawat, landasan pacu' },
  { units: 'bpbd', categories: 'bencana-alam',
    words: 'bencana, banjir bandang, longsor, tanah longsor, puting beliung, angin kencang, gempa, abrasi, banjir, kebanjiran, pengungsi, mengungsi, evakuasi, karhutla, kebakaran hutan, tanggap darurat' },
  { units: 'inspektorat', categories: 'pungli',
    words: 'pungli, pungutan liar, korupsi, suap, gratifikasi, pemerasan, uang pelicin, minta uang, oknum, mark up, fiktif, penyelewengan, penyalahgunaan anggaran, dugaan korupsi' },
  { units: 'bkpsdm', categories: 'asn',
    words: 'asn, pns, pegawai negeri, cpns, pppk, disiplin pegawai, bolos, kenaikan pangkat, mutasi pegawai, netralitas asn, seleksi pegawai' },
  { units: 'dtphp/tanaman-pangan|pertanian', categories: 'pertanian',
    words: 'pupuk, petani, sawah, padi, bibit, benih, hama, poktan, kelompok tani, penyuluh pertanian, alsintan, traktor, panen, gapoktan, kebun' },
  { units: 'dtphp/peternakan|pertanian', words: 'ternak, sapi, kambing, ayam, unggas, dokter hewan, rabies, anjing, flu burung, penyakit mulut, pmk, peternak' },
  { units: 'dkp', words: 'nelayan, perikanan, tambak, rumpon, solar nelayan, budidaya ikan, hasil tangkapan' },
  { units: 'disperindag|setda/ekonomi|setda', categories: 'harga',
    words: 'harga, pasar, minyak goreng, gas elpiji, gas melon, gas, elpiji, lpg, timbangan, tera, pedagang, operasi pasar, kelangkaan, penimbunan, los pasar' },
  { units: 'diskominfo/aptika|diskominfo', words: 'sinyal, internet, jaringan internet, wifi, website, situs resmi, aplikasi, bts, telekomunikasi, provider' },
  { units: 'diskominfo/ikp|diskominfo', words: 'informasi publik, media sosial, hoaks, ppid, pengumuman resmi' },
  { units: 'disnaker', words: 'upah, gaji karyawan, phk, pesangon, tenaga kerja, buruh, karyawan, lowongan kerja, ump, umk, bpjs ketenagakerjaan, pekerja, pelatihan kerja, blk, transmigrasi' },
  { units: 'dppkb', words: 'kb, keluarga berencana, kontrasepsi, implan, spiral, plkb, penyuluh kb' },
  { units: 'dispar', words: 'wisata, pariwisata, objek wisata, wisatawan, festival, destinasi, homestay' },
  { units: 'bpp', words: 'perbatasan, pulau terluar, lintas batas, kawasan perbatasan' },
  { units: 'setda/pemerintahan|setda', categories: 'lainnya', words: 'batas wilayah, sengketa batas, pemekaran, tapal batas' },
  { units: 'setda/kesra|setda', words: 'rumah ibadah, masjid, musholla, gereja, hibah, keagamaan, marbot, imam, guru ngaji' },
  { units: 'bpkad', words: 'aset pemkab, pbb, pajak bumi bangunan' },
  { units: 'bappeda', words: 'musrenbang, perencanaan pembangunan, rencana pembangunan' },
]

export type Rule = { label: string; words: string[][]; categories: ReadonlySet<string> }

/** The rules of a kabupaten with an index from each word to the phrases it starts. */
export type RuleSet = { rules: Rule[]; byFirst: Map<string, { rule: number; phrase: number }[]>; labels: string[] }

/** The rules that apply in a kabupaten: each function resolved to the first of its units the Pemkab has. */
export function resolveRules(hasUnit: (path: string) => boolean): RuleSet {
  const rules: Rule[] = []
  for (const spec of RULES) {
    const label = spec.units.split('|').find((p) => p.startsWith('@') || hasUnit(p))
    if (!label) continue
    const words = spec.words
      .split(',')
      .map((w) => normalizeTokens(w))
      .filter((w) => w.length > 0)
    rules.push({ label, words, categories: new Set((spec.categories ?? '').split(',').filter(Boolean)) })
  }
  const byFirst = new Map<string, { rule: number; phrase: number }[]>()
  rules.forEach((r, rule) => r.words.forEach((w, phrase) => byFirst.set(w[0], [...(byFirst.get(w[0]) ?? []), { rule, phrase }])))
  return { rules, byFirst, labels: [...new Set(rules.map((r) => r.label))] }
}

export type RuleHit = { label: string; score: number; words: string[] }

const PHRASE = 1.5
const CATEGORY = 2
/** Words of this length or more also match inside an affixed form ("lubang" in "berlubang"). */
const INSIDE = 5

/** Rule words a complaint's word matches: itself, or a rule word of 5+ letters found inside it. */
function matchingWords(token: string, set: RuleSet, out: Set<string>): void {
  out.clear()
  if (set.byFirst.has(token)) out.add(token)
  for (let len = INSIDE; len < token.length; len++) {
    for (let at = 0; at + len <= token.length; at++) {
      const piece = token.slice(at, at + len)
      if (set.byFirst.has(piece)) out.add(piece)
    }
  }
}

function matches(token: string, word: string): boolean {
  return token === word || (word.length >= INSIDE && token.includes(word))
}

/** Score of each rule label for a complaint's words (see normalize.ts) and its LAPOR! category, best first. */
export function ruleHits(set: RuleSet, tokens: readonly string[], category?: string | null): RuleHit[] {
  const found = new Map<number, Set<number>>() // rule -> phrases found
  const words = new Set<string>()
  for (let i = 0; i < tokens.length; i++) {
    matchingWords(tokens[i], set, words)
    for (const w of words) {
      for (const { rule, phrase } of set.byFirst.get(w)!) {
        const p = set.rules[rule].words[phrase]
        if (p.every((pw, k) => k === 0 || (i + k < tokens.length && matches(tokens[i + k], pw)))) {
          found.set(rule, (found.get(rule) ?? new Set()).add(phrase))
        }
      }
    }
  }
  const byLabel = new Map<string, RuleHit>()
  set.rules.forEach((rule, r) => {
    const phrases = found.get(r)
    let score = category && rule.categories.has(category) ? CATEGORY : 0
    const hitWords: string[] = []
    for (const ph of phrases ?? []) {
      const p = rule.words[ph]
      score += p.length > 1 ? PHRASE : 1
      for (const w of p) if (!hitWords.includes(w)) hitWords.push(w)
    }
    if (score === 0) return
    // Several functions of one unit (an OPD without bidang) add up.
    const had = byLabel.get(rule.label)
    if (!had) byLabel.set(rule.label, { label: rule.label, score, words: hitWords })
    else {
      had.score += score
      for (const w of hitWords) if (!had.words.includes(w)) had.words.push(w)
    }
  })
  return [...byLabel.values()].sort((a, b) => b.score - a.score)
}

/** Sharpness of the rule scores: one matching word alone is about an even chance, two about four in five. */
const BETA = 1.1
/** The weight of "none of these": what a single matching word is up against. */
const NONE = Math.expm1(BETA)

/**
 * Rule scores as probabilities of the matched labels. The rest of the mass is "none of the rules", so one weak
 * word is a weak suggestion and nothing matched is no suggestion at all (an empty map).
 */
export function ruleProbabilities(hits: readonly RuleHit[]): Map<string, number> {
  const weights = hits.map((h) => Math.expm1(BETA * h.score))
  const sum = weights.reduce((a, b) => a + b, NONE)
  return new Map(hits.map((h, i) => [h.label, weights[i] / sum]))
}
