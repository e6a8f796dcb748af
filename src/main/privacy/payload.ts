// A payload as some upstream or file sent it (a quarantined LAPOR! record, an Open311 request, a spreadsheet row)
// holds identity wherever that sender put it: at any depth, under any spelling of the key, with the anonim flag
// written however the sender writes booleans. Redaction therefore goes by structure, not by the one format we
// expect: every key that names or reaches a person is hidden, at any depth, for a reader who may not see identity,
// and for every reader as soon as any anonim-like flag anywhere in the payload is not clearly false.
import { maskText } from './policy.ts'

/** A key split into lower-case words: "reporterName", "Nama Pelapor", "no.HP" → reporter name, nama pelapor, no hp. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** Words of a key that make its value personal: names, NIK, phone numbers, e-mail, address. */
const IDENTITY_WORDS = new Set([
  'nama', 'name', 'fullname', 'reporter', 'pelapor', 'pengadu', 'nik', 'ktp', 'phone', 'telepon', 'telpon', 'telp', 'tlp',
  'hp', 'handphone', 'ponsel', 'mobile', 'wa', 'whatsapp', 'email', 'surel', 'mail', 'alamat', 'address',
])
/** Whole keys that are personal although none of their words is in the list. */
const IDENTITY_KEYS = new Set(['e_mail', 'no_wa', 'nomor_wa'])

export function isIdentityKey(key: string): boolean {
  const words = keyWords(key)
  return words.some((w) => IDENTITY_WORDS.has(w)) || IDENTITY_KEYS.has(words.join('_'))
}

/** "anonim", "isAnonymous", "anonymous_report", "Anonim?": any key that speaks of anonymity. */
export function isAnonimKey(key: string): boolean {
  return /anon/i.test(key)
}

const FALSE_WORDS = /^(0|false|no|n|tidak|tdk|bukan|off|none|null|nil|-)?$/i

/** An anonim flag counts unless it is clearly "no": a sender's "yes", "Ya", "Y", "1", "true", "anonim" all count,
 *  and so does anything unexpected (an object, a list): a promise of anonymity is not lost to a spelling. */
export function isTruthyFlag(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0) return false
  if (typeof v === 'string') return !FALSE_WORDS.test(v.trim())
  return true
}

/** Whether any anonim-like flag anywhere in the value is set. */
export function hasAnonimFlag(value: unknown, depth = 0): boolean {
  if (depth > 64 || !value || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some((v) => hasAnonimFlag(v, depth + 1))
  return Object.entries(value).some(([k, v]) => (isAnonimKey(k) && isTruthyFlag(v)) || hasAnonimFlag(v, depth + 1))
}

/**
 * The payload with identity hidden: when `identity` is false or the payload carries an anonim flag, every personal
 * field at any depth becomes "[disembunyikan]" and every text is masked (NIK, phone numbers, e-mail addresses).
 */
export function redactPayload(value: unknown, opts: { identity: boolean }): { value: unknown; redacted: boolean } {
  const hide = !opts.identity || hasAnonimFlag(value)
  let redacted = false
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') {
      const m = hide ? maskText(v) : v
      if (m !== v) redacted = true
      return m
    }
    if (depth > 64) return hide ? '[disembunyikan]' : v
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1))
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => {
          if (hide && isIdentityKey(k) && x !== null && x !== undefined && x !== '') {
            redacted = true
            return [k, '[disembunyikan]']
          }
          return [k, walk(x, depth + 1)]
        }),
      )
    }
    return v
  }
  return { value: walk(value, 0), redacted }
}
