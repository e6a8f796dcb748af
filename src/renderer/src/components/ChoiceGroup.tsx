type ChoiceGroupProps<T extends string> = {
  name: string
  testIdPrefix: string
  options: { value: T; label: string }[]
  value: T
  onChange(value: T): void
}

/** A row of large radio buttons (usable with a remote or a touch screen). */
export function ChoiceGroup<T extends string>({ name, testIdPrefix, options, value, onChange }: ChoiceGroupProps<T>) {
  return (
    <div className="choices" role="radiogroup">
      {options.map((o) => (
        <label key={o.value} className="choice" data-testid={`${testIdPrefix}-${o.value}`}>
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  )
}
