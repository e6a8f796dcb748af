// Chooses whose units the charts show: all OPD, or one OPD (its bidang) or kecamatan office (its desa).
// The choice is the address (/kinerja-opd/<unit id>), so a wall screen can be bookmarked on one OPD.
import { useLocation, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { screenHref } from './links.ts'
import type { Unit } from './useKinerjaData.ts'

export function OpdPicker({ units, opdId }: { units: Unit[] | undefined; opdId: string | null }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const navigate = useNavigate()
  const groups = [
    { label: t('kinerjaOpd.scope.opd'), units: (units ?? []).filter((u) => u.kind === 'opd') },
    { label: t('kinerjaOpd.scope.kecamatan'), units: (units ?? []).filter((u) => u.kind === 'kecamatan') },
  ]
  return (
    <>
      <label className="field">
        <span className="visually-hidden">{t('kinerjaOpd.scope.label')}</span>
        <select
          className="control kinerja-select"
          data-testid="opd-select"
          value={opdId ?? ''}
          onChange={(e) => navigate(screenHref(search, e.target.value || null))}
        >
          <option value="">{t('kinerjaOpd.scope.all')}</option>
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.units.map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.singkatan ? `${u.singkatan} — ${u.nama}` : u.nama}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {opdId !== null && (
        <button type="button" className="button" data-testid="scope-back" onClick={() => navigate(screenHref(search, null))}>
          {t('kinerjaOpd.scope.back')}
        </button>
      )}
    </>
  )
}
