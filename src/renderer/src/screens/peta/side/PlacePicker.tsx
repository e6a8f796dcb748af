import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { LabelledSelect, placeChoices } from '#renderer/components/LabelledSelect.tsx'

export type Place = { kecamatan: string; desa: string }

/** Kecamatan, then optionally a desa of it, from the region lists. Clicking the map fills it in too. */
export function PlacePicker({ kabupaten, value, onChange }: { kabupaten: string; value: Place; onChange(place: Place): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const kecamatan = useQuery(trpc.regions.kecamatan.queryOptions({ kabupaten })).data ?? []
  const desa = useQuery(trpc.regions.desa.queryOptions(value.kecamatan ? { kecamatan: value.kecamatan } : skipToken)).data ?? []
  return (
    <div className="peta-picker">
      <LabelledSelect
        className="peta-picker-field"
        label={t('peta.tag.kecamatan')}
        testId="peta-tag-kecamatan"
        value={value.kecamatan}
        onChange={(kec) => onChange({ kecamatan: kec, desa: '' })}
        blank={t('peta.tag.chooseKecamatan')}
        options={placeChoices(kecamatan)}
      />
      <LabelledSelect
        className="peta-picker-field"
        label={t('peta.tag.desa')}
        testId="peta-tag-desa"
        value={value.desa}
        disabled={!value.kecamatan}
        onChange={(d) => onChange({ ...value, desa: d })}
        blank={t('peta.tag.noDesa')}
        options={placeChoices(desa)}
      />
    </div>
  )
}
