// A searchable unit picker (combobox + listbox) grouped by kind: OPD, bidang/UPT, kecamatan, desa/kelurahan.
// Typing narrows the list by name, abbreviation or parent ("dinkes yankes"); ↑/↓ move, Enter or Tab takes the
// highlighted unit, so a disposition can be made without the mouse. Labels come from the caller's screen.
// There is one highlight, and it is always what Enter takes: the pointer moves it too, and with an empty search
// it starts on the caller's preferred unit (the routing suggestion), so what looks picked is what gets picked.
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { UnitKind } from '#shared/domain.ts'
import './UnitPicker.css'

export type UnitOption = { id: number; kind: UnitKind; nama: string; singkatan: string | null; parent: string | null }

export type UnitGroup = { kinds: UnitKind[]; label: string }

type UnitPickerProps = {
  units: UnitOption[]
  groups: UnitGroup[]
  value: number | null
  onChange(id: number): void
  /** Called after a unit was taken from the keyboard (Enter), so the form can move on to the next field. */
  onPicked?(): void
  label: string
  placeholder: string
  emptyText: string
  /** Focus the search box when the dialog opens. */
  isAutoFocus?: boolean
  /** Where the highlight starts while the search box is empty (e.g. the suggested unit); else the chosen one. */
  preferredId?: number | null
  testId: string
}

function words(text: string): string[] {
  return text.toLocaleLowerCase('id').split(/\s+/).filter(Boolean)
}

export function UnitPicker({ units, groups, value, onChange, onPicked, label, placeholder, emptyText, isAutoFocus, preferredId, testId }: UnitPickerProps) {
  const [query, setQuery] = useState('')
  const [highlight, setHighlight] = useState(0)
  const listId = useId()
  const listRef = useRef<HTMLUListElement>(null)

  const sections = useMemo(() => {
    const wanted = words(query)
    const matches = (u: UnitOption) => {
      const hay = `${u.nama} ${u.singkatan ?? ''} ${u.parent ?? ''}`.toLocaleLowerCase('id')
      return wanted.every((w) => hay.includes(w))
    }
    return groups
      .map((g) => ({ label: g.label, options: units.filter((u) => g.kinds.includes(u.kind) && matches(u)) }))
      .filter((s) => s.options.length > 0)
  }, [units, groups, query])
  const flat = sections.flatMap((s) => s.options)
  const active = flat[Math.min(highlight, flat.length - 1)]

  // A new search starts at its first match; the empty search at the preferred (else the chosen) unit.
  const start = query.trim() === '' ? Math.max(0, flat.findIndex((u) => u.id === (preferredId ?? value))) : 0
  // Also when the start itself moves: the unit list or the suggestion may arrive after the dialog opened, and a
  // highlight left on the first unit would make Enter take a unit nobody chose.
  useEffect(() => setHighlight(start), [query, start])
  useEffect(() => {
    if (active) listRef.current?.querySelector(`[data-unit-id="${active.id}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [active])

  const take = (unit: UnitOption | undefined) => {
    if (unit) onChange(unit.id)
  }
  const optionId = (id: number) => `${listId}-${id}`

  return (
    <div className="unit-picker" data-testid={testId}>
      <label className="unit-picker-label" htmlFor={`${listId}-input`}>
        {label}
      </label>
      <input
        id={`${listId}-input`}
        className="control unit-picker-input"
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={active ? optionId(active.id) : undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={query}
        data-autofocus={isAutoFocus ? '' : undefined}
        data-testid={`${testId}-search`}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault()
            const step = e.key === 'ArrowDown' ? 1 : -1
            setHighlight((h) => Math.max(0, Math.min(flat.length - 1, Math.min(h, flat.length - 1) + step)))
          } else if (e.key === 'Enter') {
            // Enter takes the highlighted unit instead of submitting the form around it.
            e.preventDefault()
            take(active)
            if (active) onPicked?.()
          } else if (e.key === 'Tab' && !e.shiftKey && query.trim() !== '') {
            take(active) // and let Tab move on to the next field
          }
        }}
      />
      <ul className="unit-picker-list" id={listId} role="listbox" aria-label={label} ref={listRef}>
        {flat.length === 0 && <li className="unit-picker-empty">{emptyText}</li>}
        {sections.map((s) => (
          <li key={s.label} role="presentation">
            <div className="unit-picker-group" aria-hidden="true">
              {s.label}
            </div>
            <ul role="group" aria-label={s.label} className="unit-picker-options">
              {s.options.map((u) => (
                <li
                  key={u.id}
                  id={optionId(u.id)}
                  role="option"
                  aria-selected={u.id === value}
                  data-unit-id={u.id}
                  data-active={u === active ? '' : undefined}
                  className="unit-picker-option"
                  // Keep focus in the search box while clicking an option.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => {
                    const i = flat.indexOf(u)
                    if (i !== highlight) setHighlight(i)
                  }}
                  onClick={() => take(u)}
                >
                  <span className="unit-picker-name">
                    {u.nama}
                    {u.singkatan && u.singkatan !== u.nama && <span className="unit-picker-short"> ({u.singkatan})</span>}
                  </span>
                  {u.parent && <span className="unit-picker-parent">{u.parent}</span>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  )
}
