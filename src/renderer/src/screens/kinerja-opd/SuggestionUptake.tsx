// How good are tanggap's disposition suggestions, per OPD (routing.uptake): of the dispositions decided in tanggap
// in the shared period, how many followed the suggestion, and — once the complaint is selesai — whether the
// suggestion named the unit that finished it. The rule is printed above the table so an OPD can check its row;
// the confidence bands below say whether "90 %" comes true about 9 times in 10.
import { Link, useLocation } from 'react-router'
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { Panel } from '#renderer/components/Panel.tsx'
import { DataTable, num } from '#renderer/components/DataTable.tsx'
import { formatDate, formatNumber, formatPercent } from '#renderer/format.ts'
import { screenHref } from './links.ts'

type Uptake = Outputs['routing']['uptake']
type Counts = Uptake['total']

const pct = (n: number, of: number) => (of === 0 ? null : (100 * n) / of)

export function SuggestionUptake() {
  const { t } = useTranslation()
  const { search } = useLocation()
  const { kabupaten, period } = useFilters()
  const trpc = useTRPC()
  const q = useQuery(trpc.routing.uptake.queryOptions(kabupaten ? { kabupaten: kabupaten.kode, period } : skipToken))
  const u = q.data
  const share = (n: number, of: number) => (
    <>
      <strong>{formatPercent(pct(n, of))}</strong> <span className="uptake-of">{t('routing.uptake.of', { n: formatNumber(n), of: formatNumber(of) })}</span>
    </>
  )
  const cells = (c: Counts) => (
    <>
      <td data-col="decisions">{formatNumber(c.decisions)}</td>
      <td data-col="taken">{share(c.taken, c.decisions)}</td>
      <td data-col="judged">{formatNumber(c.judged)}</td>
      <td data-col="right">{share(c.right, c.judged)}</td>
      <td data-col="rightTaken">{share(c.rightTaken, c.judgedTaken)}</td>
      <td data-col="rightPassed">{share(c.rightPassed, c.judgedPassed)}</td>
    </>
  )
  return (
    <div className="uptake" data-testid="suggestion-uptake" data-state={q.isPending ? 'loading' : 'ready'}>
      <div className="uptake-head">
        <Link to={screenHref(search, null)} className="uptake-back">
          {t('routing.uptake.back')}
        </Link>
        <h1 className="screen-title">{t('routing.uptake.title')}</h1>
      </div>
      <p className="uptake-rule">{t('routing.uptake.rule', { from: formatDate(period.from), to: formatDate(period.to) })}</p>
      <Panel title={t('routing.uptake.perOpd')} className="uptake-panel">
        <DataTable
          rows={u?.rows}
          empty={t('routing.uptake.none')}
          className="uptake-table"
          testId="uptake-table"
          scoped
          columns={[
            t('routing.uptake.opd'),
            num(t('routing.uptake.decisions')),
            num(t('routing.uptake.taken')),
            num(t('routing.uptake.judged')),
            num(t('routing.uptake.right')),
            num(t('routing.uptake.rightTaken')),
            num(t('routing.uptake.rightPassed')),
          ]}
          row={(r) => (
            <tr key={r.unitId} data-testid="uptake-row" data-unit={r.unitId} data-decisions={r.decisions} data-taken={r.taken} data-judged={r.judged} data-right={r.right}>
              <th scope="row" title={r.nama}>
                {r.singkatan ?? r.nama}
              </th>
              {cells(r)}
            </tr>
          )}
        />
        {u && u.rows.length > 1 && (
          <table className="uptake-table uptake-total" data-testid="uptake-total" data-decisions={u.total.decisions} data-taken={u.total.taken} data-judged={u.total.judged} data-right={u.total.right}>
            <tbody>
              <tr>
                <th scope="row">{t('routing.uptake.total')}</th>
                {cells(u.total)}
              </tr>
            </tbody>
          </table>
        )}
        {u && u.withoutSuggestion > 0 && <p className="note">{t('routing.uptake.without', { n: formatNumber(u.withoutSuggestion) })}</p>}
      </Panel>
      {u && u.total.judged > 0 && (
        <Panel title={t('routing.uptake.calibrationTitle')} className="uptake-panel" testId="uptake-calibration">
          <p className="note">{t('routing.uptake.calibrationNote')}</p>
          <ul className="uptake-bins">
            {u.calibration.map((b) => (
              <li key={b.from} data-judged={b.judged} data-right={b.right}>
                <span className="uptake-bin">{t('routing.uptake.bin', { from: formatPercent(b.from * 100), to: formatPercent(b.to * 100) })}</span>{' '}
                {b.judged === 0
                  ? t('routing.uptake.binEmpty')
                  : t('routing.uptake.binFigures', {
                      mean: formatPercent(b.meanConfidence * 100),
                      right: formatNumber(b.right),
                      judged: formatNumber(b.judged),
                      pct: formatPercent(pct(b.right, b.judged)),
                    })}
              </li>
            ))}
          </ul>
        </Panel>
      )}
    </div>
  )
}
