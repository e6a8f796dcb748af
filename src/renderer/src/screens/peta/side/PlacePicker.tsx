import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'

export type Place = { kecamatan: string; desa: string }

/** Kecamatan, then optionally a desa of it, from the region lists. Clicking the map fills it in too. */
export function PlacePicker({ kabupaten, value, onChange }: { kabupaten: string; value: Place; onChange(place: Place): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const kecamatan = useQuery(trpc.regions.kecamatan.queryOptions({ kabupaten })).data ?? []
  const desa = useQuery(trpc.regions.desa.queryOptions(value.kecamatan ? { kecamatan: value.kecamatan } : skipToken)).data ?? []
  return (
    <div className="peta-picker">
      <label className="peta-picker-field">
        <span className="field-label">{t('peta.tag.kecamatan')}</span>
        <select className="control" data-testid="peta-tag-kecamatan" value={value.kecamatan} onChange={(e) => onChange({ kecamatan: e.target.value, desa: '' })}>
          <option value="">{t('peta.tag.chooseKecamatan')}</option>
          {kecamatan.map((k) => (
            <option key={k.kode} value={k.kode}>
              {k.nama}
            </option>
          ))}
        </select>
      </label>
      <label className="peta-picker-field">
        <span className="field-label">{t('peta.tag.desa')}</span>
        <select
          className="control"
          data-testid="peta-tag-desa"
          value={value.desa}
          disabled={!value.kecamatan}
          onChange={(e) => onChange({ ...value, desa: e.target.value })}
        >
          <option value="">{t('peta.tag.noDesa')}</option>
          {desa.map((d) => (
            <option key={d.kode} value={d.kode}>
              {d.nama}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}
