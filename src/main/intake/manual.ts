// Manual entry: a complaint the Pemda received by WhatsApp, letter, walk-in or phone, keyed in by an official.
// It enters like any upstream record (sync/ingest.ts: same validation, deadlines and KPI aggregates refreshed in
// the same transaction) under the kabupaten's own 'manual' source, with how it came in (complaint_intake) and
// an audit entry, all in one transaction. The reporter's identity goes to the reporter table, apart, as always.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { ChangeBus } from '../live/bus.ts'
import { appendAudit } from '../audit/log.ts'
import { Ingester } from '../sync/ingest.ts'
import { parseRecord, type UpstreamRecordInput } from '../sync/record.ts'
import { ensureSource } from '../sync/sources.ts'
import { VIA_CHANNEL, type IntakeParsed } from '#shared/intake.ts'

export type ManualResult = { id: number; trackingId: string; isNew: boolean }

const VIA_LABEL = { whatsapp: 'WhatsApp Pemda', surat: 'surat', datang_langsung: 'datang langsung', telepon: 'telepon' } as const
const FUTURE_SLACK_MS = 5 * 60_000 // clocks of two PCs in one office differ by a minute or two

export function manualSourceName(kabupaten: string): string {
  return `manual-${kabupaten.replace('.', '')}`
}

/** Readable numbers an official can tell the caller: LOK-6408-2026-00042, counted per kabupaten and year. */
function nextTrackingId(db: Db, source: string, kabupaten: string, year: number): string {
  const prefix = `LOK-${kabupaten.replace('.', '')}-${year}-`
  const last = db
    .prepare("SELECT max(CAST(substr(tracking_id, ?) AS INTEGER)) FROM complaint WHERE source = ? AND tracking_id LIKE ? || '%'")
    .pluck()
    .get(prefix.length + 1, source, prefix) as number | null
  return `${prefix}${String((last ?? 0) + 1).padStart(5, '0')}`
}

function bad(message: string): never {
  throw new DomainError('INVALID', message)
}

export function createManualComplaint(db: Db, user: SessionUser, input: IntakeParsed, opts: { bus?: ChangeBus; now?: number } = {}): ManualResult {
  const now = opts.now ?? Date.now()
  const receivedAt = input.receivedAt ?? now
  if (receivedAt > now + FUTURE_SLACK_MS) bad('waktu diterima ada di masa depan')

  const result = db.transaction((): ManualResult => {
    if (input.clientKey) {
      const done = db.prepare('SELECT c.id, c.tracking_id FROM complaint_intake i JOIN complaint c ON c.id = i.complaint_id WHERE i.client_key = ?').get(input.clientKey) as
        | { id: number; tracking_id: string }
        | undefined
      if (done) return { id: done.id, trackingId: done.tracking_id, isNew: false }
    }
    const kab = db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').get(input.kabupaten) as { utc_offset_minutes: number } | undefined
    if (!kab) bad(`kabupaten ${input.kabupaten} belum ada di berkas data`)
    if (input.kecamatan && !db.prepare('SELECT 1 FROM kecamatan WHERE kode = ? AND kabupaten_kode = ?').get(input.kecamatan, input.kabupaten)) {
      bad(`kecamatan ${input.kecamatan} bukan bagian kabupaten ${input.kabupaten}`)
    }
    if (input.desa && !db.prepare('SELECT 1 FROM desa WHERE kode = ?').get(input.desa)) bad(`desa ${input.desa} tidak dikenal`)
    const kategori = input.categoryId ? (db.prepare('SELECT kode FROM category WHERE id = ?').pluck().get(input.categoryId) as string | undefined) : null
    if (kategori === undefined) bad(`kategori ${input.categoryId} tidak dikenal`)

    const source = ensureSource(db, manualSourceName(input.kabupaten), 'manual', input.kabupaten)
    const year = new Date(receivedAt + kab.utc_offset_minutes * 60_000).getUTCFullYear()
    const trackingId = nextTrackingId(db, source.name, input.kabupaten, year)
    const reporter = input.reporter && Object.values(input.reporter).some((v) => v) ? input.reporter : null
    const record: UpstreamRecordInput = {
      tracking_id: trackingId,
      updated_at: Math.max(now, receivedAt),
      submitted_at: receivedAt,
      judul: input.judul,
      isi: input.isi,
      klasifikasi: input.klasifikasi,
      channel: VIA_CHANNEL[input.via],
      kategori,
      status_raw: 'Belum Terverifikasi',
      status: 'belum_terverifikasi',
      is_anonim: input.isAnonim,
      is_rahasia: input.isRahasia,
      location: { kecamatan_kode: input.kecamatan ?? null, desa_kode: input.desa ?? null, text: input.lokasi ?? null },
      reporter,
      history: [
        { upstream_id: 'submitted', kind: 'submitted', at: receivedAt, actor: `Pelapor (${VIA_LABEL[input.via]})` },
        {
          upstream_id: 'dicatat',
          kind: 'note',
          at: now,
          actor: user.nama,
          body: `Dicatat dari ${VIA_LABEL[input.via]}${input.reference ? `, nomor rujukan ${input.reference}` : ''}`,
        },
      ],
    }
    const parsed = parseRecord(record)
    if (!parsed.ok) bad(parsed.reason)
    const counts = new Ingester(db, source).ingest([{ record: parsed.record }], { now })
    if (counts.inserted !== 1) bad(counts.problems[0]?.reason ?? 'pengaduan tidak dapat disimpan')
    const id = counts.ids[0]
    db.prepare('INSERT INTO complaint_intake (complaint_id, via, received_at, reference, client_key, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.via,
      receivedAt,
      input.reference ?? null,
      input.clientKey ?? null,
      user.id,
      now,
    )
    // The audit entry says what was entered, not who reported it: identity stays in the reporter table.
    appendAudit(
      db,
      user,
      {
        action: 'complaint.create',
        entity: 'complaint',
        entityId: id,
        after: { tracking_id: trackingId, via: input.via, judul: input.judul, kecamatan: input.kecamatan ?? null, is_anonim: input.isAnonim, is_rahasia: input.isRahasia, hasReporter: !!reporter },
      },
      now,
    )
    return { id, trackingId, isNew: true }
  }).immediate()
  if (result.isNew) opts.bus?.emit({ kabupaten: input.kabupaten, kind: 'complaints', at: now, count: 1 })
  return result
}
