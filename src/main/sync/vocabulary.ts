// One vocabulary for every way complaints come in: the status, channel and klasifikasi words of LAPOR!, of Pemda
// exports and of Open311 servers, each mapped onto our stored value. The table (vocabulary, migration 0018) is
// seeded with vocabulary-seed.ts; an admin changes a word's value in Pengaturan ("Kosakata status & kanal"), and
// every change is audited. The lapor-json and Open311 connectors and the file import all read it through
// `Vocabulary`; the raw word is always stored beside the normalised value (complaint.status_raw), so a word
// mapped later is still known by what the source said.
//
// Words are matched folded (fold(): case, accents and punctuation do not matter). Two rules stand beside the table:
// - "Dikembalikan …": to the reporter it is a tunda, up to the admin/national level a bukan wewenang. Said in the
//   word or in the context given (a history reason), it is mapped by that; alone it takes the table's value for
//   "dikembalikan" (which the admin sets) and is flagged ambiguous.
// - A kabupaten's own LAPOR! subdomain (natuna.lapor.go.id, kutaitimurkab.lapor.go.id) is the integrated regional
//   channel (domain.md: integrasi_daerah).
// Open311 servers add statuses of their own; a word not in the table is still stored, mapped by open/closed
// semantics (a word that sounds closed → the closed value), and flagged "status belum dipetakan".
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { appendAudit } from '#main/audit/log.ts'
import { DomainError } from '#main/errors.ts'
import { fold } from '#main/reference/names/fold.ts'
import { CHANNELS, KLASIFIKASI, STATUSES, type Channel, type Klasifikasi, type Status } from '#shared/domain.ts'
import { CHANNEL_SEED, KLASIFIKASI_SEED, STATUS_SEED } from './vocabulary-seed.ts'

export const VOCAB_KINDS = ['status', 'channel', 'klasifikasi'] as const
export type VocabKind = (typeof VOCAB_KINDS)[number]
type ValueOf<K extends VocabKind> = K extends 'status' ? Status : K extends 'channel' ? Channel : Klasifikasi

export const VOCAB_VALUES: { [K in VocabKind]: readonly ValueOf<K>[] } = { status: STATUSES, channel: CHANNELS, klasifikasi: KLASIFIKASI }

export type VocabEntry = {
  kind: VocabKind
  /** Folded. */
  word: string
  value: string
  ambiguous: boolean
  origin: 'bawaan' | 'admin'
  note: string | null
  updated_at: number | null
  updated_by: string | null
}

/** How a status word was mapped, and what the screens should say about it. */
export type StatusHit = {
  value: Status
  how: 'tabel' | 'konteks' | 'bawaan'
  /** ambigu: "dikembalikan" without saying to whom; belum_dipetakan: not in the table, mapped by open/closed. */
  flag: 'ambigu' | 'belum_dipetakan' | null
}

const RETURNED = /^(dikembalikan|kembalikan|kembali)\b/
const TO_REPORTER = /\bpelapor\b/
const TO_ADMIN = /\b(admin|pusat|nasional|koordinator|kementerian|kemenpan|instansi pusat|lapor)\b/
const SUBDOMAIN = /^(?:https? )?(?:www )?([a-z0-9]+(?: [a-z0-9]+)*) lapor go id$/
const SOUNDS_CLOSED = /\b(clos|resolv|complet|done|fix|finish|cancel|reject|invalid|duplicate|archiv|selesai|tutup|tuntas)/

export class Vocabulary {
  private readonly maps: { [K in VocabKind]: Map<string, { value: string; ambiguous: boolean }> } = {
    status: new Map(),
    channel: new Map(),
    klasifikasi: new Map(),
  }

  constructor(entries: Iterable<{ kind: VocabKind; word: string; value: string; ambiguous: boolean }>) {
    for (const e of entries) this.maps[e.kind].set(fold(e.word), { value: e.value, ambiguous: e.ambiguous })
  }

  /** The seed alone (tests, and code that has no store). */
  static builtin(): Vocabulary {
    return new Vocabulary(seedEntries())
  }

  /** The store's table (falls back to the seed on a store without it). */
  static load(db: Db): Vocabulary {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vocabulary'").get()
    if (!has) return Vocabulary.builtin()
    return new Vocabulary(listVocabulary(db))
  }

  private get<K extends VocabKind>(kind: K, word: string): { value: ValueOf<K>; ambiguous: boolean } | undefined {
    return this.maps[kind].get(word) as { value: ValueOf<K>; ambiguous: boolean } | undefined
  }

  /** A status word, with an optional context (a history reason, a note) that may say to whom it was returned. */
  status(raw: string, context?: string | null): StatusHit | null {
    const word = fold(raw)
    const hit = this.get('status', word) ?? this.get('status', word.replace(/ /g, ''))
    if (hit && !hit.ambiguous) return { value: hit.value, how: 'tabel', flag: null }
    if (RETURNED.test(word) || hit?.ambiguous) {
      for (const text of [word, context ? fold(context) : '']) {
        if (TO_REPORTER.test(text)) return { value: 'tunda', how: 'konteks', flag: null }
        if (TO_ADMIN.test(text)) return { value: 'bukan_wewenang', how: 'konteks', flag: null }
      }
      const fallback = hit ?? this.get('status', 'dikembalikan')
      if (fallback) return { value: fallback.value, how: 'tabel', flag: 'ambigu' }
    }
    // The stored enum values themselves ("bukan_wewenang") are words too.
    const asValue = word.replace(/ /g, '_')
    if ((STATUSES as readonly string[]).includes(asValue)) return { value: asValue as Status, how: 'tabel', flag: null }
    return null
  }

  /** An Open311 status: never refused. `defaults` are the source's own open/closed settings, when it has them. */
  open311Status(raw: string, defaults: { open?: Status; closed?: Status } = {}): StatusHit {
    const word = fold(raw)
    if (word === 'open' && defaults.open) return { value: defaults.open, how: 'tabel', flag: null }
    if (word === 'closed' && defaults.closed) return { value: defaults.closed, how: 'tabel', flag: null }
    const hit = this.status(raw)
    if (hit) return hit
    const closed = SOUNDS_CLOSED.test(word)
    const value = closed
      ? (defaults.closed ?? this.get('status', 'closed')?.value ?? 'selesai')
      : (defaults.open ?? this.get('status', 'open')?.value ?? 'belum_ditindaklanjuti')
    return { value, how: 'bawaan', flag: 'belum_dipetakan' }
  }

  channel(raw: string): Channel | null {
    const word = fold(raw)
    const hit = this.get('channel', word) ?? this.get('channel', word.replace(/^https? /, '').replace(/^www /, ''))
    if (hit) return hit.value
    if ((CHANNELS as readonly string[]).includes(word.replace(/ /g, '_'))) return word.replace(/ /g, '_') as Channel
    if (SUBDOMAIN.test(word)) return 'integrasi_daerah'
    return null
  }

  klasifikasi(raw: string): Klasifikasi | null {
    const word = fold(raw)
    const hit = this.get('klasifikasi', word) ?? this.get('klasifikasi', word.replace(/ /g, ''))
    if (hit) return hit.value
    if ((KLASIFIKASI as readonly string[]).includes(word.replace(/ /g, '_'))) return word.replace(/ /g, '_') as Klasifikasi
    return null
  }

  /** What the screens say about a stored complaint's raw status (complaint detail, Pengaturan). */
  statusFlag(raw: string): StatusHit['flag'] {
    const hit = this.status(raw)
    return hit ? hit.flag : 'belum_dipetakan'
  }
}

export function seedEntries(): { kind: VocabKind; word: string; value: string; ambiguous: boolean; note: string | null }[] {
  const of = (kind: VocabKind, list: { word: string; value: string; ambiguous?: true; note?: string }[]) =>
    list.map((s) => ({ kind, word: fold(s.word), value: s.value, ambiguous: s.ambiguous === true, note: s.note ?? null }))
  return [...of('status', STATUS_SEED), ...of('channel', CHANNEL_SEED), ...of('klasifikasi', KLASIFIKASI_SEED)]
}

type Row = { kind: VocabKind; word: string; value: string; ambiguous: 0 | 1; origin: 'bawaan' | 'admin'; note: string | null; updated_at: number | null; updated_by: string | null }

export function listVocabulary(db: Db): VocabEntry[] {
  const rows = db.prepare('SELECT kind, word, value, ambiguous, origin, note, updated_at, updated_by FROM vocabulary ORDER BY kind, value, word').all() as Row[]
  return rows.map((r) => ({ ...r, ambiguous: r.ambiguous === 1 }))
}

export type UnmappedStatus = { status_raw: string; status: Status; complaints: number; flag: 'ambigu' | 'belum_dipetakan' }

/** Raw statuses of stored complaints the table does not map plainly ("status belum dipetakan", ambiguous ones). */
export function unmappedStatuses(db: Db, limit = 200): UnmappedStatus[] {
  const vocab = Vocabulary.load(db)
  const rows = db.prepare('SELECT status_raw, status, count(*) AS n FROM complaint GROUP BY status_raw, status').all() as { status_raw: string; status: Status; n: number }[]
  const out: UnmappedStatus[] = []
  for (const r of rows) {
    const flag = vocab.statusFlag(r.status_raw)
    if (flag) out.push({ status_raw: r.status_raw, status: r.status, complaints: r.n, flag })
  }
  return out.sort((a, b) => b.complaints - a.complaints).slice(0, limit)
}

export type VocabChange = { kind: VocabKind; word: string; value: string; ambiguous?: boolean }

/** Sets (or adds) a word's value. Audited with before and after. Applies to records stored from now on. */
export function setVocabularyWord(db: Db, user: SessionUser, change: VocabChange, now = Date.now()): VocabEntry {
  if (!(VOCAB_KINDS as readonly string[]).includes(change.kind)) throw new DomainError('INVALID', `jenis kosakata "${change.kind}" tidak dikenal (status, channel, klasifikasi)`)
  const word = fold(change.word)
  if (word === '' || word.length > 100) throw new DomainError('INVALID', 'kata kosakata harus 1–100 karakter huruf/angka')
  const allowed = VOCAB_VALUES[change.kind] as readonly string[]
  if (!allowed.includes(change.value)) {
    throw new DomainError('INVALID', `nilai "${change.value}" tidak sah untuk ${change.kind}; pilih salah satu: ${allowed.join(', ')}`)
  }
  return db.transaction(() => {
    const before = db.prepare('SELECT kind, word, value, ambiguous, origin, note, updated_at, updated_by FROM vocabulary WHERE kind = ? AND word = ?').get(change.kind, word) as Row | undefined
    const ambiguous = change.ambiguous ?? before?.ambiguous === 1
    db.prepare(
      `INSERT INTO vocabulary (kind, word, value, ambiguous, origin, note, updated_at, updated_by) VALUES (?, ?, ?, ?, 'admin', NULL, ?, ?)
       ON CONFLICT (kind, word) DO UPDATE SET value = excluded.value, ambiguous = excluded.ambiguous, origin = 'admin',
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(change.kind, word, change.value, ambiguous ? 1 : 0, now, user.username)
    const after = { kind: change.kind, word, value: change.value, ambiguous }
    appendAudit(
      db,
      user,
      {
        action: 'vocabulary.set',
        entity: 'vocabulary',
        entityId: `${change.kind}:${word}`,
        before: before ? { value: before.value, ambiguous: before.ambiguous === 1 } : null,
        after,
      },
      now,
    )
    return { ...after, origin: 'admin' as const, note: before?.note ?? null, updated_at: now, updated_by: user.username }
  }).immediate()
}
