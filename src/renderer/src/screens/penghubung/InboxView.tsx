// The inbox: the units' complaints, most urgent first (the server orders them: overdue, then fewest hari kerja
// left). Each card says how long is left, what is asked and where; a tap opens the complaint. The filter is in
// the URL (?f=terlambat) so the back button returns to the same list.
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { INBOX_FILTERS, type InboxFilter } from '#shared/liaison.ts'
import { DeadlineBadge } from './DeadlineBadge.tsx'
import { LoadState } from './LoadState.tsx'

const PAGE = 50

function isFilter(v: string | null): v is InboxFilter {
  return (INBOX_FILTERS as readonly string[]).includes(v ?? '')
}

export function InboxView() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const filter: InboxFilter = isFilter(params.get('f')) ? (params.get('f') as InboxFilter) : 'semua'
  const [limit, setLimit] = useState(PAGE)
  const inbox = useQuery({ ...useTRPC().liaison.inbox.queryOptions({ filter, limit }), placeholderData: keepPreviousData })
  const data = inbox.data
  return (
    <section className="ph-inbox" aria-labelledby="ph-inbox-title">
      <div className="ph-heading">
        <h1 id="ph-inbox-title">{t('penghubung.inbox.title')}</h1>
        <Link className="ph-link" to="/penghubung/angka" data-testid="ph-to-numbers">
          {t('penghubung.numbers.link')}
        </Link>
      </div>
      <div className="ph-filters" role="tablist" aria-label={t('penghubung.inbox.filterLabel')}>
        {INBOX_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={f === filter}
            className={`ph-filter is-${f}`}
            data-testid={`ph-filter-${f}`}
            onClick={() => {
              setLimit(PAGE)
              setParams(f === 'semua' ? {} : { f }, { replace: true })
            }}
          >
            <span>{t(`penghubung.filters.${f}`)}</span>
            <span className="ph-count">{data ? data.counts[f] : '·'}</span>
          </button>
        ))}
      </div>
      <LoadState query={inbox} />
      {data && data.rows.length === 0 && (
        <p className="ph-empty" data-testid="ph-empty">
          {t(`penghubung.inbox.empty.${filter}`)}
        </p>
      )}
      <ol className="ph-cards" data-testid="ph-cards">
        {data?.rows.map((row) => (
          <li key={row.id}>
            <Link className="ph-card" to={`/penghubung/${row.id}`} data-testid="ph-card" data-id={row.id}>
              <div className="ph-card-top">
                <DeadlineBadge sisaHariKerja={row.sisaHariKerja} terlambat={row.terlambat} />
                <span className="ph-nomor">{row.nomor}</span>
              </div>
              <strong className="ph-judul">{row.judul}</strong>
              {row.diminta && (
                <span className="ph-diminta">
                  <span className="ph-label">{t('penghubung.asked')}</span> {row.diminta}
                </span>
              )}
              <span className="ph-meta">
                {[row.kategori, row.desa, row.kecamatan].filter(Boolean).join(' · ')}
                {row.unit && data.rows.some((r) => r.unit?.id !== row.unit?.id) ? ` · ${row.unit.nama}` : ''}
              </span>
              {row.menungguKeputusan && <span className="ph-tag is-waiting">{t('penghubung.inbox.waiting')}</span>}
              {row.ditolakKembali && (
                <span className="ph-tag is-rejected" data-testid="ph-rejected">
                  {t('penghubung.inbox.rejected', { alasan: row.ditolakKembali.alasan })}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ol>
      {data?.nextCursor != null && limit < 200 && (
        <button type="button" className="ph-button ph-more" onClick={() => setLimit((l) => Math.min(200, l + PAGE))} disabled={inbox.isFetching}>
          {t('penghubung.inbox.more')}
        </button>
      )}
    </section>
  )
}
