// The category and channel filter shared by every screen (kept in the URL with the period).
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CHANNELS, type Channel } from '#shared/domain.ts'
import { useTRPC } from '../api/trpc.ts'
import { useFilters } from '../filters/filters.tsx'
import { LabelledSelect } from './LabelledSelect.tsx'

export function TopicFilter() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { filter, setFilter } = useFilters()
  const categories = useQuery(trpc.categories.list.queryOptions()).data ?? []
  return (
    <>
      <LabelledSelect
        label={t('filters.category')}
        testId="category-filter"
        value={filter?.category ?? ''}
        onChange={(v) => setFilter({ ...filter, category: v ? Number(v) : undefined })}
        blank={t('filters.allCategories')}
        options={categories.map((c) => ({ value: c.id, label: c.parent_id === null ? c.nama : `\u2003${c.nama}` }))}
      />
      <LabelledSelect
        label={t('filters.channel')}
        testId="channel-filter"
        value={filter?.channel ?? ''}
        onChange={(v) => setFilter({ ...filter, channel: (v || undefined) as Channel | undefined })}
        blank={t('filters.allChannels')}
        options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
      />
    </>
  )
}
