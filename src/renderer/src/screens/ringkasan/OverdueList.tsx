// The most overdue open complaints now (the "terlambat" queue, most overdue first), each opening its detail in
// Antrean. A "now" list: the period does not narrow it, the category and channel filters do, as they narrow the
// whole overdue queue the link opens (most overdue first, so the complaint heads it).
import { memo } from 'react'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { formatNumber } from '#renderer/format.ts'
import { sharedFilters } from '#renderer/filters/links.ts'
import type { Outputs } from '#renderer/api/trpc.ts'

type OverdueRow = Outputs['complaints']['queue']['rows'][number]

const DAY = 86_400_000

type OverdueListProps = { className: string; rows: OverdueRow[] | undefined; now: number }

function OverdueListView({ className, rows, now }: OverdueListProps) {
  const { t } = useTranslation()
  const { search } = useLocation()
  return (
    <Panel title={t('ringkasan.overdue')} className={className} testId="overdue">
      {rows && rows.length === 0 && <p className="empty">{t('ringkasan.noneOverdue')}</p>}
      <ol className="feed">
        {rows?.map((c) => {
          const days = c.next_due_at === null ? 0 : Math.floor((now - c.next_due_at) / DAY)
          const params = sharedFilters(search, ['kab', 'kategori', 'kanal'])
          params.set('urut', 'tenggat')
          params.set('id', String(c.id))
          const href = `/antrean/terlambat?${params}`
          return (
            <li key={c.id} className="feed-item" data-testid="overdue-item" data-tracking-id={c.tracking_id}>
              <Link to={href} className="feed-link">
                <div className="feed-head">
                  <span className="feed-id">#{c.tracking_id}</span>
                  <span className="feed-late">{days >= 1 ? t('ringkasan.overdueBy', { n: formatNumber(days) }) : t('ringkasan.overdueToday')}</span>
                </div>
                <div className={`feed-title ${c.judul === null ? 'is-rahasia' : ''}`}>{c.judul ?? t('ringkasan.rahasia')}</div>
                <div className="feed-meta">
                  <span className="feed-where">
                    {c.kecamatan ?? t('ringkasan.noKecamatan')} · {c.unit ?? t('ringkasan.noUnit')}
                  </span>
                </div>
              </Link>
            </li>
          )
        })}
      </ol>
    </Panel>
  )
}

export const OverdueList = memo(OverdueListView)
