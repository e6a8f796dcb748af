// An audit entry's before → after, field by field, in words (audit/present.ts on the server names units and places
// and marks statuses and yes/no; here they are put in the reader's language). Only what changed is listed.
import { useTranslation } from 'react-i18next'
import type { Outputs } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'

type Change = Outputs['audit']['list'][number]['changes'][number]
type Shown = NonNullable<Change['before']>

export function AuditChange({ changes }: { changes: Change[] }) {
  const { t } = useTranslation()
  if (changes.length === 0) return <span className="note">–</span>
  const show = (s: Shown): string => {
    switch (s.kind) {
      case 'status':
        return t(`status.${s.code}`, { defaultValue: s.code })
      case 'text':
        return s.text
      case 'yes':
        return t('triage.audit.yes')
      case 'no':
        return t('triage.audit.no')
      case 'number':
        return formatNumber(s.value)
      case 'none':
        return '–'
    }
  }
  const label = (field: string) => {
    const leaf = field.slice(field.lastIndexOf('.') + 1)
    return t(`triage.audit.fields.${leaf}`, { defaultValue: leaf })
  }
  return (
    <ul className="audit-change">
      {changes.map((c) => (
        <li key={c.field} data-field={c.field}>
          <span className="audit-field">{label(c.field)}:</span>{' '}
          {c.before && c.after ? (
            <>
              <span className="audit-before">{show(c.before)}</span> → <strong className="audit-after">{show(c.after)}</strong>
            </>
          ) : c.after ? (
            <strong className="audit-after">{show(c.after)}</strong>
          ) : (
            <span className="audit-before">
              {show(c.before!)} ({t('triage.audit.removed')})
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}
