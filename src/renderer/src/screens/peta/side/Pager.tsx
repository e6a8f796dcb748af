import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'

/** "1–50 of 157" with previous / next page buttons. */
export function Pager({ offset, size, total, onOffset }: { offset: number; size: number; total: number; onOffset(offset: number): void }) {
  const { t } = useTranslation()
  if (total <= size && offset === 0) return null
  return (
    <div className="peta-pager" data-testid="peta-pager">
      <button type="button" className="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - size))} aria-label={t('peta.pager.previous')}>
        ‹
      </button>
      <span>
        {t('peta.pager.range', { from: formatNumber(Math.min(total, offset + 1)), to: formatNumber(Math.min(total, offset + size)), total: formatNumber(total) })}
      </span>
      <button type="button" className="button" disabled={offset + size >= total} onClick={() => onOffset(offset + size)} aria-label={t('peta.pager.next')}>
        ›
      </button>
    </div>
  )
}
