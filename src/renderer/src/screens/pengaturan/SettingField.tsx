// One labelled field of a settings form: the label above, the input below, as every Pengaturan panel lays it out.
// A number field keeps the typed text (so "" while typing is not 0) and leaves the range check to the server,
// whose Indonesian message the panel shows.
type SettingFieldProps = {
  label: string
  value: string | number
  onChange: (value: string) => void
  testId: string
  /** Text (the default) or a number between min and max, in steps of `step` (default 1: whole numbers). */
  number?: { min: number; max: number; step?: number }
  maxLength?: number
  placeholder?: string
  disabled?: boolean
}

export function SettingField({ label, value, onChange, testId, number, maxLength, placeholder, disabled }: SettingFieldProps) {
  return (
    <label className="settings-field">
      <span>{label}</span>
      <input
        className={number ? 'control rules-number' : 'control'}
        {...(number ? { type: 'number', min: number.min, max: number.max, step: number.step ?? 1, required: true } : { maxLength, spellCheck: false })}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  )
}
