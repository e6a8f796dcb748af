// The words admins' exports use for status, klasifikasi, channel and yes/no flags, mapped onto our stored
// values. Status, klasifikasi and channel words are the one vocabulary every connector reads (sync/vocabulary.ts,
// editable in Pengaturan); a mapping can still add or override status words of its own (ImportMapping.statuses),
// and the raw status string is always kept beside the normalised one.
import type { Channel, Klasifikasi, Status } from '#shared/domain.ts'
import { fold } from '#main/reference/names/fold.ts'
import type { Parsed } from './dates.ts'
import { Vocabulary } from '#main/sync/vocabulary.ts'

const BUILTIN = Vocabulary.builtin()

/** A status word to our status; `extra` is the mapping's own table, checked first, then the store's vocabulary.
 * `ambiguous`: the word alone does not say what it means ("Dikembalikan": to whom?), so the value is the
 * vocabulary's default for it and the row gets a warning. */
export function parseStatus(raw: string, extra?: Record<string, Status>, vocab: Vocabulary = BUILTIN): Parsed<Status> & { ambiguous?: boolean } {
  const key = fold(raw)
  const own = extra && Object.entries(extra).find(([k]) => fold(k) === key)?.[1]
  if (own) return { ok: true, value: own }
  const hit = vocab.status(raw)
  if (!hit) return { ok: false, reason: `status "${raw}" tidak dikenal` }
  return hit.flag === 'ambigu' ? { ok: true, value: hit.value, ambiguous: true } : { ok: true, value: hit.value }
}

export function parseKlasifikasi(raw: string, vocab: Vocabulary = BUILTIN): Parsed<Klasifikasi> {
  const v = vocab.klasifikasi(raw)
  return v ? { ok: true, value: v } : { ok: false, reason: `klasifikasi "${raw}" tidak dikenal` }
}

export function parseChannel(raw: string, vocab: Vocabulary = BUILTIN): Parsed<Channel> {
  const v = vocab.channel(raw)
  return v ? { ok: true, value: v } : { ok: false, reason: `saluran "${raw}" tidak dikenal` }
}

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'iya', 'anonim', 'rahasia', 'v', 'x'])
const NO = new Set(['tidak', 't', 'no', 'n', 'false', '0', 'bukan', 'tdk', 'publik', 'umum'])

/** A yes/no flag ("Ya", "Tidak", "1", TRUE, "✓"); empty is no. */
export function parseFlag(value: unknown): Parsed<0 | 1> {
  if (value === null || value === undefined || value === '') return { ok: true, value: 0 }
  if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 }
  const raw = String(value).trim()
  if (raw === '✓' || raw === '✔') return { ok: true, value: 1 }
  const key = fold(raw)
  if (key === '') return { ok: true, value: 0 }
  if (YES.has(key)) return { ok: true, value: 1 }
  if (NO.has(key)) return { ok: true, value: 0 }
  return { ok: false, reason: `"${raw}" bukan ya/tidak` }
}
