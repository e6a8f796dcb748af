import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'

/** How many complaints of the period the map cannot place, and the way to tag them. */
export function NoLocationButton({ total, isOpen, onToggle }: { total: number | undefined; isOpen: boolean; onToggle(): void }) {
  const { t } = useTranslation()
  return (
    <button
      type="button"
      className={`button peta-nolocation ${total ? 'has-some' : ''}`}
      aria-pressed={isOpen}
      data-testid="peta-nolocation"
      data-value={total ?? ''}
      onClick={onToggle}
    >
      <strong className="peta-nolocation-n">{total === undefined ? '…' : formatNumber(total)}</strong>
      <span>{t('peta.noLocation.button')}</span>
    </button>
  )
}
