import { useEffect, useRef, memo } from 'react'
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { StatusBadge } from '#renderer/components/StatusBadge.tsx'
import { formatWhen } from '#renderer/format.ts'
import type { LatestComplaint } from '#renderer/api/trpc.ts'

type LatestFeedProps = {
  className: string
  items: LatestComplaint[] | undefined
  kabupatenKode: string | undefined
  timeZone: string
  today: string
}

/** What just arrived or changed. Rows that appeared since the last refresh flash once. */
function LatestFeedView({ className, items, kabupatenKode, timeZone, today }: LatestFeedProps) {
  const { t } = useTranslation()
  const seen = useRef<{ kabupaten: string | undefined; keys: Set<string> } | null>(null)
  const keyOf = (c: LatestComplaint) => `${c.id}:${c.updated_at}`
  const isNew = (c: LatestComplaint) => seen.current !== null && seen.current.kabupaten === kabupatenKode && !seen.current.keys.has(keyOf(c))
  useEffect(() => {
    if (items) seen.current = { kabupaten: kabupatenKode, keys: new Set(items.map(keyOf)) }
  }, [items, kabupatenKode])

  return (
    <Panel title={t('ringkasan.terbaru')} className={className} testId="latest">
      {items && items.length === 0 && <p className="empty">{t('ringkasan.noneLatest')}</p>}
      <ol className="feed">
        {items?.map((c) => (
          <li key={keyOf(c)} className={`feed-item ${isNew(c) ? 'is-new' : ''}`} data-testid="latest-item" data-tracking-id={c.tracking_id}>
            <div className="feed-head">
              <span className="feed-id">#{c.tracking_id}</span>
              <time className="feed-time" dateTime={new Date(c.updated_at).toISOString()}>
                {formatWhen(c.updated_at, timeZone, today)}
              </time>
            </div>
            <div className={`feed-title ${c.judul === null ? 'is-rahasia' : ''}`}>{c.judul ?? t('ringkasan.rahasia')}</div>
            <div className="feed-meta">
              <StatusBadge status={c.status} />
              <span className="feed-where">
                {c.kecamatan ?? t('ringkasan.noKecamatan')} · {c.unit ?? t('ringkasan.noUnit')}
              </span>
            </div>
          </li>
        ))}
      </ol>
    </Panel>
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const LatestFeed = memo(LatestFeedView)
