// How a rising issue (isu.list) is named and where it opens, the same on Ringkasan, the wall, Peta and the briefing:
// "what" is its category or, for a topic across categories, its words; "where" its desa, kecamatan or the kabupaten.
// A row opens Antrean's queue "semua" narrowed to its category, place and the days since it began, so the list holds
// the complaints the row counts. A topic row (words across categories) opens exactly its complaints (?laporan-isu=…): no
// category or place describes them, and the queue's search reads titles only.
import type { TFunction } from 'i18next'
import type { Outputs } from '#renderer/api/trpc.ts'
import { sharedFilters } from '#renderer/filters/links.ts'
import { formatDate, formatDecimal, formatNumber } from '#renderer/format.ts'

export type Isu = Outputs['isu']['list']['issues'][number]

export const isuKey = (i: Isu) => `${i.level}|${i.kecamatan?.kode}|${i.desa?.kode}|${i.kategori?.id}|${i.topic ?? ''}`

export function isuWhat(t: TFunction, i: Isu): string {
  if (i.topic) return t('isu.topic', { topic: i.topic })
  return i.kategori?.nama ?? t('isu.noCategory')
}

export function isuPlace(t: TFunction, i: Isu): string {
  if (i.desa) return t('isu.inDesa', { desa: i.desa.nama, kecamatan: i.kecamatan?.nama })
  if (i.kecamatan) return t('isu.inKecamatan', { kecamatan: i.kecamatan.nama })
  return i.topic ? t('isu.acrossCategories') : t('isu.inKabupaten')
}

/** "12 laporan (biasanya 2,1)": how many against how many expected. */
export function isuCount(t: TFunction, i: Isu): string {
  return t('isu.count', { count: i.count, n: formatNumber(i.count), expected: formatDecimal(i.expected) })
}

/** The count and since when: "12 laporan (biasanya 2,1) · sejak 1 Des". */
export function isuNumbers(t: TFunction, i: Isu): string {
  return `${isuCount(t, i)} · ${t('isu.since', { date: formatDate(i.since, true) })}`
}

export function issueHref(search: string, isu: Isu, today: string): string {
  const params = sharedFilters(search, ['kab'])
  if (isu.kategori) params.set('kategori', String(isu.kategori.id))
  if (isu.kecamatan) params.set('kec', isu.kecamatan.kode)
  if (isu.desa) params.set('desa', isu.desa.kode)
  if (isu.topic) params.set('laporan-isu', isu.complaints.join(','))
  params.set('dari', isu.since)
  params.set('sampai', today)
  params.set('hanya-periode', '1')
  return `/antrean/semua?${params}`
}
