// Filters of the audit log: action, user, complaint (tracking ID or internal id) and a time window of local dates.
// Applied together with the button (or Enter), so typing a username does not fire a query per letter.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditParams } from './useAuditParams.ts'

export const AUDIT_ACTIONS = [
  'complaint.verify',
  'complaint.disposition',
  'complaint.tunda',
  'complaint.bukan_wewenang',
  'complaint.arsip',
  'complaint.note',
  'complaint.location',
  'complaint.claim_takeover',
  'settings.ui',
  'kpi.set_min_sample',
] as const

export function auditActionLabel(action: string, t: ReturnType<typeof useTranslation>['t']): string {
  return t(`antrean.audit.actions.${action.replace('.', '_')}`, { defaultValue: action })
}

export function AuditFilters({ value, onApply }: { value: AuditParams; onApply(next: AuditParams): void }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(value)
  // Follow the URL (Back button, a link); compared by value since the object is made anew on every render.
  useEffect(() => setDraft(value), [value.action, value.username, value.complaint, value.from, value.to])
  const field = (key: keyof AuditParams) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  })
  const empty: AuditParams = { action: '', username: '', complaint: '', from: '', to: '' }
  return (
    <form
      className="audit-filters"
      data-testid="audit-filters"
      onSubmit={(e) => {
        e.preventDefault()
        onApply(draft)
      }}
    >
      <label className="field">
        <span className="field-label">{t('antrean.audit.action')}</span>
        <select className="control" data-testid="audit-action" {...field('action')} onChange={(e) => onApply({ ...draft, action: e.target.value })}>
          <option value="">{t('antrean.audit.allActions')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {auditActionLabel(a, t)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('antrean.audit.user')}</span>
        <input className="control audit-input" data-testid="audit-user" placeholder={t('antrean.audit.userPlaceholder')} {...field('username')} />
      </label>
      <label className="field">
        <span className="field-label">{t('antrean.audit.complaint')}</span>
        <input className="control audit-input" data-testid="audit-complaint" placeholder={t('antrean.audit.complaintPlaceholder')} {...field('complaint')} />
      </label>
      <label className="field">
        <span className="field-label">{t('antrean.audit.from')}</span>
        <input className="control" type="date" data-testid="audit-from" {...field('from')} />
      </label>
      <label className="field">
        <span className="field-label">{t('antrean.audit.to')}</span>
        <input className="control" type="date" data-testid="audit-to" {...field('to')} />
      </label>
      <button type="submit" className="button primary" data-testid="audit-apply">
        {t('antrean.audit.apply')}
      </button>
      <button type="button" className="button" onClick={() => onApply(empty)}>
        {t('antrean.audit.reset')}
      </button>
    </form>
  )
}
