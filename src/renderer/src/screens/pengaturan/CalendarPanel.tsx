// Kalender kerja: a year's days off for the kabupaten on screen — national holidays and cuti bersama from the
// official table, and its own local days off — each switchable on or off by an admin (never deleted); everyone
// else reads it. Adding a local day off and importing a table are in CalendarEditPanel.
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { useAdmin, useCalendarSaved, errorText } from './admin.ts'
import { DataTable } from '#renderer/components/DataTable.tsx'

type DayOff = Outputs['calendar']['daysOff']['days'][number]

// The years a holiday table may hold (the API refuses others).
const MIN_YEAR = 2000
const MAX_YEAR = 2100

type Props = { kabupaten: string; kabupatenNama: string; today: string; year: number; onYear(year: number): void }

export function CalendarPanel({ kabupaten, kabupatenNama, today, year, onYear: setYear }: Props) {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const { isAdmin } = useAdmin()
  const data = useQuery(trpc.calendar.daysOff.queryOptions({ kabupaten, year })).data
  const toggle = useMutation(trpc.calendar.setDayOffActive.mutationOptions({ onSuccess: useCalendarSaved(kabupaten) }))
  const dateLabel = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'UTC', // the string already is the local date
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  })
  const days = data?.days ?? []
  const active = days.filter((d) => d.isActive).length
  const years = Array.from({ length: 11 }, (_, i) => Number(today.slice(0, 4)) - 5 + i)
  if (!years.includes(year)) years.push(year)

  return (
    <Panel title={t('pengaturan.calendar.title', { kabupaten: kabupatenNama })} className="pengaturan-calendar" testId="calendar-panel">
      <p className="note">{t('pengaturan.calendar.explain')}</p>
      <div className="calendar-head">
        <div className="calendar-year" role="group" aria-label={t('pengaturan.calendar.year')}>
          <button type="button" className="button" aria-label={t('pengaturan.calendar.prevYear')} disabled={year <= MIN_YEAR} onClick={() => setYear(year - 1)}>
            ‹
          </button>
          <select className="control" value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="calendar-year" aria-label={t('pengaturan.calendar.year')}>
            {years.sort((a, b) => a - b).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <button type="button" className="button" aria-label={t('pengaturan.calendar.nextYear')} disabled={year >= MAX_YEAR} onClick={() => setYear(year + 1)}>
            ›
          </button>
        </div>
        {data && (
          <div className="calendar-basis">
            <span>
              {data.skb
                ? t(data.skbSource === 'import' ? 'pengaturan.calendar.skbImported' : 'pengaturan.calendar.skb', { skb: data.skb })
                : t('pengaturan.calendar.noSkb', { year })}
            </span>
            <strong data-testid="calendar-count">{t('pengaturan.calendar.count', { active, total: days.length })}</strong>
          </div>
        )}
      </div>
      <div className="calendar-table-wrap">
        <DataTable
          rows={days}
          className="calendar-table"
          testId="calendar-days"
          columns={[t('pengaturan.calendar.col.date'), t('pengaturan.calendar.col.nama'), t('pengaturan.calendar.col.kind'), t('pengaturan.calendar.col.state')]}
          row={(d) => (
            <DayRow key={d.id} day={d} dateLabel={dateLabel.format(Date.parse(`${d.date}T00:00:00Z`))} isAdmin={isAdmin} onToggle={(isActive) => toggle.mutate({ kabupaten, id: d.id, isActive })} />
          )}
        />
        {data && days.length === 0 && <p className="empty">{t('pengaturan.calendar.empty')}</p>}
      </div>
      {toggle.error && <p className="form-error">{errorText(toggle.error)}</p>}
      <p className="note">{t('pengaturan.calendar.nationalNote')}</p>
    </Panel>
  )
}

function DayRow({ day, dateLabel, isAdmin, onToggle }: { day: DayOff; dateLabel: string; isAdmin: boolean; onToggle(isActive: boolean): void }) {
  const { t } = useTranslation()
  return (
    <tr className={day.isActive ? '' : 'is-off'} data-testid="day-off" data-date={day.date} data-active={day.isActive ? '1' : '0'}>
      <td className="calendar-date">{dateLabel}</td>
      <td>{day.nama}</td>
      <td>
        <span className={`kind-badge kind-${day.kind}`}>{t(`pengaturan.calendar.kind.${day.kind}`)}</span>
      </td>
      <td>
        {isAdmin ? (
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={day.isActive}
              onChange={(e) => onToggle(e.target.checked)}
              aria-label={t('pengaturan.calendar.switchLabel', { nama: day.nama, date: day.date })}
              data-testid="day-off-switch"
            />
            <span>{day.isActive ? t('pengaturan.calendar.on') : t('pengaturan.calendar.off')}</span>
          </label>
        ) : (
          <span className="switch-state">{day.isActive ? t('pengaturan.calendar.on') : t('pengaturan.calendar.off')}</span>
        )}
      </td>
    </tr>
  )
}
