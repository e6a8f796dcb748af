// The audit log as an export: exactly the entries the audit screen lists under the same filters, read through the
// same privacy rules (audit/privacy.ts) and made readable the same way (audit/present.ts), newest first, in pages
// so a long log streams. Supervisors and admins only, as the screen.
import { DomainError } from '../errors.ts'
import { roleAtLeast } from '#shared/domain.ts'
import { countAudit, listAudit, presentAudit } from '../audit/queries.ts'
import { actionLabel, changesText } from '../audit/present.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { ROLE_LABEL } from './labels.ts'
import { zoneName, type Cell, type Column, type ExportDoc } from './table.ts'
import type { ExportContext } from './run.ts'
import type { AuditExport } from './request.ts'

const COLUMNS: Column[] = [
  { key: 'waktu', header: 'Waktu', kind: 'datetime', width: 18 },
  { key: 'pengguna', header: 'Pengguna', kind: 'text', width: 18 },
  { key: 'nama', header: 'Nama', kind: 'text', width: 24 },
  { key: 'peran', header: 'Peran', kind: 'text', width: 16 },
  { key: 'aksi', header: 'Aksi', kind: 'text', width: 26 },
  { key: 'laporan', header: 'No. Lacak / objek', kind: 'text', width: 22 },
  { key: 'perubahan', header: 'Sebelum → sesudah', kind: 'text', width: 60, isFreeText: true },
  { key: 'alasan', header: 'Alasan', kind: 'text', width: 48, isFreeText: true },
]

const PAGE = 500

export function auditDoc(ctx: ExportContext, request: AuditExport): ExportDoc {
  if (!roleAtLeast(ctx.role, 'supervisor')) throw new DomainError('FORBIDDEN', `Peran ${ctx.role} tidak boleh mengekspor log audit; perlu supervisor`)
  const kab = getKabupaten(ctx.db, request.kabupaten)
  const { kind: _kind, kabupaten: _kabupaten, ...filter } = request
  const db = ctx.reader ?? ctx.db
  // The CLI (no user) reads the whole log, as its operator can read the file anyway.
  const reader = { role: ctx.role, username: ctx.user?.username ?? '', kabupaten: ctx.user?.kabupaten ?? null }
  const count = countAudit(db, filter, reader)
  function* rows(): Iterable<Cell[]> {
    let beforeId: number | undefined
    for (;;) {
      const page = presentAudit(db, listAudit(db, { ...filter, beforeId, limit: PAGE }, reader))
      for (const e of page) {
        const object = e.entity === 'complaint' ? (e.tracking_id ?? `laporan ${e.entity_id ?? ''}`) : [e.entity, e.entity_id].filter(Boolean).join(' ')
        const role = ROLE_LABEL[e.role as keyof typeof ROLE_LABEL] ?? e.role
        yield [e.at, e.username, e.nama, role, actionLabel(e.action), object, changesText(e.changes) || null, e.reason]
      }
      if (page.length < PAGE) return
      beforeId = page.at(-1)!.id
    }
  }
  return {
    title: 'Log audit',
    utcOffsetMinutes: kab.utc_offset_minutes,
    zone: zoneName(kab.utc_offset_minutes),
    sheets: [{ name: 'Log audit', columns: COLUMNS, rows: rows(), count }],
    info: [
      ['Isi', 'Log audit tindakan lokal, terbaru lebih dulu'],
      ['Filter', filterText(request) || 'tanpa filter'],
      ['Jumlah entri', new Intl.NumberFormat('id-ID').format(count)],
      ['Diekspor oleh', ctx.username],
      ['Privasi', 'Identitas pelapor tidak pernah dicatat di log; teks laporan rahasia/anonim disamarkan sesuai peran pengekspor'],
    ],
  }
}

function filterText(r: AuditExport): string {
  return [
    r.action && `aksi ${actionLabel(r.action)}`,
    r.username && `pengguna ${r.username}`,
    r.unitId !== undefined && `unit #${r.unitId}`,
    r.tracking && `laporan ${r.tracking}`,
    r.entityId && `objek ${r.entityId}`,
  ]
    .filter(Boolean)
    .join(', ')
}
