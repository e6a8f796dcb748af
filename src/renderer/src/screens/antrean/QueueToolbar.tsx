// Above the list: search (tracking ID or title words), kecamatan, unit, sort, whether the shared period narrows
// the queue, the status it is narrowed to (a chip that lifts it), help and the audit log. Every choice goes into the URL (see queues.ts); the search is sent after a short pause in typing.
import { useEffect, useState, type ReactNode, type RefObject } from 'react'
import { Link, useLocation } from 'react-router'
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { defaultSort, sortsOf, type QueueParams } from './queues.ts'
import { UnitFilter } from './UnitFilter.tsx'
import { PeriodScopeToggle } from './PeriodScope.tsx'
import { NewComplaintButton } from './intake/NewComplaintButton.tsx'
import type { Units } from './useUnits.ts'
import { LabelledSelect, placeChoices } from '#renderer/components/LabelledSelect.tsx'

const SEARCH_PAUSE_MS = 300

type QueueToolbarProps = {
  params: QueueParams
  kabupaten: string | undefined
  units: Units
  searchRef: RefObject<HTMLInputElement | null>
  onHelp(): void
  /** More buttons at the end of the bar (the export of this queue). */
  extra?: ReactNode
}

export function QueueToolbar({ params, kabupaten, units, searchRef, onHelp, extra }: QueueToolbarProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { search } = useLocation()
  const kecamatan = useQuery(trpc.regions.kecamatan.queryOptions(kabupaten ? { kabupaten } : skipToken)).data ?? []
  const desa = useQuery(trpc.regions.desa.queryOptions(params.kecamatan ? { kecamatan: params.kecamatan } : skipToken)).data ?? []
  const [text, setText] = useState(params.search)
  const { set } = params
  useEffect(() => setText(params.search), [params.search])
  useEffect(() => {
    if (text.trim() === params.search) return
    const timer = window.setTimeout(() => set({ cari: text.trim() || null }), SEARCH_PAUSE_MS)
    return () => window.clearTimeout(timer)
  }, [text, params.search, set])

  return (
    <div className="queue-toolbar">
      <label className="field">
        <span className="visually-hidden">{t('antrean.search')}</span>
        <input
          ref={searchRef}
          className="control queue-search"
          type="search"
          value={text}
          placeholder={t('antrean.searchPlaceholder')}
          data-testid="queue-search"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ cari: text.trim() || null })
            if (e.key === 'Escape' || e.key === 'Enter') e.currentTarget.blur()
          }}
        />
      </label>
      <LabelledSelect
        labelClassName="visually-hidden"
        label={t('antrean.kecamatan')}
        testId="queue-kecamatan"
        value={params.kecamatan ?? ''}
        onChange={(kec) => set({ kec: kec || null, desa: null })}
        blank={t('antrean.allKecamatan')}
        options={placeChoices(kecamatan)}
      />
      {params.kecamatan && (
        <LabelledSelect
          labelClassName="visually-hidden"
          label={t('antrean.desa')}
          testId="queue-desa"
          value={params.desa ?? ''}
          onChange={(d) => set({ desa: d || null })}
          blank={t('antrean.allDesa')}
          options={placeChoices(desa)}
        />
      )}
      <UnitFilter units={units} value={params.unitId} onChange={(id) => set({ unit: id === null ? null : String(id) })} />
      <div className="field">
        <span className="field-label">{t('antrean.sort')}</span>
        <div className="segmented" role="group" aria-label={t('antrean.sort')}>
          {sortsOf(params.queue).map((s) => (
            <button
              key={s}
              type="button"
              className="segment"
              aria-pressed={params.sort === s}
              data-testid={`queue-sort-${s}`}
              onClick={() => set({ urut: s === defaultSort(params.queue) ? null : s })}
            >
              {t(`antrean.sorts.${s}`)}
            </button>
          ))}
        </div>
      </div>
      <PeriodScopeToggle isOn={params.inPeriod} onChange={(isOn) => set({ 'hanya-periode': isOn ? '1' : null })} />
      {params.status && (
        // A status count on Ringkasan opened this queue narrowed to one status: say so, and let it be lifted.
        <button
          type="button"
          className="button filter-chip"
          data-testid="queue-status-chip"
          data-status={params.status}
          title={t('antrean.statusFilter.clear')}
          onClick={() => set({ status: null })}
        >
          {t('antrean.statusFilter.chip', { status: t(`status.${params.status}`) })} <span aria-hidden="true">×</span>
          <span className="visually-hidden">{t('antrean.statusFilter.clear')}</span>
        </button>
      )}
      {params.ids && (
        // A rising issue's row opened this queue narrowed to exactly its complaints: say so, and let it be lifted.
        <button
          type="button"
          className="button filter-chip"
          data-testid="queue-ids-chip"
          data-count={params.ids.length}
          title={t('antrean.idsFilter.clear')}
          onClick={() => set({ 'laporan-isu': null })}
        >
          {t('antrean.idsFilter.chip', { count: params.ids.length })} <span aria-hidden="true">×</span>
          <span className="visually-hidden">{t('antrean.idsFilter.clear')}</span>
        </button>
      )}
      <div className="queue-toolbar-end">
        {extra}
        <NewComplaintButton />
        <button type="button" className="button" data-testid="help-open" onClick={onHelp} title={t('antrean.help.open')}>
          <kbd>?</kbd> <span className="visually-hidden">{t('antrean.help.open')}</span>
        </button>
        <Link className="button" to={{ pathname: '/antrean/audit', search }} data-testid="audit-link">
          {t('antrean.audit.open')}
        </Link>
      </div>
    </div>
  )
}
