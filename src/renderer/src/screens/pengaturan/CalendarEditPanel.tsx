// Ubah kalender (admins): add a local day off for the kabupaten on screen, or import a holiday table.
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { AddDayOffForm } from './AddDayOffForm.tsx'
import { HolidayImport } from './HolidayImport.tsx'

export function CalendarEditPanel({ kabupaten, onAdded }: { kabupaten: string; onAdded(date: string): void }) {
  const { t } = useTranslation()
  return (
    <Panel title={t('pengaturan.calendar.edit')} testId="calendar-edit">
      <div className="calendar-edit">
        <AddDayOffForm kabupaten={kabupaten} onAdded={onAdded} />
        <HolidayImport kabupaten={kabupaten} />
      </div>
    </Panel>
  )
}
