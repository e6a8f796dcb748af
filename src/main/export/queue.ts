// A work queue (or the whole list) as an export: the queue screen's rows and filters, with the columns an
// official needs off-screen — the text, the location, the deadline — and the reporter only where allowed.
// Rows come from an SQLite iterator on a reader connection, one at a time, so a million rows stream.
import type { Db } from '../store/open.ts'
import type { Channel, Klasifikasi } from '#shared/domain.ts'
import { isOpenStatus, STATUS_LABEL, type Status } from '#shared/status.ts'
import type { Role } from '#shared/roles.ts'
import { queueWhere, QUEUE_ORDER, queueFrom, type QueuePageQuery } from '../queue/queries.ts'
import { queueQuery, queueTotals, type QueueTotals } from '../queue/request.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { ANONIM, privacyNotes, rowPrivacy } from './privacy.ts'
import { CHANNEL_LABEL, KLASIFIKASI_LABEL, ROLE_LABEL, periodLabel, yesNo } from './labels.ts'
import { localDateTime, zoneName, type Cell, type Column, type ExportDoc } from './table.ts'
import type { QueueExport } from './request.ts'

export const QUEUE_TITLE: Record<QueuePageQuery['queue'], string> = {
  verifikasi: 'Antrean verifikasi',
  disposisi: 'Antrean disposisi',
  proses: 'Dalam proses di OPD',
  terlambat: 'Lewat tenggat',
  dikembalikan: 'Dikembalikan',
  salah_sasaran: 'Salah sasaran',
  tanpa_lokasi: 'Tanpa lokasi',
  semua_terbuka: 'Semua yang terbuka',
  semua: 'Semua pengaduan',
}

type Row = {
  tracking_id: string
  judul: string | null
  isi: string | null
  klasifikasi: Klasifikasi
  category: string | null
  channel: Channel
  status: Status
  submitted_at: number
  updated_at: number
  next_due_at: number | null
  kecamatan: string | null
  desa: string | null
  lokasi_text: string | null
  unit: string | null
  disposition_count: number
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
  reporter_nama: string | null
  reporter_nik: string | null
  reporter_phone: string | null
  reporter_email: string | null
}

const COLUMNS: Column[] = [
  { key: 'tracking_id', header: 'No. Lacak', kind: 'text', width: 14 },
  { key: 'judul', header: 'Judul', kind: 'text', width: 48, isFreeText: true },
  { key: 'isi', header: 'Isi laporan', kind: 'text', width: 80, isFreeText: true },
  { key: 'klasifikasi', header: 'Klasifikasi', kind: 'text', width: 16 },
  { key: 'kategori', header: 'Kategori', kind: 'text', width: 28 },
  { key: 'kanal', header: 'Kanal', kind: 'text', width: 18 },
  { key: 'status', header: 'Status', kind: 'text', width: 22 },
  { key: 'diterima', header: 'Diterima', kind: 'datetime', width: 18 },
  { key: 'diperbarui', header: 'Diperbarui', kind: 'datetime', width: 18 },
  { key: 'tenggat', header: 'Tenggat berikut', kind: 'datetime', width: 18 },
  { key: 'lewat_tenggat', header: 'Lewat tenggat', kind: 'text', width: 10 },
  { key: 'kecamatan', header: 'Kecamatan', kind: 'text', width: 20 },
  { key: 'desa', header: 'Desa/Kelurahan', kind: 'text', width: 22 },
  { key: 'lokasi', header: 'Lokasi (teks)', kind: 'text', width: 36, isFreeText: true },
  { key: 'unit', header: 'OPD/unit', kind: 'text', width: 24 },
  { key: 'disposisi', header: 'Jumlah disposisi', kind: 'int', width: 10 },
  { key: 'anonim', header: 'Anonim', kind: 'text', width: 9 },
  { key: 'rahasia', header: 'Rahasia', kind: 'text', width: 9 },
]

const IDENTITY_COLUMNS: Column[] = [
  { key: 'pelapor', header: 'Nama pelapor', kind: 'text', width: 24, isFreeText: true },
  // NIK and phone stay text: as numbers Excel would round a 16-digit NIK and drop a phone's leading 0.
  { key: 'nik', header: 'NIK', kind: 'text', width: 19 },
  { key: 'telepon', header: 'Telepon', kind: 'text', width: 16, isFreeText: true },
  { key: 'email', header: 'Email', kind: 'text', width: 26, isFreeText: true },
]

function pageQuery(db: Db, r: QueueExport, role: Role, now: number): QueuePageQuery {
  // The query the queue screen's list and count line read (queue/request.ts), so the file holds what they show.
  return { ...queueQuery(db, r, role, now), limit: 0 }
}

/**
 * The queue's rows. `reader` is a connection of its own (see store/open.ts openReader): its iterator stays open
 * across the pauses the writers make. Without one (an in-memory store) the rows are read at once.
 */
function* queueRows(source: Db, isOwnConnection: boolean, q: QueuePageQuery, role: Role): Generator<Cell[]> {
  const w = queueWhere(source, q)
  const privacy = rowPrivacy(role)
  // The reporter is joined for every role: where identity is withheld its name is needed to remove it from the
  // texts (privacy.ts). Its columns leave this function only for roles that may see them.
  // sql-vetted: queueFrom/queueWhere/QUEUE_ORDER are the queue module's fixed fragments; values are bound @parameters
  const stmt = source.prepare(
    `SELECT c.tracking_id, c.judul, c.isi, c.klasifikasi, g.nama AS category, c.channel, c.status, c.submitted_at,
            c.updated_at, s.next_due_at, k.nama AS kecamatan, d.nama AS desa, c.lokasi_text,
            coalesce(u.singkatan, u.nama) AS unit, c.disposition_count, c.is_anonim, c.is_rahasia,
            rp.nama AS reporter_nama, rp.nik AS reporter_nik, rp.phone AS reporter_phone, rp.email AS reporter_email
     FROM ${queueFrom(q.queue)}
     LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode
     LEFT JOIN desa d ON d.kode = c.desa_kode
     LEFT JOIN unit u ON u.id = c.unit_id
     LEFT JOIN category g ON g.id = c.category_id
     LEFT JOIN reporter rp ON rp.complaint_id = c.id
     WHERE ${w.sql}
     ORDER BY ${QUEUE_ORDER[q.sort ?? 'terlama']}`,
  )
  const rows = (isOwnConnection ? stmt.iterate(w.params) : stmt.all(w.params)) as Iterable<Row>
  for (const r of rows) {
    const [judul, isi, lokasi] = privacy.texts(r, [r.judul, r.isi, r.lokasi_text])
    const cells: Cell[] = [
      r.tracking_id,
      judul,
      isi,
      KLASIFIKASI_LABEL[r.klasifikasi] ?? r.klasifikasi,
      r.category,
      CHANNEL_LABEL[r.channel] ?? r.channel,
      STATUS_LABEL[r.status] ?? r.status,
      r.submitted_at,
      r.updated_at,
      r.next_due_at,
      yesNo(r.next_due_at !== null && r.next_due_at < q.now && isOpenStatus(r.status)),
      r.kecamatan,
      r.desa,
      lokasi,
      r.unit,
      r.disposition_count,
      yesNo(r.is_anonim),
      yesNo(r.is_rahasia),
    ]
    if (privacy.hasIdentityColumns) {
      if (privacy.showsReporter(r)) cells.push(r.reporter_nama, r.reporter_nik, r.reporter_phone, r.reporter_email)
      else cells.push(ANONIM, null, null, null)
    }
    yield cells
  }
}

export type QueueDocContext = {
  db: Db
  reader: Db | null
  role: Role
  now: number
  username: string
  /** The queue's counts read beforehand (queueExportTotals, off the app's thread in serve mode); absent, read here. */
  totals?: QueueTotals | null
}

/** The counts of the queue an export holds, as the screen's count line has them (the rows the file will hold). On a
 *  1,000,000-complaint store they took 929 ms of the server's thread when read while starting the export. */
export function queueExportTotals(db: Db, r: QueueExport, role: Role, now: number): QueueTotals {
  return queueTotals(db, pageQuery(db, r, role, now))
}

export function queueDoc(ctx: QueueDocContext, r: QueueExport): ExportDoc {
  const k = getKabupaten(ctx.db, r.kabupaten)
  const q = pageQuery(ctx.db, r, ctx.role, ctx.now)
  const { total: count, withoutPeriod } = ctx.totals ?? queueTotals(ctx.db, q)
  const privacy = rowPrivacy(ctx.role)
  const title = `${QUEUE_TITLE[r.queue]} — ${k.nama}`
  const name = (sql: string, key: string | number | undefined) => (key === undefined ? null : ((ctx.db.prepare(sql).pluck().get(key) as string | undefined) ?? String(key)))
  // sql-vetted: these are labels looked up with bound ? parameters, not SQL text
  const filters = [
    r.period ? `diterima ${periodLabel(r.period)}` : null,
    r.status ? `status ${STATUS_LABEL[r.status]}` : null,
    r.kecamatan ? `kecamatan ${name('SELECT nama FROM kecamatan WHERE kode = ?', r.kecamatan)}` : null,
    r.desa ? `desa ${name('SELECT nama FROM desa WHERE kode = ?', r.desa)}` : null,
    r.unitId ? `unit ${name('SELECT nama FROM unit WHERE id = ?', r.unitId)} (dengan bidang/unit di bawahnya)` : null,
    r.filter?.category ? `kategori ${name('SELECT nama FROM category WHERE id = ?', r.filter.category)} (dengan subkategorinya)` : null,
    r.filter?.channel ? `kanal ${CHANNEL_LABEL[r.filter.channel]}` : null,
    r.search ? `cari "${r.search}"` : null,
    r.ids ? `${r.ids.length} laporan isu yang sedang naik` : null,
  ].filter((f): f is string => f !== null)
  return {
    title,
    utcOffsetMinutes: k.utc_offset_minutes,
    zone: zoneName(k.utc_offset_minutes),
    sheets: [
      {
        name: QUEUE_TITLE[r.queue],
        columns: privacy.hasIdentityColumns ? [...COLUMNS, ...IDENTITY_COLUMNS] : COLUMNS,
        rows: { [Symbol.iterator]: () => queueRows(ctx.reader ?? ctx.db, ctx.reader !== null, q, ctx.role) },
        count,
      },
    ],
    info: [
      ['Kabupaten', `${k.nama} (${k.kode})`],
      ['Antrean', `${QUEUE_TITLE[r.queue]} (${r.queue}), urut ${r.sort}`],
      ['Saringan', filters.length ? filters.join('; ') : 'tidak ada'],
      ['Jumlah pengaduan', String(count)],
      ...(withoutPeriod === null
        ? []
        : [['Di luar periode', `${withoutPeriod - count} dari ${withoutPeriod} pengaduan di antrean ini diterima di luar periode`] as [string, string]]),
      ['Keadaan per', `${localDateTime(ctx.now, k.utc_offset_minutes)} ${zoneName(k.utc_offset_minutes)}`],
      ['Diekspor oleh', `${ctx.username} — ${ROLE_LABEL[ctx.role]}`],
      ...privacyNotes(ctx.role).map((n, i): [string, string] => [i === 0 ? 'Perlindungan data' : '', n]),
    ],
  }
}
