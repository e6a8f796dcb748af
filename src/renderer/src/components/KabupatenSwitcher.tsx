import { useTranslation } from 'react-i18next'
import { useFilters } from '../filters/filters.tsx'
import { zoneLabel } from '../format.ts'
import { LabelledSelect } from './LabelledSelect.tsx'

export function KabupatenSwitcher() {
  const { t } = useTranslation()
  const { kabupatenList, kabupaten, setKabupaten } = useFilters()
  return (
    <LabelledSelect
      label={t('filters.kabupaten')}
      testId="kabupaten-switcher"
      value={kabupaten?.kode ?? ''}
      onChange={setKabupaten}
      disabled={kabupatenList.length === 0}
      options={kabupatenList.map((k) => ({ value: k.kode, label: `${k.nama} (${zoneLabel(k.time_zone)})` }))}
    />
  )
}
