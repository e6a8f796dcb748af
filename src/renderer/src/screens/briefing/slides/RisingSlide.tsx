// "Isu yang sedang naik": what the early warning flags now (isu.list, the same rows as Ringkasan, Peta and the wall),
// each as a card naming what, where, how many against the usual and since when; a card opens its complaints in
// Antrean. Rising issues are about now, not the briefing's period: the subtitle says so.
import { skipToken, useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'
import { issueHref, isuKey, isuNumbers, isuPlace, isuWhat } from '#renderer/isu/labels.ts'
import { SlideFrame } from './SlideFrame.tsx'
import type { SlideProps } from '../types.ts'

const SHOWN = 6

export function RisingSlide({ deck }: SlideProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const list = useQuery(trpc.isu.list.queryOptions(deck.kabupaten.kode ? { kabupaten: deck.kabupaten.kode } : skipToken)).data
  const issues = list?.issues ?? []
  const today = (list?.now ?? new Date().toISOString()).slice(0, 10)
  const search = `?kab=${deck.kabupaten.kode}`
  return (
    <SlideFrame name="naik" title={t('briefing.rising.title')} subtitle={t('briefing.rising.subtitle')} deck={deck}>
      {list && issues.length === 0 && <p className="b-empty">{t('briefing.rising.none')}</p>}
      <div className="b-rising" data-testid="b-rising" data-count={list ? issues.length : ''}>
        {issues.slice(0, SHOWN).map((i) => (
          <Link key={isuKey(i)} className="b-card b-rising-card" to={issueHref(search, i, today)} data-testid="b-rising-item" data-count={i.count}>
            <h3 className="b-card-title">
              <span>{isuWhat(t, i)}</span>
              <span className="b-card-n">{formatNumber(i.count)}</span>
            </h3>
            <p className="b-rising-place">{isuPlace(t, i)}</p>
            <p className="b-rising-numbers">{isuNumbers(t, i)}</p>
          </Link>
        ))}
      </div>
      {issues.length > SHOWN && <p className="b-empty">{t('isu.more', { n: formatNumber(issues.length - SHOWN) })}</p>}
    </SlideFrame>
  )
}
