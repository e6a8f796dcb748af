// Which layout the file is read with: detected from its headers, a preset, a saved mapping, or one edited here.
import { useTranslation } from 'react-i18next'
import type { LayoutChoice, Preset, SavedMapping } from './types.ts'

type LayoutBarProps = {
  choice: LayoutChoice
  presets: Preset[]
  saved: SavedMapping[]
  /** The preset detection found (auto only). */
  detected: string | null
  onChoose(choice: LayoutChoice): void
  onEdit(): void
}

function valueOf(c: LayoutChoice): string {
  return c.kind === 'auto' ? 'auto' : c.kind === 'custom' ? 'custom' : `${c.kind}:${c.name}`
}

export function LayoutBar({ choice, presets, saved, detected, onChoose, onEdit }: LayoutBarProps) {
  const { t } = useTranslation()
  const label = (name: string) => presets.find((p) => p.name === name)?.label ?? name
  return (
    <div className="impor-layout">
      <label className="field">
        <span className="field-label">{t('impor.layout')}</span>
        <select
          className="control"
          value={valueOf(choice)}
          data-testid="import-layout"
          onChange={(e) => {
            const v = e.target.value
            if (v === 'auto') onChoose({ kind: 'auto' })
            else if (v === 'custom') onEdit()
            else {
              const [kind, ...rest] = v.split(':')
              onChoose({ kind: kind as 'preset' | 'saved', name: rest.join(':') })
            }
          }}
        >
          <option value="auto">{t('impor.auto')}</option>
          <optgroup label={t('impor.presets')}>
            {presets.map((p) => (
              <option key={p.name} value={`preset:${p.name}`}>
                {p.label}
              </option>
            ))}
          </optgroup>
          {saved.length > 0 && (
            <optgroup label={t('impor.savedMappings')}>
              {saved.map((m) => (
                <option key={m.name} value={`saved:${m.name}`}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          )}
          <option value="custom">{t('impor.custom')}</option>
        </select>
      </label>
      {detected && (
        <span className="impor-detected" data-testid="import-detected">
          {t('impor.detected', { layout: label(detected) })}
        </span>
      )}
      {choice.kind !== 'custom' && (
        <button type="button" className="button" onClick={onEdit} data-testid="import-edit-mapping">
          {t('impor.editMapping')}
        </button>
      )}
    </div>
  )
}
