// Editing a column mapping: which header holds which field, values for fields the file lacks, extra status
// words of this source; saved by name (supervisors and up) to be picked next month without mapping again.
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { CHANNELS, STATUSES, type Status } from '#shared/domain.ts'
import { FIELDS, REQUIRED_FIELDS } from '#shared/import-fields.ts'
import type { Field, Mapping } from './types.ts'
import { LabelledSelect, klasifikasiChoices } from '#renderer/components/LabelledSelect.tsx'

type MappingEditorProps = {
  mapping: Mapping
  headers: string[]
  kabupaten: string | null
  canSave: boolean
  onChange(mapping: Mapping): void
  onSaved(name: string): void
}

/** "Sdh TL = proses" lines <-> the mapping's extra status words. */
function statusText(statuses: Mapping['statuses']): string {
  return Object.entries(statuses ?? {})
    .map(([word, status]) => `${word} = ${status}`)
    .join('\n')
}

function parseStatusText(text: string): { statuses: Record<string, Status>; bad: string[] } {
  const statuses: Record<string, Status> = {}
  const bad: string[] = []
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [word, status] = line.split('=').map((s) => s.trim())
    if (word && (STATUSES as readonly string[]).includes(status)) statuses[word] = status as Status
    else bad.push(line)
  }
  return { statuses, bad }
}

export function MappingEditor({ mapping, headers, kabupaten, canSave, onChange, onSaved }: MappingEditorProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const [name, setName] = useState('')
  const [words, setWords] = useState(() => statusText(mapping.statuses))
  const save = useMutation(trpc.imports.saveMapping.mutationOptions({ onSuccess: (m) => onSaved(m.name) }))
  const options = headers.filter(Boolean)
  const setColumn = (field: Field, header: string) => {
    const columns = { ...mapping.columns }
    if (header) columns[field] = header
    else delete columns[field]
    onChange({ ...mapping, columns })
  }
  const setDefault = (key: 'channel' | 'klasifikasi' | 'status', value: string) => onChange({ ...mapping, defaults: { ...mapping.defaults, [key]: value || undefined } })
  const parsed = parseStatusText(words)
  const problem = save.error ? describeError(save.error) : null

  return (
    <div className="impor-mapping" data-testid="mapping-editor">
      <h3 className="impor-subtitle">{t('impor.mapping.title')}</h3>
      <p className="note">{t('impor.mapping.lead')}</p>
      <div className="impor-mapping-grid">
        {FIELDS.map((field) => (
          <label key={field} className="impor-mapping-field">
            <span className="field-label">
              {t(`impor.fields.${field}`)}
              {REQUIRED_FIELDS.includes(field) && <span className="impor-required"> *</span>}
            </span>
            <select className="control" value={mapping.columns[field] ?? ''} data-testid={`map-${field}`} onChange={(e) => setColumn(field, e.target.value)}>
              <option value="">—</option>
              {options.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <h4 className="impor-subtitle">{t('impor.mapping.defaults')}</h4>
      <div className="impor-mapping-grid">
        <LabelledSelect
          className="impor-mapping-field"
          label={t('impor.fields.channel')}
          value={mapping.defaults?.channel ?? ''}
          testId="map-default-channel"
          onChange={(c) => setDefault('channel', c)}
          blank="—"
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <LabelledSelect
          className="impor-mapping-field"
          label={t('impor.fields.klasifikasi')}
          value={mapping.defaults?.klasifikasi ?? ''}
          onChange={(k) => setDefault('klasifikasi', k)}
          blank="—"
          options={klasifikasiChoices(t)}
        />
        <label className="impor-mapping-field">
          <span className="field-label">{t('impor.fields.status')}</span>
          <input className="control" value={mapping.defaults?.status ?? ''} placeholder={t('impor.mapping.statusDefault')} onChange={(e) => setDefault('status', e.target.value)} />
        </label>
      </div>
      <label className="impor-mapping-field impor-words">
        <span className="field-label">{t('impor.mapping.words')}</span>
        <textarea
          className="control"
          rows={3}
          value={words}
          placeholder="Sdh TL = proses"
          data-testid="map-words"
          onChange={(e) => {
            setWords(e.target.value)
            onChange({ ...mapping, statuses: parseStatusText(e.target.value).statuses })
          }}
        />
        {parsed.bad.length > 0 && <span className="form-error">{t('impor.mapping.badWords', { lines: parsed.bad.join('; '), statuses: STATUSES.join(', ') })}</span>}
      </label>
      {canSave && (
        <form
          className="impor-save"
          onSubmit={(e) => {
            e.preventDefault()
            if (name.trim().length >= 2) save.mutate({ name: name.trim(), kabupaten, mapping })
          }}
        >
          <label className="field">
            <span className="field-label">{t('impor.mapping.name')}</span>
            <input className="control" value={name} placeholder={t('impor.mapping.namePlaceholder')} data-testid="map-name" onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" className="button" disabled={name.trim().length < 2 || save.isPending} data-testid="map-save">
            {t('impor.mapping.save')}
          </button>
          {problem && <span className="form-error">{t(`errors.${problem.kind}`, { detail: problem.detail })}</span>}
        </form>
      )}
    </div>
  )
}
