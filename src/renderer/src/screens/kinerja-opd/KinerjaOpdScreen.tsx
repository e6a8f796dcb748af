// Kinerja OPD: response performance per OPD for the shared period and filter — league tables of first tindak
// lanjut within 5 hari kerja, of working days to it and of misroutes, the backlog by age now, the trend, and
// apart from the rankings what they leave out. /kinerja-opd/<unit id> shows one OPD's bidang with the same
// charts. Every bar opens that unit's queue in Antrean. All figures come ready from kpi.table and kpi.trend.
import { useMemo } from 'react'
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useKinerjaData, type KpiRow, type Unit } from './useKinerjaData.ts'
import { ScopeBar } from './ScopeBar.tsx'
import { RankedPanel } from './RankedPanel.tsx'
import { MisroutePanel } from './MisroutePanel.tsx'
import { BacklogPanel } from './BacklogPanel.tsx'
import { TrendPanel } from './TrendPanel.tsx'
import { NotRankedPanel } from './NotRankedPanel.tsx'
import { RESPONSE_DAYS, RESPONSE_ON_TIME } from './metrics.ts'
import { rankable } from './rank.ts'
import { screenHref } from './links.ts'
import { SuggestionUptake } from './SuggestionUptake.tsx'
import './kinerja-opd.css'

export function KinerjaOpdScreen() {
  return (
    <Routes>
      <Route index element={<KinerjaView opdId={null} />} />
      <Route path="saran" element={<SuggestionUptake />} />
      <Route path=":opd" element={<OneOpd />} />
      <Route path="*" element={<ToAllOpd />} />
    </Routes>
  )
}

function OneOpd() {
  const { opd } = useParams()
  return opd && /^\d+$/.test(opd) ? <KinerjaView opdId={opd} /> : <ToAllOpd />
}

/** Back to all OPD, keeping the shared filters (an unknown or another kabupaten's OPD in the address). */
function ToAllOpd() {
  const { search } = useLocation()
  return <Navigate to={screenHref(search, null)} replace />
}

function KinerjaView({ opdId }: { opdId: string | null }) {
  const { t } = useTranslation()
  const data = useKinerjaData(opdId)
  const opd = opdId === null ? undefined : data.units?.find((u) => String(u.id) === opdId)
  const table = opdId === null ? data.opd : data.bidang
  // Kept as the same objects while the table is: the panels are memoised, and a period change then redraws
  // them once, when the new figures arrive, not also while they load.
  const rows = useMemo(() => (table?.rows ?? []).map((r) => withLabel(r, opd, t)), [table, opd, t])
  const ranked = useMemo(() => rankable(rows), [rows])
  const notRanked = useMemo(() => table && { ...table, rows }, [table, rows])
  if (opdId !== null && data.units && !opd) return <ToAllOpd />

  const headline = opdId === null ? data.opd?.total : data.opd?.rows.find((r) => r.key === opdId)
  const scope = opd ? (opd.singkatan ?? opd.nama) : t('kinerjaOpd.scope.all')
  const state = data.isLoading ? 'loading' : data.isUpdating ? 'updating' : 'ready'
  return (
    <div className={`kinerja ${data.isUpdating ? 'is-updating' : ''}`} data-testid="kinerja-opd" data-view={opdId ?? ''} data-state={state}>
      <ScopeBar
        units={data.units}
        opdId={opdId}
        level={opd ? t(`kinerjaOpd.scope.level.${opd.kind === 'kecamatan' ? 'desa' : 'bidang'}`) : t('kinerjaOpd.scope.level.opd')}
        headline={headline}
        isLoading={data.opd === undefined}
        table={table}
      />
      <RankedPanel metric={RESPONSE_ON_TIME} rows={ranked} className="area-tepat-waktu" />
      <RankedPanel metric={RESPONSE_DAYS} rows={ranked} className="area-hari-tl" />
      <MisroutePanel table={data.firstOpd} opdId={opdId} className="area-salah-sasaran" />
      <BacklogPanel rows={rows} className="area-tunggakan" />
      <TrendPanel points={data.trend} scope={scope} className="area-trend" />
      <NotRankedPanel table={notRanked} className="area-not-ranked" />
    </div>
  )
}

/** Names the rows the API cannot: the OPD's own row among its bidang, and complaints not yet dispositioned. */
function withLabel(row: KpiRow, opd: Unit | undefined, t: TFunction): KpiRow {
  if (row.key === '') return { ...row, label: t('kinerjaOpd.undispositioned.title') }
  if (opd && row.key === String(opd.id)) return { ...row, label: t('kinerjaOpd.opdLevel', { opd: opd.singkatan ?? opd.nama }) }
  return row
}
