// "Isu yang sedang naik" at the top of Ringkasan: what is unusual now (isu.list), each row opening exactly the
// complaints behind it in Antrean (the queue "semua" narrowed to its place, category and days since it began, so
// the list holds as many complaints as the row says). When nothing is unusual, one quiet line says the watch is on.
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { formatDate, formatDecimal, formatNumber } from '#renderer/format.ts'
import { sharedFilters } from '#renderer/filters/links.ts'
import '#renderer/styles/isu.css'

type Isu = Outputs['isu']['list']['issues'][number]

const SHOWN = 4

export function issueHref(search: string, isu: Isu, today: string): string {
  const params = sharedFilters(search, ['kab'])
  if (isu.kategori) params.set('kategori', String(isu.kategori.id))
  if (isu.kecamatan) params.set('kec', isu.kecamatan.kode)
  if (isu.desa) params.set('desa', isu.desa.kode)
  params.set('dari', isu.since)
  params.set('sampai', today)
  params.set('hanya-periode', '1')
  return `/antrean/semua?${params}`
}

export function IsuStrip({ kabupaten, today }: { kabupaten: string | undefined; today: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { search } = useLocation()
  const list = useQuery({ ...trpc.isu.list.queryOptions(kabupaten ? { kabupaten } : skipToken), placeholderData: keepPreviousData })
  const issues = list.data?.issues
  if (!issues) return null
  if (issues.length === 0) {
    return (
      <p className="isu-strip is-calm" data-testid="isu-strip" data-count={0}>
        {t('isu.none')}
      </p>
    )
  }
  return (
    <section className="isu-strip" aria-label={t('isu.title')} data-testid="isu-strip" data-count={issues.length}>
      <h2 className="isu-strip-title">{t('isu.title', { count: issues.length })}</h2>
      <ul className="isu-list">
        {issues.slice(0, SHOWN).map((i) => (
          <li key={`${i.level}|${i.kecamatan?.kode}|${i.desa?.kode}|${i.kategori?.id}`}>
            <Link className="isu-item" to={issueHref(search, i, today)} data-testid="isu-item" data-count={i.count}>
              <strong>{i.kategori?.nama ?? t('isu.noCategory')}</strong>
              <span>{i.desa ? t('isu.inDesa', { desa: i.desa.nama, kecamatan: i.kecamatan?.nama }) : i.kecamatan ? t('isu.inKecamatan', { kecamatan: i.kecamatan.nama }) : t('isu.inKabupaten')}</span>
              <span className="isu-numbers">
                {t('isu.count', { count: i.count, n: formatNumber(i.count), expected: formatDecimal(i.expected) })} · {t('isu.since', { date: formatDate(i.since, true) })}
              </span>
            </Link>
          </li>
        ))}
        {issues.length > SHOWN && <li className="isu-more">{t('isu.more', { n: formatNumber(issues.length - SHOWN) })}</li>}
      </ul>
    </section>
  )
}
