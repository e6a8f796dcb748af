// The last error of the app's background work (routing upkeep, sync schedule, scheduled backups, deadline
// rebuilds, the store check at start: `sync.background`), once, in a small banner above the tabs, while it lasts.
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { when } from './time.ts'

export function BackgroundBanner() {
  const { t } = useTranslation()
  const { kabupaten, today } = useFilters()
  const states = useQuery({ ...useTRPC().sync.background.queryOptions(), refetchInterval: 30_000 }).data
  // The failing task whose error came last: one line, not a list of everything that ever went wrong.
  const last = (states ?? []).filter((s) => s.failures > 0).sort((a, b) => (b.lastErrorAt ?? 0) - (a.lastErrorAt ?? 0))[0]
  if (!last) return null
  const timeZone = kabupaten?.time_zone ?? 'Asia/Jakarta'
  return (
    <p className="banner banner-warning sinkron-background" role="alert" data-testid="background-error" data-task={last.name}>
      {t('sinkron.background.failed', { label: last.label, at: when(last.lastErrorAt, timeZone, today), error: last.lastError })}
      {last.retryAt !== null && <span className="sinkron-background-retry"> {t('sinkron.background.retry', { at: when(last.retryAt, timeZone, today) })}</span>}
    </p>
  )
}
