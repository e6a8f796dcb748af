// One complaint as its unit's liaison reads it: the content (rahasia included: the unit must act on it), never the
// reporter's identity, texts masked as for every reader without identity (liaison/privacy.ts), with the history
// of the complaint and of the liaison's own steps (returns, requests for more time) in one list.
import type { Db } from '../store/open.ts'
import type { Status } from '#shared/domain.ts'
import type { HistoryKind } from '#shared/liaison.ts'
import { complaintDetail } from '../complaints/queries.ts'
import { complaintPrivacy, redactText } from '../privacy/policy.ts'
import { reportersOf } from '../privacy/reporters.ts'
import { liaisonSettings } from './settings.ts'
import { ownComplaint, type Liaison } from './scope.ts'
import { LIAISON_VIEW } from './privacy.ts'
import { openRowsOfUnits } from './inbox.ts'

export type HistoryEntry = { pada: number; aksi: HistoryKind; oleh: string; catatan: string | null; dari?: string | null; ke?: string | null; status?: Status | null }

export type LiaisonDetail = {
  id: number
  nomor: string
  judul: string | null
  isi: string | null
  klasifikasi: string
  kanal: string
  kategori: string | null
  status: Status
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
  kecamatan: string | null
  desa: string | null
  lokasi: string | null
  unit: { id: number; nama: string | null }
  masuk: number
  tenggat: string | null
  sisaHariKerja: number | null
  terlambat: boolean
  diminta: string | null
  /** The reporter, where the Pemda lets its liaisons see non-anonim reporters (liaison/settings.ts). */
  pelapor: { nama: string | null; telepon: string | null; email: string | null } | null
  /** Why the reporter is not shown: 'anonim', or 'peran' (the Pemda does not let liaisons see reporters); null when shown. */
  pelaporDisembunyikan: 'anonim' | 'peran' | null
  menungguKeputusan: boolean
  ditolakKembali?: { alasan: string; oleh: string; pada: number }
  riwayat: HistoryEntry[]
}

export function liaisonDetail(db: Db, user: Liaison, id: number, now = Date.now()): LiaisonDetail {
  const own = ownComplaint(db, user, id)
  // The desk's view (operator: content, no identity, masked texts) is the liaison's view (LIAISON_VIEW); the
  // identity fields are dropped below anyway.
  const d = complaintDetail(db, id, 'operator', now, 'app')
  const inboxRow = openRowsOfUnits(db, user.units, now).find((r) => r.id === id)
  // The Pemda may grant its liaisons the identity of non-anonim reporters (liaison/settings.ts).
  const privacy = complaintPrivacy(liaisonSettings(db).identitasPelapor ? { ...LIAISON_VIEW, identity: true } : LIAISON_VIEW, own)
  const reporter = reportersOf(db, [id]).get(id) ?? null
  const text = (s: string | null) => redactText(s, privacy, reporter)
  const riwayat: HistoryEntry[] = d.history.map((e) => ({
    pada: e.at,
    aksi: e.kind,
    oleh: e.actor,
    catatan: e.body ?? e.reason,
    dari: e.from_unit,
    ke: e.to_unit,
    status: e.to_status,
  }))
  const returns = db
    .prepare(
      `SELECT r.created_at, r.alasan, coalesce(a.nama, '?') AS oleh, t.nama AS tujuan, r.decided_at, r.accepted, r.decided_by_nama, r.decision_alasan
       FROM liaison_return r LEFT JOIN app_user a ON a.id = r.user_id LEFT JOIN unit t ON t.id = r.unit_tujuan_id WHERE r.complaint_id = ?`,
    )
    .all(id) as { created_at: number; alasan: string; oleh: string; tujuan: string | null; decided_at: number | null; accepted: number | null; decided_by_nama: string | null; decision_alasan: string | null }[]
  for (const r of returns) {
    riwayat.push({ pada: r.created_at, aksi: 'kembali', oleh: r.oleh, catatan: text(r.alasan), ke: r.tujuan })
    if (r.decided_at !== null) {
      riwayat.push({ pada: r.decided_at, aksi: r.accepted ? 'kembali_diterima' : 'kembali_ditolak', oleh: r.decided_by_nama ?? '?', catatan: text(r.decision_alasan) })
    }
  }
  const extensions = db
    .prepare(`SELECT x.created_at, x.alasan, x.hari_kerja, coalesce(a.nama, '?') AS oleh FROM liaison_extension x LEFT JOIN app_user a ON a.id = x.user_id WHERE x.complaint_id = ?`)
    .all(id) as { created_at: number; alasan: string; hari_kerja: number; oleh: string }[]
  for (const x of extensions) riwayat.push({ pada: x.created_at, aksi: 'perpanjangan', oleh: x.oleh, catatan: `${x.hari_kerja} hari kerja: ${text(x.alasan) ?? ''}` })
  riwayat.sort((a, b) => a.pada - b.pada)
  const out: LiaisonDetail = {
    id,
    nomor: d.tracking_id,
    judul: d.judul,
    isi: d.isi,
    klasifikasi: d.klasifikasi,
    kanal: d.channel,
    kategori: d.category,
    status: d.status,
    is_anonim: d.is_anonim,
    is_rahasia: d.is_rahasia,
    kecamatan: d.kecamatan,
    desa: d.desa,
    lokasi: d.lokasi_text,
    unit: { id: own.unit_id, nama: d.unit },
    masuk: d.submitted_at,
    tenggat: inboxRow?.tenggat ?? null,
    sisaHariKerja: inboxRow?.sisaHariKerja ?? null,
    terlambat: inboxRow?.terlambat ?? false,
    diminta: inboxRow?.diminta ?? null,
    pelapor: privacy.identity && reporter ? { nama: reporter.nama, telepon: reporter.phone, email: reporter.email } : null,
    pelaporDisembunyikan: privacy.identityHidden,
    menungguKeputusan: inboxRow?.menungguKeputusan ?? false,
    riwayat,
  }
  if (inboxRow?.ditolakKembali) out.ditolakKembali = inboxRow.ditolakKembali
  return out
}
