// Importing a holiday table (an SKB amendment, an isbat change) in the shipped table's JSON shape. The file is
// tried first in a dry run that changes nothing and shows what would change, or every problem and where it is;
// only "Impor" writes it.
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { errorText, useCalendarSaved } from './admin.ts'

type Mode = 'replace' | 'merge'
type Picked = { name: string; text: string }

export function HolidayImport({ kabupaten }: { kabupaten: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const saved = useCalendarSaved(kabupaten)
  const [file, setFile] = useState<Picked | null>(null)
  const [mode, setMode] = useState<Mode>('replace')
  const [readError, setReadError] = useState<string | null>(null)
  const preview = useMutation(trpc.calendar.importHolidays.mutationOptions())
  const run = useMutation(
    trpc.calendar.importHolidays.mutationOptions({
      onSuccess: (result) => {
        saved(result)
        setFile(null)
        preview.reset()
      },
    }),
  )
  const check = (f: Picked, m: Mode) => {
    run.reset()
    preview.mutate({ kabupaten, text: f.text, mode: m, dryRun: true })
  }
  const pick = async (picked: File | undefined) => {
    if (!picked) return
    setReadError(null)
    try {
      const f = { name: picked.name, text: await picked.text() }
      setFile(f)
      check(f, mode)
    } catch (err) {
      setReadError(String(err))
    }
  }
  const counts = (s: { years: number[]; added: number; changed: number; deactivated: number; unchanged: number }) => ({ ...s, years: s.years.join(', ') })

  return (
    <div className="settings-form" data-testid="holiday-import">
      <h3 className="settings-subtitle">{t('pengaturan.calendar.import.title')}</h3>
      <p className="note">{t('pengaturan.calendar.import.explain')}</p>
      <code className="import-example">{t('pengaturan.calendar.import.example')}</code>
      <div className="settings-row">
        <label className="button">
          {t('pengaturan.calendar.import.choose')}
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            data-testid="holiday-file"
            onChange={(e) => {
              void pick(e.target.files?.[0])
              e.target.value = '' // the same file again (after fixing it) must still trigger a change
            }}
          />
        </label>
        <label className="settings-field">
          <span>{t('pengaturan.calendar.import.mode')}</span>
          <select
            className="control"
            value={mode}
            onChange={(e) => {
              const m = e.target.value as Mode
              setMode(m)
              if (file) check(file, m)
            }}
            data-testid="holiday-mode"
          >
            <option value="replace">{t('pengaturan.calendar.import.modes.replace')}</option>
            <option value="merge">{t('pengaturan.calendar.import.modes.merge')}</option>
          </select>
        </label>
      </div>
      {mode === 'replace' && <p className="note">{t('pengaturan.calendar.import.modeHint')}</p>}
      {readError && <p className="form-error">{readError}</p>}
      {preview.error && (
        <pre className="form-error import-errors" data-testid="holiday-errors">
          {errorText(preview.error)}
        </pre>
      )}
      {file && preview.data?.ok && (
        <div className="settings-row">
          <p className="note" data-testid="holiday-preview">
            {t('pengaturan.calendar.import.preview', { file: file.name, ...counts(preview.data.summary) })}
          </p>
          <button type="button" className="button primary" disabled={run.isPending} onClick={() => run.mutate({ kabupaten, text: file.text, mode })} data-testid="holiday-run">
            {run.isPending ? t('pengaturan.saving') : t('pengaturan.calendar.import.run')}
          </button>
          <button type="button" className="button" onClick={() => (setFile(null), preview.reset())}>
            {t('pengaturan.calendar.import.cancel')}
          </button>
        </div>
      )}
      {run.error && <pre className="form-error import-errors">{errorText(run.error)}</pre>}
      {run.data?.ok && (
        <p className="form-ok" role="status" data-testid="holiday-done">
          {t('pengaturan.calendar.import.done', counts(run.data.summary))}
        </p>
      )}
    </div>
  )
}
