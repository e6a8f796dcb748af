// The OPD league: share of first tindak lanjut within 5 hari kerja and the median, best first. Only OPD above
// the minimum sample are ranked (one quick answer must not top a league); a long league shows its best and worst.
import { useTranslation } from 'react-i18next'
import { formatNumber, formatPercent } from '#renderer/format.ts'
import { compare } from '../compare.ts'
import { OnTimeBar } from '#renderer/components/OnTimeBar.tsx'
import { SlideFrame } from './SlideFrame.tsx'
import type { OpdFigures, SlideProps } from '../types.ts'
import { DataTable, num } from '#renderer/components/DataTable.tsx'

/** Rows that fit the slide at briefing type size; a longer league shows half from each end. */
export const LEAGUE_ROWS = 12

export function leagueRows(league: OpdFigures[]): (OpdFigures & { rank: number } | { gap: number })[] {
  const ranked = league.map((r, i) => ({ ...r, rank: i + 1 }))
  if (ranked.length <= LEAGUE_ROWS) return ranked
  const half = LEAGUE_ROWS / 2
  return [...ranked.slice(0, half), { gap: ranked.length - LEAGUE_ROWS }, ...ranked.slice(-half)]
}

export function LeagueSlide({ deck }: SlideProps) {
  const { t } = useTranslation()
  const days = (n: number | null) => (n === null ? '–' : formatNumber(n))
  return (
    <SlideFrame
      name="liga"
      title={t('briefing.league.title')}
      subtitle={
        <>
          {t('briefing.league.rule', { n: formatNumber(deck.minSample) })}{' '}
          {deck.notRanked > 0 && t('briefing.league.notRanked', { n: formatNumber(deck.notRanked) })}
        </>
      }
      deck={deck}
    >
      <DataTable
        rows={leagueRows(deck.league)}
        empty={t('briefing.league.none')}
        emptyClassName="b-empty"
        className="b-table b-league"
        testId="b-league"
        columns={[num('#'), t('briefing.league.opd'), num(t('briefing.league.n')), { label: t('briefing.league.onTime'), className: 'bar-col' }, num(t('briefing.league.median')), num(t('briefing.league.previous'))]}
        row={(r) =>
          'gap' in r ? (
            <tr key="gap" className="b-gap">
              <td colSpan={6}>{t('briefing.league.gap', { n: formatNumber(r.gap) })}</td>
            </tr>
          ) : (
            <LeagueRow key={r.key} row={r} days={days} />
          )
        }
      />
    </SlideFrame>
  )
}

function LeagueRow({ row, days }: { row: OpdFigures & { rank: number }; days(n: number | null): string }) {
  const change = compare(row.pctResponseOnTime, row.previousPctResponseOnTime, 'percent', 'higher')
  return (
    <tr
      data-testid="b-league-row"
      data-key={row.key}
      data-rank={row.rank}
      data-n={row.n}
      data-pct={row.pctResponseOnTime ?? ''}
      data-median={row.medianResponseHk ?? ''}
    >
      <td className="num rank">{row.rank}</td>
      <td className="name">{row.label}</td>
      <td className="num">{formatNumber(row.n)}</td>
      <td className="bar-col">
        <OnTimeBar pct={row.pctResponseOnTime} className="b-bar" />
      </td>
      <td className="num">{days(row.medianResponseHk)}</td>
      <td className={`num b-prev tone-${change.tone}`}>
        {change.direction === 'up' ? '▲ ' : change.direction === 'down' ? '▼ ' : ''}
        {formatPercent(row.previousPctResponseOnTime)}
      </td>
    </tr>
  )
}
