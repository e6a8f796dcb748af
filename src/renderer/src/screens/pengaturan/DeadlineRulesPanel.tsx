// Aturan tenggat of the kabupaten on screen: the LAPOR! working-day deadlines and the 60-day cap with its unit
// (hari kalender or hari kerja), and whether cuti bersama counts as a day off (UNCONFIRMED upstream, hence a
// setting). Saving rebuilds every deadline.
import { useEffect, useState, type FormEvent } from 'react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { useAdmin, useCalendarSaved, errorText } from './admin.ts'

type Rules = Outputs['calendar']['rules']
type DayField = 'verificationDays' | 'firstResponseDays' | 'autoCloseDays' | 'completionCapDays'
type CapUnit = Rules['completionCapUnit']
type Draft = Record<DayField, string> & { completionCapUnit: CapUnit; skipCutiBersama: boolean }
const CAP_UNITS: CapUnit[] = ['hari_kalender', 'hari_kerja']

const FIELDS: { key: DayField; label: string; max: number }[] = [
  { key: 'verificationDays', label: 'verification', max: 60 },
  { key: 'firstResponseDays', label: 'firstResponse', max: 60 },
  { key: 'autoCloseDays', label: 'autoClose', max: 60 },
  { key: 'completionCapDays', label: 'cap', max: 366 },
]

export function DeadlineRulesPanel({ kabupaten, kabupatenNama }: { kabupaten: string; kabupatenNama: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { isAdmin } = useAdmin()
  const stored = useQuery(trpc.calendar.rules.queryOptions({ kabupaten })).data
  const [draft, setDraft] = useState<Draft | null>(null)
  useEffect(() => setDraft(null), [kabupaten, stored])
  const save = useMutation(trpc.calendar.setRules.mutationOptions({ onSuccess: useCalendarSaved(kabupaten) }))
  if (!stored) return <Panel title={t('pengaturan.rules.title')}>{null}</Panel>
  const shown = draft ?? fromRules(stored)
  const isDirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(fromRules(stored))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({
      kabupaten,
      rules: {
        ...Object.fromEntries(FIELDS.map((f) => [f.key, Number(shown[f.key])])),
        completionCapUnit: shown.completionCapUnit,
        skipCutiBersama: shown.skipCutiBersama,
      },
    })
  }
  const label = (field: string) => {
    const f = FIELDS.find((x) => x.key === field)
    return f ? t(`pengaturan.rules.${f.label}`) : undefined
  }
  return (
    <Panel title={t('pengaturan.rules.title')} testId="rules-panel">
      <p className="note">{t('pengaturan.rules.explain', { kabupaten: kabupatenNama })}</p>
      <form className="rules-form" onSubmit={submit}>
        {FIELDS.map((f) => (
          <label key={f.key} className="rules-field">
            <span className="rules-label">
              <strong>{t(`pengaturan.rules.${f.label}`)}</strong>
              {f.key === 'completionCapDays' ? (
                <span className="rules-unit" data-testid="rule-cap-unit-in-force">
                  {t(`pengaturan.rules.capUnitInForce.${stored.completionCapUnit}`)}
                </span>
              ) : (
                <span className="rules-unit">{t(`pengaturan.rules.${f.label}Unit`)}</span>
              )}
            </span>
            <input
              className="control rules-number"
              type="number"
              min={1}
              max={f.max}
              step={1}
              required
              value={shown[f.key]}
              disabled={!isAdmin}
              onChange={(e) => setDraft({ ...shown, [f.key]: e.target.value })}
              data-testid={`rule-${f.key}`}
            />
            {f.key === 'completionCapDays' && (
              <select
                className="control"
                aria-label={t('pengaturan.rules.capUnitLabel')}
                value={shown.completionCapUnit}
                disabled={!isAdmin}
                onChange={(e) => setDraft({ ...shown, completionCapUnit: e.target.value as CapUnit })}
                data-testid="rule-completionCapUnit"
              >
                {CAP_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`pengaturan.rules.capUnits.${u}`)}
                  </option>
                ))}
              </select>
            )}
          </label>
        ))}
        <label className="inline-field rules-check">
          <input
            type="checkbox"
            checked={shown.skipCutiBersama}
            disabled={!isAdmin}
            onChange={(e) => setDraft({ ...shown, skipCutiBersama: e.target.checked })}
            data-testid="rule-skipCutiBersama"
          />
          {t('pengaturan.rules.skipCuti')}
        </label>
        {isAdmin && (
          <div className="settings-row">
            <button type="submit" className="button primary" disabled={!isDirty || save.isPending} data-testid="rules-save">
              {save.isPending ? t('pengaturan.saving') : t('pengaturan.rules.save')}
            </button>
            <button type="button" className="button" disabled={!isDirty} onClick={() => setDraft(null)}>
              {t('pengaturan.rules.reset')}
            </button>
          </div>
        )}
      </form>
      {save.error && <p className="form-error">{errorText(save.error, label)}</p>}
    </Panel>
  )
}

function fromRules(r: Rules): Draft {
  return {
    verificationDays: String(r.verificationDays),
    firstResponseDays: String(r.firstResponseDays),
    autoCloseDays: String(r.autoCloseDays),
    completionCapDays: String(r.completionCapDays),
    completionCapUnit: r.completionCapUnit,
    skipCutiBersama: r.skipCutiBersama,
  }
}
