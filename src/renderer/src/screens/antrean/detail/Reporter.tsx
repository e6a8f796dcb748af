// The reporter block exactly as complaints.detail returns it: the identity only when the API gave it, otherwise
// why not (anonim, or a role that may not see identities). Nothing here decides who may see what.
import { useTranslation } from 'react-i18next'
import type { ComplaintDetail } from './DetailPane.tsx'

export function Reporter({ reporter, hidden }: { reporter: ComplaintDetail['reporter']; hidden: ComplaintDetail['reporterHidden'] }) {
  const { t } = useTranslation()
  if (hidden) {
    return (
      <p className="reporter-hidden" data-testid="reporter" data-hidden={hidden}>
        {t(`antrean.reporter.hidden.${hidden}`)}
      </p>
    )
  }
  if (!reporter) {
    return (
      <p className="empty" data-testid="reporter" data-hidden="">
        {t('antrean.reporter.none')}
      </p>
    )
  }
  const fields = [
    ['nama', reporter.nama],
    ['nik', reporter.nik],
    ['phone', reporter.phone],
    ['email', reporter.email],
  ] as const
  return (
    <dl className="facts reporter" data-testid="reporter" data-hidden="">
      {fields.map(([key, value]) => (
        <div key={key} className="facts-row">
          <dt>{t(`antrean.reporter.${key}`)}</dt>
          <dd>{value ?? '–'}</dd>
        </div>
      ))}
    </dl>
  )
}
