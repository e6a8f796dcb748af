// The KPI tiles of Ringkasan: what came in, what is open and late now, how fast OPD answer, how much is done.
import { memo } from 'react'
import { useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { KpiTile } from '#renderer/components/KpiTile.tsx'
import { formatNumber, formatPercent } from '#renderer/format.ts'
import type { OverviewSummary } from '#renderer/api/trpc.ts'
import type { Period } from '#shared/period.ts'
import { kinerjaHref, nowQueueHref, periodListHref } from '#renderer/filters/drill.ts'
import { UniqueLine } from '#renderer/isu/UniqueLine.tsx'

/** A number inside a hint, with its raw value for tests and tools (like the tiles' own numbers). */
function HintNumber({ testId, value }: { testId: string; value: number | undefined }) {
  return (
    <strong data-testid={testId} data-value={value ?? ''}>
      {value === undefined ? '…' : formatNumber(value)}
    </strong>
  )
}

/** Every tile opens what it counts: period numbers the period's complaints, "now" numbers their work queue. */
function KpiRowView({ summary: s, period }: { summary: OverviewSummary | undefined; period: Period }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const hk = (n: number | null) => (n === null ? '–' : t('ringkasan.hk', { n: formatNumber(n) }))
  const before = (text: string) => t('ringkasan.hint.previous', { value: text })
  return (
    <div className="area-kpi kpi-row">
      <KpiTile
        testId="kpi-masuk"
        label={t('ringkasan.kpi.masuk')}
        value={s?.masuk}
        href={periodListHref(search, s?.period ?? period)}
        hint={
          <>
            <span data-testid="kpi-masuk-previous" data-value={s?.previous.masukSameAge ?? ''}>
              {s ? t('ringkasan.hint.masukPrevious', { n: formatNumber(s.previous.masukSameAge) }) : '…'}
            </span>
            {' · '}
            <HintNumber testId="kpi-tanpa-lokasi" value={s?.tanpaLokasi} /> {t('ringkasan.hint.tanpaLokasi')}
            <br />
            <UniqueLine of="masuk" />
          </>
        }
      />
      <KpiTile
        testId="kpi-terbuka"
        label={t('ringkasan.kpi.terbuka')}
        value={s?.terbuka}
        href={nowQueueHref(search, 'semua_terbuka')}
        tone="warning"
        hint={
          <>
            <HintNumber testId="kpi-belum-terverifikasi" value={s?.belumTerverifikasi} /> {t('ringkasan.hint.belumTerverifikasi')}
            <br />
            <UniqueLine of="terbuka" />
          </>
        }
      />
      <KpiTile testId="kpi-terlambat" label={t('ringkasan.kpi.terlambat')} value={s?.terlambat} hint={t('ringkasan.hint.terlambat')} tone="alert" href={nowQueueHref(search, 'terlambat', 'tenggat')} />
      <KpiTile
        testId="kpi-tepat-waktu"
        label={t('ringkasan.kpi.tepatWaktu')}
        value={s?.persenTepatWaktu}
        display={s ? formatPercent(s.persenTepatWaktu) : undefined}
        href={kinerjaHref(search)}
        hint={s ? before(formatPercent(s.previous.persenTepatWaktu)) : '…'}
      />
      <KpiTile
        testId="kpi-median-tl"
        label={t('ringkasan.kpi.medianTl')}
        value={s?.medianHariKerjaRespons}
        display={s ? hk(s.medianHariKerjaRespons) : undefined}
        href={kinerjaHref(search)}
        hint={s ? before(hk(s.previous.medianHariKerjaRespons)) : '…'}
      />
      <KpiTile
        testId="kpi-selesai"
        label={t('ringkasan.kpi.selesai')}
        value={s?.selesai}
        href={periodListHref(search, s?.period ?? period, { status: 'selesai' })}
        hint={
          <>
            <strong className="kpi-percent" data-testid="kpi-persen-selesai" data-value={s?.persenSelesai ?? ''}>
              {s ? formatPercent(s.persenSelesai) : '…'}
            </strong>{' '}
            {t('ringkasan.hint.selesai')}
          </>
        }
        tone="good"
      />
    </div>
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const KpiRow = memo(KpiRowView)
