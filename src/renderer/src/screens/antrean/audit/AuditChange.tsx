// An audit entry's before → after, field by field, in words: statuses by their label, units by their name.
// Only what changed is listed; an entry that adds something (a note) lists what it added.
import { useTranslation } from 'react-i18next'
import type { Units } from '../useUnits.ts'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function parse(text: string | null): Json | undefined {
  if (text === null) return undefined
  try {
    return JSON.parse(text) as Json
  } catch {
    return text
  }
}

const isRecord = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v)

export function AuditChange({ before, after, units }: { before: string | null; after: string | null; units: Units }) {
  const { t } = useTranslation()
  const b = parse(before)
  const a = parse(after)
  const show = (key: string | null, v: Json | undefined): string => {
    if (v === undefined || v === null) return '–'
    if (key === 'status' && typeof v === 'string') return t(`status.${v}`, { defaultValue: v })
    if (key === 'unit_id' && typeof v === 'number') return units.nameOf(v) ?? `#${v}`
    return typeof v === 'string' ? v : JSON.stringify(v)
  }
  if (!isRecord(b) && !isRecord(a)) {
    return (
      <span className="audit-change">
        {show(null, b)} → {show(null, a)}
      </span>
    )
  }
  const bo = isRecord(b) ? b : {}
  const ao = isRecord(a) ? a : {}
  const keys = [...new Set([...Object.keys(bo), ...Object.keys(ao)])]
  const changed = keys.filter((k) => JSON.stringify(bo[k]) !== JSON.stringify(ao[k]))
  return (
    <ul className="audit-change">
      {(changed.length ? changed : keys).map((k) => (
        <li key={k} data-field={k}>
          <span className="audit-field">{t(`antrean.audit.fields.${k}`, { defaultValue: k })}:</span>{' '}
          {k in bo && k in ao ? (
            <>
              <span className="audit-before">{show(k, bo[k])}</span> → <strong className="audit-after">{show(k, ao[k])}</strong>
            </>
          ) : k in ao ? (
            <strong className="audit-after">{show(k, ao[k])}</strong>
          ) : (
            <span className="audit-before">{show(k, bo[k])}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
