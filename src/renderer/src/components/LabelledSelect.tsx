import type { ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { KLASIFIKASI } from '#shared/domain.ts'

/** One choice of a select: its value and what it shows. */
export type Choice = { value: string | number; label: ReactNode }

const optionsOf = (choices: readonly Choice[]) =>
  choices.map((c) => (
    <option key={c.value} value={c.value}>
      {c.label}
    </option>
  ))

/**
 * A select with its label: `blank` is a first choice of value '' (all, none, unknown), then `options`, or
 * `groups` of them under an optgroup each. `children` come after the select inside the label (e.g. an error line).
 * The classes default to the filter bar's (`field`, `field-label`, `control`).
 */
export function LabelledSelect({
  label,
  value,
  onChange,
  options = [],
  groups = [],
  blank,
  testId,
  disabled,
  className = 'field',
  labelClassName = 'field-label',
  selectClassName = 'control',
  children,
}: {
  label: ReactNode
  value: string | number
  onChange(value: string): void
  options?: readonly Choice[]
  groups?: readonly { label: string; options: readonly Choice[] }[]
  blank?: ReactNode
  testId?: string
  disabled?: boolean
  className?: string
  labelClassName?: string
  selectClassName?: string
  children?: ReactNode
}) {
  return (
    <label className={className}>
      <span className={labelClassName}>{label}</span>
      <select className={selectClassName} data-testid={testId} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {blank !== undefined && <option value="">{blank}</option>}
        {optionsOf(options)}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {optionsOf(g.options)}
          </optgroup>
        ))}
      </select>
      {children}
    </label>
  )
}

/** Regions (kecamatan, desa) as choices: their code, showing their name. */
export const placeChoices = (places: readonly { kode: string; nama: string }[]): Choice[] => places.map((p) => ({ value: p.kode, label: p.nama }))

/** The three report kinds (aspirasi, pengaduan, permintaan informasi) as choices, with their labels. */
export const klasifikasiChoices = (t: TFunction): Choice[] => KLASIFIKASI.map((k) => ({ value: k, label: t(`intake.klasifikasiLabels.${k}`) }))
