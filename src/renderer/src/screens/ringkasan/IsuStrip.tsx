// "Isu yang sedang naik" at the top of Ringkasan: what is unusual now (isu.list), each row opening exactly the
// complaints behind it in Antrean (the queue "semua" narrowed to its place, category and days since it began, so
// the list holds as many complaints as the row says). When nothing is unusual, one quiet line says the watch is on.
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'
import { issueHref, isuKey, isuNumbers, isuPlace, isuWhat } from '#renderer/isu/labels.ts'
import '#renderer/styles/isu.css'

const SHOWN = 4

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
          <li key={isuKey(i)}>
            <Link className="isu-item" to={issueHref(search, i, today)} data-testid="isu-item" data-count={i.count} data-topic={i.topic ?? undefined}>
              <strong>{isuWhat(t, i)}</strong>
              <span>{isuPlace(t, i)}</span>
              <span className="isu-numbers">{isuNumbers(t, i)}</span>
            </Link>
          </li>
        ))}
        {issues.length > SHOWN && <li className="isu-more">{t('isu.more', { n: formatNumber(issues.length - SHOWN) })}</li>}
      </ul>
    </section>
  )
}
