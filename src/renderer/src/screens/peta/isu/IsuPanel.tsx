// The rising issues beside Peta's map: what, where, how many against the usual, each opening its complaints in
// Antrean. The map outlines the same places (IsuLayer). Nothing is drawn when nothing is unusual.
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { type Isu, issueHref, isuCount, isuKey, isuPlace, isuWhat } from '#renderer/isu/labels.ts'
import '#renderer/styles/isu.css'

export function IsuPanel({ issues, today }: { issues: Isu[]; today: string }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  if (issues.length === 0) return null
  return (
    <section className="peta-isu-panel" aria-label={t('isu.title', { count: issues.length })} data-testid="peta-isu" data-count={issues.length}>
      <h2>{t('isu.title', { count: issues.length })}</h2>
      <ul>
        {issues.slice(0, 5).map((i) => (
          <li key={isuKey(i)}>
            <Link to={issueHref(search, i, today)} data-testid="peta-isu-item" data-count={i.count} data-kecamatan={i.kecamatan?.kode ?? ''}>
              <strong>{isuWhat(t, i)}</strong> {isuPlace(t, i)}
            </Link>
            <span className="isu-numbers"> · {isuCount(t, i)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
