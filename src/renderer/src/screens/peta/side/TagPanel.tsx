// Complaints of the period that have no kecamatan yet (the map cannot count them), and tagging them: pick the
// complaints, pick the place (from the lists, or by clicking the map), and complaints.act {action: 'location'}
// writes it. The API decides who may: a viewer's attempt comes back refused, and the refusal is shown as said.
import { useEffect, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { useTRPC, type Kabupaten } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import type { Period } from '#shared/domain.ts'
import type { ScreenFilter } from '#renderer/filters/filters.tsx'
import { formatNumber } from '#renderer/format.ts'
import { PAGE_SIZE, useComplaintPage } from '../useComplaintPage.ts'
import { ComplaintRow } from './ComplaintRow.tsx'
import { Pager } from './Pager.tsx'
import { PlacePicker, type Place } from './PlacePicker.tsx'

type TagPanelProps = {
  kabupaten: Kabupaten
  period: Period
  filter: ScreenFilter | undefined
  /** The place open on the map; the picker follows it. */
  mapPlace: Place
  isViewer: boolean
}

type Outcome = { done: number; refused: { id: number; reason: string }[]; place: string } | { error: string }

export function TagPanel({ kabupaten, period, filter, mapPlace, isViewer }: TagPanelProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [offset, setOffset] = useState(0)
  const [selected, setSelected] = useState<Set<number>>(new Set())
  const [place, setPlace] = useState<Place>(mapPlace)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  // The picker follows the map when another kecamatan or desa is opened there (clicking the map picks the place).
  useEffect(() => setPlace(mapPlace), [mapPlace.kecamatan, mapPlace.desa])
  const page = useComplaintPage({ kabupaten, queue: 'tanpa_lokasi', period, filter, offset })
  const rows = page.data?.rows ?? []
  const single = selected.size === 1 ? [...selected][0] : null
  const act = useMutation(trpc.complaints.act.mutationOptions())
  const kecamatanList = useQuery(trpc.regions.kecamatan.queryOptions({ kabupaten: kabupaten.kode })).data
  const placeName = (p: Place) => kecamatanList?.find((k) => k.kode === p.kecamatan)?.nama ?? p.kecamatan
  const trackingOf = (id: number) => rows.find((r) => r.id === id)?.tracking_id ?? String(id)

  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s)
      if (!next.delete(id)) next.add(id)
      return next
    })

  const submit = () => {
    setOutcome(null)
    act.mutate(
      { action: 'location', ids: [...selected], kecamatan: place.kecamatan, desa: place.desa || null },
      {
        onSuccess: (result) => {
          setOutcome({ done: result.done.length, refused: result.refused, place: placeName(place) })
          setSelected(new Set())
          // The live channel announces the change too; asking at once makes the count and the map follow now.
          void queryClient.invalidateQueries()
        },
        onError: (error) => {
          const p = describeError(error)
          setOutcome({ error: t(`errors.${p.kind}`, { detail: p.detail }) })
        },
      },
    )
  }
  return (
    <Panel title={t('peta.tag.title')} className="peta-panel peta-tag" testId="peta-tag">
      <p className="peta-tag-lead" data-testid="peta-tag-total" data-value={page.data?.total ?? ''}>
        {page.data ? t('peta.tag.lead', { n: formatNumber(page.data.total) }) : t('app.loading')}
      </p>
      {isViewer && <p className="note">{t('peta.tag.viewerNote')}</p>}
      <ol className={`peta-rows ${page.isPlaceholderData ? 'is-updating' : ''}`}>
        {rows.map((row) => (
          <li key={row.id}>
            <label className={`peta-row peta-tag-row ${selected.has(row.id) ? 'is-selected' : ''}`} data-testid="peta-tag-row" data-id={row.id}>
              <input type="checkbox" checked={selected.has(row.id)} onChange={() => toggle(row.id)} aria-label={t('peta.tag.select', { id: row.tracking_id })} />
              <span className="peta-tag-row-body">
                <ComplaintRow row={row} timeZone={kabupaten.time_zone} />
              </span>
            </label>
          </li>
        ))}
      </ol>
      {page.data && page.data.total === 0 && <p className="empty">{t('peta.tag.none')}</p>}
      {page.data && <Pager offset={offset} size={PAGE_SIZE} total={page.data.total} onOffset={setOffset} />}
      <div className="peta-tag-form">
        {single !== null && <LocationHint id={single} />}
        <p className="peta-tag-place-hint">{t('peta.tag.placeHint')}</p>
        <PlacePicker kabupaten={kabupaten.kode} value={place} onChange={setPlace} />
        <button
          type="button"
          className="button primary"
          data-testid="peta-tag-submit"
          disabled={selected.size === 0 || !place.kecamatan || act.isPending}
          onClick={submit}
        >
          {t('peta.tag.submit', { n: formatNumber(selected.size) })}
        </button>
        {outcome && 'error' in outcome && (
          <p className="form-error" role="alert" data-testid="peta-tag-error">
            {outcome.error}
          </p>
        )}
        {outcome && 'done' in outcome && (
          <div role="status" data-testid="peta-tag-outcome" data-done={outcome.done}>
            {outcome.done > 0 && <p className="peta-tag-done">{t('peta.tag.done', { n: formatNumber(outcome.done), place: outcome.place })}</p>}
            {outcome.refused.map((r) => (
              <p key={r.id} className="form-error">
                {t('peta.tag.refused', { id: trackingOf(r.id), reason: r.reason })}
              </p>
            ))}
          </div>
        )}
      </div>
    </Panel>
  )
}

/** What the complaint itself says about where it happened, to tag it by. */
function LocationHint({ id }: { id: number }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const d = useQuery(trpc.complaints.detail.queryOptions({ id })).data
  if (!d) return null
  return (
    <div className="peta-tag-hint" data-testid="peta-tag-hint">
      <span className="field-label">{t('peta.tag.hint')}</span>
      <p>{d.lokasi_text ?? t('peta.tag.noHint')}</p>
    </div>
  )
}
