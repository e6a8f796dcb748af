// Pengaturan's panel for the monthly recap that Pemda send upward: pick a month (last month by default, in the
// kabupaten's calendar), export it per OPD and per kategori.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Panel } from '../components/Panel.tsx'
import { useFilters } from '../filters/filters.tsx'
import { ExportButton } from './ExportButton.tsx'

/** "2026-10" → 1 to 31 October. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) }
}

export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number)
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7)
}

export function RecapExportPanel() {
  const { t, i18n } = useTranslation()
  const { kabupaten, today } = useFilters()
  const [month, setMonth] = useState(() => previousMonth(today))
  const isMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(month)
  const monthName = isMonth ? new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${month}-01T00:00:00Z`)) : ''
  return (
    <Panel title={t('ekspor.recap.panel')} testId="recap-export">
      <p className="note">{t('ekspor.recap.explain')}</p>
      <div className="export-recap">
        <label className="inline-field">
          {t('ekspor.recap.month')}
          <input className="control" type="month" value={month} max={today.slice(0, 7)} onChange={(e) => setMonth(e.target.value)} data-testid="recap-month" />
        </label>
        <ExportButton
          request={kabupaten && isMonth ? { kind: 'recap', kabupaten: kabupaten.kode, period: monthPeriod(month) } : undefined}
          title={`${t('ekspor.title.recap')} — ${monthName}`}
          summary={t('ekspor.what.recap')}
          label={t('ekspor.recap.button')}
          testId="recap-export-open"
        />
      </div>
    </Panel>
  )
}
