// The category and channel filter shared by every screen (kept in the URL with the period).
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CHANNELS, type Channel } from '#shared/domain.ts'
import { useTRPC } from '../api/trpc.ts'
import { useFilters } from '../filters/filters.tsx'

export function TopicFilter() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { filter, setFilter } = useFilters()
  const categories = useQuery(trpc.categories.list.queryOptions()).data ?? []
  return (
    <>
      <label className="field">
        <span className="field-label">{t('filters.category')}</span>
        <select
          className="control"
          data-testid="category-filter"
          value={filter?.category ?? ''}
          onChange={(e) => setFilter({ ...filter, category: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">{t('filters.allCategories')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.parent_id === null ? c.nama : `\u2003${c.nama}`}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('filters.channel')}</span>
        <select
          className="control"
          data-testid="channel-filter"
          value={filter?.channel ?? ''}
          onChange={(e) => setFilter({ ...filter, channel: (e.target.value || undefined) as Channel | undefined })}
        >
          <option value="">{t('filters.allChannels')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  )
}
