// Names of people are personal data: they must never become something a model learns or shows as "the words that
// decided" (routing), whoever reads it. Two layers, applied to a complaint's text before anything else reads it:
// - the reporter's own name (as stored in the reporter table) and names the text introduces ("nama saya …",
//   "saya Budi Santoso, …", "atas nama …", "pelapor: …") are cut out of the text;
// - words that are common Indonesian given names and family names are dropped as words (a name written in lower
//   case, a neighbour's name, an official named in a complaint). Names that are also ordinary words ("indah",
//   "ayu", "putri", "sari", "lestari", "pratama", "raja") are not in the list: they carry meaning in complaints.

/** Lower-case, ASCII. Given names and family names found across Kalimantan, Kepulauan Riau, Jawa, Sulawesi and
 *  Sumatra, Christian and Muslim, without the ones that are also ordinary words. */
const NAMES = `
abdul abdullah achmad adi aditya agus agustina ahmad aisyah amiruddin andi anisa anwar ardiansyah arif asmah aziz
bagus baharuddin bambang bayu budi budiman chandra daud darmawan dedi dedy dewi dimas doni edi eko endang erna ernawati
evi fadli fahmi fajar fatimah fikri firman firmansyah fitri fitriani gilang ginting gunawan hajrah halimah hamid hamzah
handayani harahap hartini hartono hasan hasanuddin hasibuan hasnah hendra hendrik herman heru hidayat ignatius ilham imam
imran indra irwan ismail iwan jafar joko jumadi jumiati junaidi juwita kadir kamaruddin kartini kasmawati kurniawan
lahmuddin lukas magdalena mahmud mansyur maria mariani marlina markus masitah maulida muhammad muhamad mohammad nabila
nasrullah nasution nining novi nugroho nurhayati nurjannah paulus permatasari petrus purnomo rahmat rahmawati ramadhan
ratna reza ridwan rina riyan rizky rosmini rosnah rudi rusdi rusmini safitri saiful salmah samsudin santoso saputra
sembiring setiawan siregar siti slamet stefanus sugianto sukardi sumiati suparman supriadi supriyadi suriani suryani
susanti susilo sutrisno syahputra syahrir syamsul syarifah tampubolon taufik theresia wahyudi wahyuni wati wibowo
wijaya wulandari yakobus yanti yohana yohanes yuli yunus yusran yusuf zainal zulkifli zuraidah
`
export const PERSON_NAME_WORDS: ReadonlySet<string> = new Set(NAMES.trim().split(/\s+/))

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{N}])'
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{N}])'

/** A capitalised word of a name: "Budi", "O'neil", "Abd." */
const NAME_WORD = "\\p{Lu}[\\p{L}'.-]*"
/** Words that introduce the writer's or someone's name; case-insensitive, the name after them must be capitalised. */
const INTRODUCERS = ['nama saya', 'saya bernama', 'saya', 'atas nama', 'pelapor', 'nama pelapor']
const ci = (s: string) => s.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`).replace(/ /g, '\\s+')
const INTRODUCED = new RegExp(
  `${NOT_LETTER_BEFORE}(?:${[...INTRODUCERS.map(ci), '[aA]\\.\\s?[nN]\\.?'].join('|')})\\s*[:,]?\\s+(${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,3})`,
  'gu',
)

/**
 * The text with names of people cut out: the reporter's own name (whole, and each of its words of three letters
 * or more, in any case) and names the text introduces. What remains keeps its words apart (a space where a name was).
 */
export function withoutPersonNames(text: string, reporterNama?: string | null): string {
  let out = text.replace(INTRODUCED, (m, name: string) => m.slice(0, m.length - name.length) + ' ')
  const nama = reporterNama?.trim()
  // An absurdly long "name" (a data error) is left out: the pattern built from it would be unreasonable.
  if (nama && nama.length <= 120) {
    const pattern = namePattern(nama)
    if (pattern) out = cutWhole(out, pattern)
  }
  return out
}

/** A letter or digit just before a position (the last code point of the two code units before it). */
const LETTER_BEFORE = /[\p{L}\p{N}]$/u

/**
 * Replaces with a space each match of `pattern` (global, its own "no letter after" check) that has no letter or
 * digit just before it. The same as a pattern opening with NOT_LETTER_BEFORE, found the same leftmost way (a match
 * refused for the letter before it resumes one position later, where that pattern would have gone on looking), but
 * the lookbehind on every position made each name's pattern twice as slow to build and to run (24,000 demo
 * complaints: 10.5 -> 5.2 s CPU building, 1.2 -> 0.65 s running; the same texts out).
 */
function cutWhole(text: string, pattern: RegExp): string {
  let out = ''
  let last = 0
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const at = m.index
    if (at > 0 && LETTER_BEFORE.test(text.slice(Math.max(0, at - 2), at))) {
      pattern.lastIndex = at + 1
      continue
    }
    out += text.slice(last, at) + ' '
    last = at + m[0].length
  }
  return last === 0 ? text : out + text.slice(last)
}

/** The pattern of a reporter's name (without the letter-before check: cutWhole does it), kept: building one
 *  (case-insensitive Unicode) was most of the name cutting, 3.6 s of a 100,000-complaint retraining, and names repeat
 *  (24,000 demo reporters have 6,544 names). Cleared when full, so memory stays bounded whatever the store holds. */
function namePattern(nama: string): RegExp | null {
  let pattern = patterns.get(nama)
  if (pattern === undefined) {
    const words = nama.split(/\s+/).filter((w) => w.length >= 3)
    const alternatives = [words.map(escapeRegExp).join('\\s+'), ...words.map(escapeRegExp)]
    pattern = words.length > 0 ? new RegExp(`(?:${alternatives.join('|')})${NOT_LETTER_AFTER}`, 'giu') : null
    if (patterns.size >= PATTERNS_KEPT) patterns.clear()
    patterns.set(nama, pattern)
  }
  return pattern
}
const PATTERNS_KEPT = 20_000
const patterns = new Map<string, RegExp | null>()
