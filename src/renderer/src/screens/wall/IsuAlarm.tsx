// The wall's alarm for rising issues (isu.list), refreshed every minute: the most unusual one in words a room can
// read from its seats, and how many more there are.
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'
import { isuNumbers, isuPlace, isuWhat } from '#renderer/isu/labels.ts'
import '#renderer/styles/isu.css'

export function IsuAlarm({ kabupaten }: { kabupaten: string | undefined }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const list = useQuery({ ...trpc.isu.list.queryOptions(kabupaten ? { kabupaten } : skipToken), refetchInterval: 60_000 })
  const issues = list.data?.issues ?? []
  if (issues.length === 0) return null
  const i = issues[0]
  return (
    <div className="wall-isu" role="alert" data-testid="wall-isu" data-count={issues.length}>
      <strong>{t('isu.title', { count: issues.length })}</strong>
      <span>
        {isuWhat(t, i)} {isuPlace(t, i)} · {isuNumbers(t, i)}
      </span>
      {issues.length > 1 && <span>{t('isu.more', { n: formatNumber(issues.length - 1) })}</span>}
    </div>
  )
}
