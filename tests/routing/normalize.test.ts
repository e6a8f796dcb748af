// How the classifier reads citizens' Indonesian: abbreviations, regional words, typos, emphasis, numbers and
// place names, checked on the words it ends up with.
import { describe, expect, it } from 'vitest'
import { normalizeTokens, placeMatcher, standardWords } from '#main/routing/normalize.ts'
import { nameMayOccur } from '#main/routing/examples.ts'
import { withoutPersonNames } from '#main/privacy/person-names.ts'

describe('routing text normalisation', () => {
  it('expands the abbreviations of everyday writing and drops the function words they stand for', () => {
    expect(standardWords('yg tdk sdh gk blm bgt dr utk krn jln')).toEqual([
      'yang', 'tidak', 'sudah', 'tidak', 'belum', 'sangat', 'dari', 'untuk', 'karena', 'jalan',
    ])
    // Only the topic words survive: "jln rsk prh dkt sklh" is a damaged road near a school.
    expect(normalizeTokens('jln rsk prh dkt sklh, yg blm diperbaiki krn gk ada dana')).toEqual(['jalan', 'rusak', 'dekat', 'sekolah', 'diperbaiki', 'dana'])
    expect(normalizeTokens('PKM ga ada dokter, RS jauh')).toEqual(['puskesmas', 'dokter', 'rumah', 'sakit', 'jauh'])
  })

  it('maps regional words of the seed kabupaten to standard Indonesian', () => {
    expect(normalizeTokens('banyu ledeng kada mengalir')).toEqual(['air', 'ledeng', 'mengalir']) // Banjar
    expect(normalizeTokens('dalan neng ngarep omahku bolong')).toEqual(['jalan', 'depan', 'omahku', 'berlubang']) // Javanese
    expect(normalizeTokens('budak sekolah tak ade meja')).toEqual(['anak', 'sekolah', 'meja']) // Riau Malay (Natuna)
  })

  it('undoes reduplication with 2, emphasis by repeated letters, and the -nya clitic', () => {
    expect(normalizeTokens('anak2 sakiiit, jalannya parahhh rusakkk')).toEqual(['anak', 'sakit', 'jalan', 'rusak'])
    expect(normalizeTokens('tiap2 hari')).toEqual([])
  })

  it('never keeps a number: NIK, phone, RT, dates and amounts vanish, the letters around them stay', () => {
    const words = normalizeTokens('NIK 6408012345678901, hp 0812-3456-7890, +62 812 345 678, rt05/rw02, tgl 12/03/2024, biaya 50rb, km 12')
    expect(words.join(' ')).not.toMatch(/\d/)
    expect(words).toEqual(['tgl', 'biaya', 'rb'])
    expect(normalizeTokens('Sudah 3x banjir, NIK saya 6408045509880002')).toEqual(['banjir'])
  })

  it('removes links, e-mail addresses and mentions', () => {
    expect(normalizeTokens('lihat https://contoh.id/foto?id=5 atau tulis ke warga@contoh.id @LAPOR1708 #banjir')).toEqual(['lihat', 'tulis', 'banjir'])
  })

  it('drops the kabupaten, kecamatan and desa names, whole, and keeps everyday words that are also place names', () => {
    const places = placeMatcher(['Kutai Timur', 'Sangatta', 'Sangatta Utara', 'Muara Wahau', 'Telaga', 'Cemaga Selatan (Setengar)', 'Mata Air'])
    expect(normalizeTokens('Jalan di Sangatta Utara dan Muara Wahau rusak, Kutai Timur', places)).toEqual(['jalan', 'rusak'])
    // "utara" alone is not a place; "telaga" and "mata air" are everyday words before they are desa names.
    expect(normalizeTokens('arah utara telaga, mata air kering', places)).toEqual(['arah', 'utara', 'telaga', 'mata', 'air', 'kering'])
    expect(normalizeTokens('warga Setengar dan Cemaga Selatan', places)).toEqual([])
  })

  it('skips cutting the reporter\'s name only where it cannot occur, with the same text as cutting it', () => {
    const cases: [string, string | null][] = [
      ['Jalan rusak di depan rumah Budi Santoso', 'Budi Santoso'],
      ['Jalan rusak, lapor BUDI', 'budi santoso'],
      ['Jalan rusak dekat sekolah', 'Budi Santoso'],
      ['Kata ſantoso ditulis dengan s panjang', 'Budi Santoso'], // long s folds to s under /iu
      ['\u212Aurniawan menutup jalan', 'Eko Kurniawan'], // the Kelvin sign folds to k
      ['Sampah di Jl. Ab', 'Ab'], // words under three letters are never cut
      ['Air mati di rumah Şahin', 'Şahin Yılmaz'], // not ASCII: always cut by the pattern
      ['Air mati', null],
    ]
    for (const [text, nama] of cases) expect(withoutPersonNames(text, nameMayOccur(text, nama) ? nama : null)).toBe(withoutPersonNames(text, nama))
    expect(nameMayOccur('Jalan rusak dekat sekolah', 'Budi Santoso')).toBe(false)
  })

  it("cuts a reporter's name where a pattern with a no-letter-before lookbehind would, and only there", () => {
    // The plain form of the rule (privacy/person-names.ts checks the letter before by hand, which is faster).
    const plain = (text: string, nama: string) => {
      const words = nama.split(/\s+/).filter((w) => w.length >= 3).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${[words.join('\\s+'), ...words].join('|')})(?![\\p{L}\\p{N}])`, 'giu'), ' ')
    }
    const cases: [string, string][] = [
      ['Xana Nasution melapor, Ana Nasution lagi', 'Ana Nasution'], // refused at "Xana": "Nasution" right after is still cut
      ['budibudi Budi, 7budi _budi 𝐀budi (budi)', 'Budi'], // letters, digits and a letter outside the BMP before
      ['Saya Siti\nNurhaliza, SITI nurhaliza, sitinurhaliza', 'Siti Nurhaliza'],
      ["O'Neil dan o'neil dan O'Neilku", "O'Neil"],
      ['ŞAHIN dan şahin di Şahinbey', 'Şahin Yılmaz'],
      ['tanpa nama di sini', 'Budi Santoso'],
    ]
    for (const [text, nama] of cases) expect(withoutPersonNames(text, nama)).toBe(plain(withoutPersonNames(text), nama))
    expect(withoutPersonNames('Xana Nasution melapor', 'Ana Nasution')).toBe('Xana   melapor')
    expect(nameMayOccur('Kata ſantoso', 'Budi Santoso')).toBe(true)
  })
})
