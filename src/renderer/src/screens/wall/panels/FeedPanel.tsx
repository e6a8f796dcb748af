import { useTranslation } from 'react-i18next'
import { CaseRow } from './CaseRow.tsx'
import type { WallSnapshot } from '../useWallData.ts'

export function FeedPanel({ s, today }: { s: WallSnapshot; today: string }) {
  const { t } = useTranslation()
  if (s.feed.length === 0) return <p className="wall-empty">{t('wall.feed.none')}</p>
  return (
    <ol className="wall-cases wall-feed">
      {s.feed.map((c) => (
        <CaseRow key={`${c.id}:${c.updated_at}`} c={c} timeZone={s.kabupaten.time_zone} today={today} testId="wall-feed-item" />
      ))}
    </ol>
  )
}
