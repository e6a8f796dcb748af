// The sources of the kabupaten on screen, each with its state and live progress, and the history of runs.
import { useState } from 'react'
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { can } from '#shared/roles.ts'
import { SourceCard } from './SourceCard.tsx'
import { RunHistory } from './RunHistory.tsx'
import { SourceForm, type Editing } from './SourceForm.tsx'
import type { ProgressBySource } from './useSyncProgress.ts'

export function SourcesView({ progress }: { progress: ProgressBySource }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { kabupaten } = useFilters()
  const kode = kabupaten?.kode
  const role = useQuery(trpc.session.queryOptions()).data?.user?.role
  const sources = useQuery({ ...trpc.sync.sources.queryOptions(kode ? { kabupaten: kode } : skipToken), refetchInterval: 30_000 }).data
  const [editing, setEditing] = useState<Editing | null>(null)
  const isAdmin = can(role, 'administer')
  return (
    <div className="sinkron-sources">
      <section className="sinkron-source-list" aria-label={t('sinkron.tabs.sumber')}>
        {sources?.length === 0 && (
          <div className="panel">
            <p className="empty">{t('sinkron.noSources')}</p>
            <p className="note">{t('sinkron.noSourcesHint')}</p>
          </div>
        )}
        {sources?.map((s) => (
          <SourceCard key={s.id} source={s} live={progress.get(s.id) ?? s.progress} role={role} onEdit={isAdmin ? () => setEditing({ source: s }) : undefined} />
        ))}
        {isAdmin && kode && !editing && (
          <button type="button" className="button sinkron-add" data-testid="source-add" onClick={() => setEditing({ source: null })}>
            + {t('sinkron.form.add')}
          </button>
        )}
        {editing && kode && <SourceForm editing={editing} kabupaten={kode} onDone={() => setEditing(null)} />}
      </section>
      <RunHistory kabupaten={kode} timeZone={kabupaten?.time_zone ?? 'Asia/Jakarta'} />
    </div>
  )
}
