// The OPD league on the wall: on-time share and median for the OPD with enough reports to rank, and beside it the
// OPD with the most complaints past deadline now (a count: every OPD with a backlog, ranked or not).
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { OnTimeBar } from '#renderer/components/OnTimeBar.tsx'
import type { WallSnapshot } from '../useWallData.ts'

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
        {ranked.length === 0 ? (
          <p className="wall-empty">{t('wall.opd.none')}</p>
        ) : (
          <table className="wall-table" data-testid="wall-league">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>{t('wall.opd.opd')}</th>
                <th className="bar-col">{t('wall.opd.onTime')}</th>
                <th className="num">{t('wall.opd.median')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) =>
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
                ),
              )}
            </tbody>
          </table>
        )}
      </section>
      <section className="wall-opd-backlog">
        <h2 className="wall-h2">{t('wall.opd.backlog')}</h2>
        <table className="wall-table" data-testid="wall-backlog">
          <thead>
            <tr>
              <th>{t('wall.opd.opd')}</th>
              <th className="num">{t('wall.opd.open')}</th>
              <th className="num">{t('wall.opd.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {s.backlog.map((r) => (
              <tr key={r.key} data-testid="wall-backlog-row" data-key={r.key} data-overdue={r.overdueNow}>
                <td className="name">{r.label}</td>
                <td className="num">{formatNumber(r.openNow)}</td>
                <td className={`num ${r.overdueNow > 0 ? 'is-overdue' : ''}`}>{formatNumber(r.overdueNow)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
