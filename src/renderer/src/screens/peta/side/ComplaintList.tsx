// The open kecamatan's complaints of the period (the ones its volume counts), newest first and paged; narrowed to
// a desa when one is chosen on the map. A click opens the complaint in the side panel.
import { useState } from 'react'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import type { Kabupaten } from '#renderer/api/trpc.ts'
import type { Period } from '#shared/domain.ts'
import type { ScreenFilter } from '#renderer/filters/filters.tsx'
import { formatNumber } from '#renderer/format.ts'
import { periodListHref } from '#renderer/filters/drill.ts'
import { PAGE_SIZE, useComplaintPage } from '../useComplaintPage.ts'
import { ComplaintRow } from './ComplaintRow.tsx'
import { Pager } from './Pager.tsx'

type ComplaintListProps = {
  kabupaten: Kabupaten
  kecamatan: { kode: string; nama: string }
  desa: { kode: string; nama: string } | null
  period: Period
  filter: ScreenFilter | undefined
  onOpen(id: number): void
  onAllDesa(): void
}

export function ComplaintList({ kabupaten, kecamatan, desa, period, filter, onOpen, onAllDesa }: ComplaintListProps) {
  const { t } = useTranslation()
  const [offset, setOffset] = useState(0)
  const page = useComplaintPage({ kabupaten, queue: 'semua', kecamatan: kecamatan.kode, desa: desa?.kode, period, filter, offset })
  const total = page.data?.total
  const { search } = useLocation()
  return (
    <Panel title={t('peta.list.title', { place: desa?.nama ?? kecamatan.nama })} className="peta-panel" testId="peta-list">
      <div className="peta-list-head">
        <span data-testid="peta-list-total" data-value={total ?? ''}>
          {total === undefined ? t('app.loading') : t('peta.list.total', { n: formatNumber(total) })}
        </span>
        {/* Antrean narrows by kecamatan, not desa: the whole kecamatan's list opens there. */}
        {!desa && (
          <Link className="button peta-chip" data-testid="peta-list-antrean" to={periodListHref(search, period, { kec: kecamatan.kode })}>
            {t('peta.list.openQueue')}
          </Link>
        )}
        {desa && (
          <button type="button" className="button peta-chip" data-testid="peta-list-all-desa" onClick={onAllDesa}>
            {t('peta.list.allDesa', { kecamatan: kecamatan.nama })}
          </button>
        )}
      </div>
      {total === 0 && <p className="empty">{t('peta.list.empty')}</p>}
      <ol className={`peta-rows ${page.isPlaceholderData ? 'is-updating' : ''}`} aria-busy={page.isFetching}>
        {page.data?.rows.map((row) => (
          <li key={row.id}>
            <button type="button" className="peta-row" data-testid="peta-list-row" data-id={row.id} data-tracking-id={row.tracking_id} onClick={() => onOpen(row.id)}>
              <ComplaintRow row={row} timeZone={kabupaten.time_zone} />
            </button>
          </li>
        ))}
      </ol>
      {total !== undefined && <Pager offset={offset} size={PAGE_SIZE} total={total} onOffset={setOffset} />}
    </Panel>
  )
}
