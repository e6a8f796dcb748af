import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { KpiTile } from '../../components/KpiTile.tsx'
import { formatPercent } from '../../format.ts'
import type { OverviewSummary } from '../../api/trpc.ts'

function KpiRowView({ summary }: { summary: OverviewSummary | undefined }) {
  const { t } = useTranslation()
  return (
    <div className="area-kpi kpi-row">
      <KpiTile testId="kpi-masuk" label={t('ringkasan.kpi.masuk')} value={summary?.masuk} hint={t('ringkasan.hint.masuk')} />
      <KpiTile testId="kpi-terbuka" label={t('ringkasan.kpi.terbuka')} value={summary?.terbuka} hint={t('ringkasan.hint.terbuka')} tone="warning" />
      <KpiTile
        testId="kpi-belum-terverifikasi"
        label={t('ringkasan.kpi.belumTerverifikasi')}
        value={summary?.belumTerverifikasi}
        hint={t('ringkasan.hint.belumTerverifikasi')}
        tone="alert"
      />
      <KpiTile
        testId="kpi-selesai"
        label={t('ringkasan.kpi.selesai')}
        value={summary?.selesai}
        hint={
          <>
            <strong className="kpi-percent" data-testid="kpi-persen-selesai" data-value={summary?.persenSelesai ?? ''}>
              {summary ? formatPercent(summary.persenSelesai) : '…'}
            </strong>{' '}
            {t('ringkasan.hint.selesai')}
          </>
        }
        tone="good"
      />
      <KpiTile testId="kpi-tanpa-lokasi" label={t('ringkasan.kpi.tanpaLokasi')} value={summary?.tanpaLokasi} hint={t('ringkasan.hint.tanpaLokasi')} />
    </div>
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const KpiRow = memo(KpiRowView)
