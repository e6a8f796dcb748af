import { useTranslation } from 'react-i18next'
import { urgencyOf } from './deadline.ts'

/** "3 hari kerja lagi", "hari ini", "lewat 2 hari kerja": the one thing a liaison must see first. */
export function DeadlineBadge({ sisaHariKerja, terlambat }: { sisaHariKerja: number | null; terlambat: boolean }) {
  const { t } = useTranslation()
  const urgency = urgencyOf(sisaHariKerja, terlambat)
  const text =
    sisaHariKerja === null
      ? t('penghubung.deadline.none')
      : urgency === 'terlambat'
        ? t('penghubung.deadline.overdue', { count: Math.max(1, -sisaHariKerja) })
        : sisaHariKerja === 0
          ? t('penghubung.deadline.today')
          : t('penghubung.deadline.left', { count: sisaHariKerja })
  return (
    <span className={`ph-deadline is-${urgency}`} data-testid="ph-deadline" data-hk={sisaHariKerja ?? ''}>
      {text}
    </span>
  )
}
