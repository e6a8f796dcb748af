// The queue "Kemungkinan ganda" (/antrean/ganda): open complaints of the last 14 days that look like an earlier
// complaint of the same place and are not linked to it (isu.ganda). Each row names the earlier complaint, how
// similar they are, and offers to link it as a duplicate (isu.link, audited) or, once linked, to undo that
// (isu.unlink). Both complaints open in the queue "semua". The count of the tab, the rows here and the CSV export
// (isu.gandaExport, audited as every export) are the same rows.
import { useState } from 'react'
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { sharedFilters } from '#renderer/filters/links.ts'
import { formatNumber, formatPercent } from '#renderer/format.ts'
import { can } from '#shared/roles.ts'
import { formatInstant } from '../time.ts'
import { GandaTab } from './GandaTab.tsx'
import '#renderer/styles/isu.css'
import { ErrorNote } from '#renderer/components/ErrorNote.tsx'

type GandaRow = Outputs['isu']['ganda']['rows'][number]

/** Rows shown at first and added by "Tampilkan lagi". */
const PAGE = 100

export function GandaView() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { search } = useLocation()
  const { kabupaten } = useFilters()
  const kode = kabupaten?.kode
  const timeZone = kabupaten?.time_zone ?? 'Asia/Jakarta'
  const role = useQuery(trpc.session.queryOptions()).data?.user?.role
  // A page at a time: on a large store the queue can hold thousands of rows (the count is always all of them).
  const [shown, setShown] = useState(PAGE)
  const list = useQuery(trpc.isu.ganda.queryOptions(kode ? { kabupaten: kode, limit: shown } : skipToken))
  // Rows linked here stay on screen (with their undo) until the operator leaves: a list that jumps under the
  // pointer after each click loses the place.
  const [linked, setLinked] = useState<Map<number, GandaRow>>(new Map())
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.isu.ganda.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.isu.similar.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.isu.unique.pathKey() })
  }
  const link = useMutation(trpc.isu.link.mutationOptions({ onSuccess: refresh }))
  const unlink = useMutation(trpc.isu.unlink.mutationOptions({ onSuccess: refresh }))
  const exporter = useMutation(
    trpc.isu.gandaExport.mutationOptions({
      onSuccess: (file) => {
        const a = document.createElement('a')
        a.href = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }))
        a.download = file.filename
        a.click()
        URL.revokeObjectURL(a.href)
      },
    }),
  )
  const mayLink = can(role, 'linkDuplicate')
  const open = (id: number) => `/antrean/semua?${new URLSearchParams([...sharedFilters(search, ['kab']), ['id', String(id)]])}`
  const rows = list.data?.rows
  // The rows linked during this visit stay in their place (the list is ordered by similarity).
  const visible = rows ? [...rows, ...[...linked.values()].filter((l) => !rows.some((r) => r.id === l.id))].sort((a, b) => b.score - a.score || b.id - a.id) : undefined
  const error = link.error ?? unlink.error ?? exporter.error ?? list.error

  return (
    <div className="antrean ganda-view" data-testid="ganda-view">
      <div className="ganda-head">
        <Link className="button" to={{ pathname: '/antrean/verifikasi', search: `?${sharedFilters(search, ['kab'])}` }}>
          {t('isu.ganda.back')}
        </Link>
        <GandaTab kabupaten={kode} isCurrent />
        <p className="note">{t('isu.ganda.explain')}</p>
        <button type="button" className="button" disabled={!rows || exporter.isPending} onClick={() => kode && exporter.mutate({ kabupaten: kode })} data-testid="ganda-export">
          {t('isu.ganda.export')}
        </button>
      </div>
      <ErrorNote error={error} />
      {visible === undefined ? (
        <p className="empty">…</p>
      ) : visible.length === 0 ? (
        <p className="empty" data-testid="ganda-empty">
          {t('isu.ganda.none')}
        </p>
      ) : (
        <ul className="ganda-list" data-testid="ganda-list" data-count={list.data?.count}>
          {visible.map((r) => {
            const linkedTo = linked.get(r.id)?.main.tracking_id
            return (
              <li key={r.id} className={`ganda-row ${linkedTo ? 'is-linked' : ''}`} data-testid="ganda-row" data-id={r.id} data-main={r.main.id}>
                <div className="ganda-what">
                  <Link to={open(r.id)} className="ganda-tracking">
                    #{r.tracking_id}
                  </Link>
                  <span className="ganda-title">{r.judul ?? t('isu.ganda.hiddenTitle')}</span>
                  <span className="ganda-meta">
                    {[r.desa, r.kecamatan].filter(Boolean).join(', ')} · {formatInstant(r.submitted_at, timeZone)}
                  </span>
                </div>
                <div className="ganda-match">
                  {t('isu.ganda.like')}{' '}
                  <Link to={open(r.main.id)} className="ganda-tracking">
                    #{r.main.tracking_id}
                  </Link>{' '}
                  <span className="similar-score">{t('isu.similar.score', { pct: formatPercent(r.score * 100) })}</span>{' '}
                  <span className="similar-place">{t(`isu.similar.place.${r.samePlace}`)}</span>
                  {r.matches > 1 && <span className="ganda-more"> · {t('isu.ganda.matches', { n: formatNumber(r.matches) })}</span>}
                </div>
                {mayLink &&
                  (linkedTo ? (
                    <button
                      type="button"
                      className="button"
                      disabled={unlink.isPending}
                      data-testid="ganda-unlink"
                      onClick={() =>
                        unlink.mutate(
                          { id: r.id },
                          {
                            onSuccess: () =>
                              setLinked((m) => {
                                const next = new Map(m)
                                next.delete(r.id)
                                return next
                              }),
                          },
                        )
                      }
                    >
                      {t('isu.similar.unlink')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button primary"
                      disabled={link.isPending}
                      data-testid="ganda-link"
                      onClick={() => link.mutate({ id: r.id, mainId: r.main.id, score: r.score }, { onSuccess: () => setLinked((m) => new Map(m).set(r.id, r)) })}
                    >
                      {t('isu.ganda.link', { main: r.main.tracking_id })}
                    </button>
                  ))}
                {linkedTo && <span className="form-ok">{t('isu.ganda.linked', { main: linkedTo })}</span>}
              </li>
            )
          })}
        </ul>
      )}
      {list.data && list.data.count > list.data.rows.length && (
        <button type="button" className="button" data-testid="ganda-more" onClick={() => setShown((n) => n + PAGE)}>
          {t('isu.ganda.more', { n: formatNumber(Math.min(PAGE, list.data.count - list.data.rows.length)), total: formatNumber(list.data.count) })}
        </button>
      )}
    </div>
  )
}

