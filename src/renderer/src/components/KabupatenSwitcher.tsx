import { useTranslation } from 'react-i18next'
import { useFilters } from '../filters/filters.tsx'
import { zoneLabel } from '../format.ts'

export function KabupatenSwitcher() {
  const { t } = useTranslation()
  const { kabupatenList, kabupaten, setKabupaten } = useFilters()
  return (
    <label className="field">
      <span className="field-label">{t('filters.kabupaten')}</span>
      <select
        className="control"
        data-testid="kabupaten-switcher"
        value={kabupaten?.kode ?? ''}
        onChange={(e) => setKabupaten(e.target.value)}
        disabled={kabupatenList.length === 0}
      >
        {kabupatenList.map((k) => (
          <option key={k.kode} value={k.kode}>
            {k.nama} ({zoneLabel(k.time_zone)})
          </option>
        ))}
      </select>
    </label>
  )
}
