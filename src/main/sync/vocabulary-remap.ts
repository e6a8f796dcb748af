// A vocabulary change (Pengaturan, Kosakata) applied to the complaints already stored. Each complaint keeps the
// word its source used (status_raw always; channel_raw and klasifikasi_raw since migration 0019, NULL before):
// a complaint whose stored value is what the old table gave for its word follows the new table. One whose value
// came from elsewhere (the record's context, such as "dikembalikan ke pelapor" in a history note, or a hand
// correction) keeps it. The preview counts first ("N laporan akan diubah"); the change, the remap and the
// refreshed KPI aggregates are one transaction, audited.
import type { Db } from '../store/open.ts'
import type { SessionUser } from '../users/session.ts'
import { fold } from '#main/reference/names/fold.ts'
import { listVocabulary, seedEntries, setVocabularyWord, Vocabulary, VOCAB_KINDS, VOCAB_VALUES, type VocabChange, type VocabEntry, type VocabKind } from './vocabulary.ts'
import { appendAudit } from '../audit/log.ts'
import { refreshComplaints } from '../kpi/refresh.ts'
import { DomainError } from '../errors.ts'

/** The complaint columns each kind maps: the raw word and the stored value. */
const COLUMN: Record<VocabKind, { raw: string; value: string }> = {
  status: { raw: 'status_raw', value: 'status' },
  channel: { raw: 'channel_raw', value: 'channel' },
  klasifikasi: { raw: 'klasifikasi_raw', value: 'klasifikasi' },
}

/** What a table gives for a raw word (a status nobody maps falls back as Open311's would: open or closed). */
function valueOf(v: Vocabulary, kind: VocabKind, raw: string): string | null {
  if (kind === 'status') return v.status(raw)?.value ?? v.open311Status(raw).value
  return kind === 'channel' ? v.channel(raw) : v.klasifikasi(raw)
}

export type RemapGroup = { raw: string; from: string; to: string; complaints: number }
export type RemapPreview = {
  kind: VocabKind
  word: string
  value: string
  /** Stored complaints that would change value. */
  complaints: number
  groups: RemapGroup[]
  /** Complaints with no raw word kept (stored before migration 0019; channel and klasifikasi only). */
  withoutRaw: number
  message: string
}

function check(change: VocabChange): void {
  if (!(VOCAB_KINDS as readonly string[]).includes(change.kind)) throw new DomainError('INVALID', `jenis kosakata "${change.kind}" tidak dikenal (status, channel, klasifikasi)`)
  if (!(VOCAB_VALUES[change.kind] as readonly string[]).includes(change.value)) {
    throw new DomainError('INVALID', `nilai "${change.value}" tidak sah untuk ${change.kind}; pilih salah satu: ${(VOCAB_VALUES[change.kind] as readonly string[]).join(', ')}`)
  }
}

const isWord = (raw: string, word: string) => fold(raw) === word || fold(raw).replace(/ /g, '') === word

function formerValues(db: Db, kind: VocabKind, word: string): Set<string> {
  const out = new Set<string>()
  const seed = seedEntries().find((e) => e.kind === kind && e.word === word)
  if (seed) out.add(seed.value)
  const rows = db.prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'vocabulary.set' AND entity_id = ?").all(`${kind}:${word}`) as { before_json: string | null; after_json: string | null }[]
  for (const r of rows) {
    for (const j of [r.before_json, r.after_json]) {
      const v = j ? (JSON.parse(j) as { value?: unknown } | null)?.value : undefined
      if (typeof v === 'string') out.add(v)
    }
  }
  return out
}

/** The stored complaints a change would move, grouped by raw word and present value. */
export function previewRemap(db: Db, change: VocabChange): RemapPreview {
  check(change)
  const word = fold(change.word)
  const entries = listVocabulary(db)
  const before = new Vocabulary(entries)
  const old = entries.find((e) => e.kind === change.kind && e.word === word)
  const changed: VocabEntry[] = [
    ...entries.filter((e) => e !== old),
    { ...(old ?? { note: null, origin: 'admin', updated_at: null, updated_by: null }), kind: change.kind, word, value: change.value, ambiguous: change.ambiguous ?? old?.ambiguous ?? false },
  ]
  const after = new Vocabulary(changed)
  const col = COLUMN[change.kind]
  // sql-vetted: column names from the COLUMN constant
  const rows = db.prepare(`SELECT ${col.raw} AS raw, ${col.value} AS value, count(*) AS n FROM complaint WHERE ${col.raw} IS NOT NULL GROUP BY 1, 2`).all() as { raw: string; value: string; n: number }[]
  // Values this word had before (the seed's and every audited change): a complaint left out of an earlier change
  // ("simpan untuk laporan baru saja") still holds one of them and follows this one.
  const former = formerValues(db, change.kind, word)
  const groups: RemapGroup[] = []
  for (const r of rows) {
    const was = valueOf(before, change.kind, r.raw)
    const will = valueOf(after, change.kind, r.raw)
    if (will === null || will === r.value) continue
    if (r.value === was || (isWord(r.raw, word) && former.has(r.value))) groups.push({ raw: r.raw, from: r.value, to: will, complaints: r.n })
  }
  // sql-vetted: column name from the COLUMN constant
  const withoutRaw = change.kind === 'status' ? 0 : (db.prepare(`SELECT count(*) FROM complaint WHERE ${col.raw} IS NULL`).pluck().get() as number)
  const complaints = groups.reduce((s, g) => s + g.complaints, 0)
  const message =
    `${complaints.toLocaleString('id-ID')} laporan akan diubah` +
    (withoutRaw > 0 ? `; ${withoutRaw.toLocaleString('id-ID')} laporan lama tanpa kata asli tidak ikut diubah` : '')
  return { kind: change.kind, word, value: change.value, complaints, groups, withoutRaw, message }
}

export type RemapResult = { entry: VocabEntry; changed: number; kabupaten: string[] }

/**
 * Saves the change and, when `remap`, moves the stored complaints the preview counted (value and updated_at;
 * no history entry: the complaint did not change upstream, our reading of its word did). The KPI aggregates of
 * the moved complaints are refreshed in the same transaction.
 */
export function setVocabularyWithRemap(db: Db, user: SessionUser, change: VocabChange & { remap: boolean }, now = Date.now()): RemapResult {
  check(change)
  return db.transaction(() => {
    const plan = change.remap ? previewRemap(db, change) : null
    const entry = setVocabularyWord(db, user, change, now)
    if (!plan || plan.complaints === 0) return { entry, changed: 0, kabupaten: [] }
    const col = COLUMN[change.kind]
    // sql-vetted: column names from the COLUMN constant; values are ? parameters
    const move = db.prepare(`UPDATE complaint SET ${col.value} = ?, updated_at = ? WHERE ${col.raw} = ? AND ${col.value} = ? RETURNING id, kabupaten_kode`)
    const byKab = new Map<string, number[]>()
    for (const g of plan.groups) {
      for (const r of move.all(g.to, now, g.raw, g.from) as { id: number; kabupaten_kode: string }[]) {
        const list = byKab.get(r.kabupaten_kode) ?? byKab.set(r.kabupaten_kode, []).get(r.kabupaten_kode)!
        list.push(r.id)
      }
    }
    for (const [kab, ids] of byKab) refreshComplaints(db, kab, ids)
    const changed = [...byKab.values()].reduce((s, ids) => s + ids.length, 0)
    appendAudit(
      db,
      user,
      {
        action: 'vocabulary.remap',
        entity: 'vocabulary',
        entityId: `${change.kind}:${plan.word}`,
        before: plan.groups.map((g) => ({ raw: g.raw, value: g.from, complaints: g.complaints })),
        after: { value: change.value, complaints: changed, kabupaten: [...byKab.keys()] },
      },
      now,
    )
    return { entry, changed, kabupaten: [...byKab.keys()] }
  }).immediate()
}
