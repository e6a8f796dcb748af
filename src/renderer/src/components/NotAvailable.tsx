import { useTranslation } from 'react-i18next'
import type { ScreenKey } from '../screens/index.tsx'

/** An honest placeholder for a screen that a later version fills: says what it will show, shows no numbers. */
export function NotAvailable({ screen }: { screen: Exclude<ScreenKey, 'ringkasan' | 'pengaturan'> }) {
  const { t } = useTranslation()
  return (
    <section className="not-available" data-testid="not-available">
      <h1 className="screen-title">{t(`nav.${screen}`)}</h1>
      <p className="not-available-lead">{t('placeholder.notYet')}</p>
      <p>{t(`placeholder.about.${screen}`)}</p>
      <p>{t('placeholder.later')}</p>
    </section>
  )
}
