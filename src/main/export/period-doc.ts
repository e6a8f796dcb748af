// The frame of the exports that cover a period of one kabupaten (the KPI tables, the monthly recap): their title
// and the Keterangan lines every such file opens and closes with, so both files read alike to the office that
// receives them.
import type { Role } from '#shared/domain.ts'
import type { KabupatenRow } from '#main/reference/regions/queries.ts'
import { ROLE_LABEL, periodLabel } from './labels.ts'
import { localDateTime, zoneName, type ExportDoc, type Sheet } from './table.ts'

export type PeriodDocContext = { role: Role; now: number; username: string }

/** `info` goes between the period line and the exporter's; `asOf` is the export's moment, for those lines. */
export function periodDoc(
  ctx: PeriodDocContext,
  k: KabupatenRow,
  period: { from: string; to: string },
  what: string,
  sheets: Sheet[],
  info: (asOf: string) => [string, string][],
): ExportDoc {
  const zone = zoneName(k.utc_offset_minutes)
  return {
    title: `${what} — ${k.nama} — ${periodLabel(period)}`,
    utcOffsetMinutes: k.utc_offset_minutes,
    zone,
    sheets,
    info: [
      ['Kabupaten', `${k.nama} (${k.kode})`],
      ['Periode', `${periodLabel(period)} (tanggal masuk, waktu ${zone})`],
      ...info(`${localDateTime(ctx.now, k.utc_offset_minutes)} ${zone}`),
      ['Diekspor oleh', `${ctx.username} — ${ROLE_LABEL[ctx.role]}`],
    ],
  }
}
