// Adding a local day off (a Bupati's decision, a regional event) for the kabupaten on screen only.
import { useState, type FormEvent } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { errorText, useCalendarSaved } from './admin.ts'

export function AddDayOffForm({ kabupaten, onAdded }: { kabupaten: string; onAdded(date: string): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const saved = useCalendarSaved(kabupaten)
  const [date, setDate] = useState('')
  const [nama, setNama] = useState('')
  const add = useMutation(
    trpc.calendar.addDayOff.mutationOptions({
      onSuccess: (row) => {
        saved(row)
        onAdded(row.date)
        setDate('')
        setNama('')
      },
    }),
  )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    add.mutate({ kabupaten, date, nama })
  }
  const label = (field: string) => (field === 'date' || field === 'nama' ? t(`pengaturan.calendar.add.${field}`) : undefined)
  return (
    <form className="settings-form" onSubmit={submit} data-testid="add-day-off">
      <h3 className="settings-subtitle">{t('pengaturan.calendar.add.title')}</h3>
      <div className="settings-row">
        <label className="settings-field">
          <span>{t('pengaturan.calendar.add.date')}</span>
          <input className="control" type="date" value={date} onChange={(e) => setDate(e.target.value)} required data-testid="add-day-off-date" />
        </label>
        <label className="settings-field grow">
          <span>{t('pengaturan.calendar.add.nama')}</span>
          <input
            className="control"
            value={nama}
            maxLength={120}
            onChange={(e) => setNama(e.target.value)}
            placeholder={t('pengaturan.calendar.add.placeholder')}
            required
            data-testid="add-day-off-nama"
          />
        </label>
        <button type="submit" className="button primary" disabled={add.isPending} data-testid="add-day-off-submit">
          {add.isPending ? t('pengaturan.saving') : t('pengaturan.calendar.add.button')}
        </button>
      </div>
      {add.error && <p className="form-error">{errorText(add.error, label)}</p>}
      {add.data && !add.isPending && !add.error && (
        <p className="form-ok" role="status">
          {t('pengaturan.calendar.add.done', { nama: add.data.nama, date: add.data.date })}
        </p>
      )}
    </form>
  )
}
