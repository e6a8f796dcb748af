// The OPD league on the wall: on-time share and median for the OPD with enough reports to rank, and beside it the
// OPD with the most complaints past deadline now (a count: every OPD with a backlog, ranked or not).
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { OnTimeBar } from '#renderer/components/OnTimeBar.tsx'
import type { WallSnapshot } from '../useWallData.ts'
import { DataTable, num } from '#renderer/components/DataTable.tsx'

const ROWS = 12

export function OpdPanel({ s }: { s: WallSnapshot }) {
  const { t } = useTranslation()
  const ranked = s.league.map((r, i) => ({ ...r, rank: i + 1 }))
  const rows = ranked.length <= ROWS ? ranked : [...ranked.slice(0, ROWS / 2), null, ...ranked.slice(-ROWS / 2)]
  const days = (n: number | null) => (n === null ? '–' : formatNumber(n))
  return (
    <div className="wall-opd">
      <section className="wall-opd-league">
        <h2 className="wall-h2">{t('wall.opd.league')}</h2>
        <p className="wall-note">{t('wall.opd.rule', { n: formatNumber(s.minSample) })}</p>
        <DataTable
          rows={rows}
          empty={t('wall.opd.none')}
          emptyClassName="wall-empty"
          className="wall-table"
          testId="wall-league"
          columns={[num('#'), t('wall.opd.opd'), { label: t('wall.opd.onTime'), className: 'bar-col' }, num(t('wall.opd.median'))]}
          row={(r) =>
            r === null ? (
              <tr key="gap" className="wall-gap">
                <td colSpan={4}>…</td>
              </tr>
            ) : (
              <tr key={r.key} data-testid="wall-league-row" data-key={r.key} data-pct={r.pctResponseOnTime ?? ''}>
                <td className="num">{r.rank}</td>
                <td className="name">{r.label}</td>
                <td className="bar-col">
                  <OnTimeBar pct={r.pctResponseOnTime} className="wall-bar" />
                </td>
                <td className="num">{days(r.medianResponseHk)}</td>
              </tr>
            )
          }
        />
      </section>
      <section className="wall-opd-backlog">
        <h2 className="wall-h2">{t('wall.opd.backlog')}</h2>
        <DataTable
          rows={s.backlog}
          className="wall-table"
          testId="wall-backlog"
          columns={[t('wall.opd.opd'), num(t('wall.opd.open')), num(t('wall.opd.overdue'))]}
          row={(r) => (
            <tr key={r.key} data-testid="wall-backlog-row" data-key={r.key} data-overdue={r.overdueNow}>
              <td className="name">{r.label}</td>
              <td className="num">{formatNumber(r.openNow)}</td>
              <td className={`num ${r.overdueNow > 0 ? 'is-overdue' : ''}`}>{formatNumber(r.overdueNow)}</td>
            </tr>
          )}
        />
      </section>
    </div>
  )
}
