// The unit filter ("Proses per OPD/bidang"): a button naming the chosen unit that opens the unit picker.
// An OPD's queue includes its bidang, a kecamatan's its desa (complaints.queue unitId).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '#renderer/components/Dialog.tsx'
import { UnitPicker } from '#renderer/components/UnitPicker.tsx'
import type { Units } from './useUnits.ts'

type UnitFilterProps = { units: Units; value: number | undefined; onChange(id: number | null): void }

export function UnitFilter({ units, value, onChange }: UnitFilterProps) {
  const { t } = useTranslation()
  const [isOpen, setOpen] = useState(false)
  const choose = (id: number | null) => {
    onChange(id)
    setOpen(false)
  }
  return (
    <div className="field">
      <button type="button" className="control unit-filter" data-testid="unit-filter" data-value={value ?? ''} onClick={() => setOpen(true)}>
        {value === undefined ? (
          t('antrean.allUnits')
        ) : (
          <>
            <span className="field-label">{t('antrean.unit')}:</span> {units.nameOf(value) ?? `#${value}`}
          </>
        )}
      </button>
      {value !== undefined && (
        <button type="button" className="button" data-testid="unit-filter-clear" onClick={() => onChange(null)} aria-label={t('antrean.allUnits')}>
          ×
        </button>
      )}
      {isOpen && (
        <Dialog title={t('antrean.unitFilterTitle')} closeLabel={t('antrean.close')} onClose={() => setOpen(false)} testId="unit-filter-dialog">
          <UnitPicker
            units={units.options}
            groups={units.groups}
            value={value ?? null}
            onChange={choose}
            label={t('antrean.unitSearch')}
            placeholder={t('antrean.unitPlaceholder')}
            emptyText={t('antrean.unitNone')}
            isAutoFocus
            testId="unit-filter-picker"
          />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => choose(null)}>
              {t('antrean.allUnits')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  )
}
