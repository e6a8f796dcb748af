// Chooses whose units the charts show: all OPD, or one OPD (its bidang) or kecamatan office (its desa).
// The choice is the address (/kinerja-opd/<unit id>), so a wall screen can be bookmarked on one OPD.
import { useLocation, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { screenHref } from './links.ts'
import type { Unit } from './useKinerjaData.ts'
import { LabelledSelect } from '#renderer/components/LabelledSelect.tsx'

export function OpdPicker({ units, opdId }: { units: Unit[] | undefined; opdId: string | null }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const navigate = useNavigate()
  const groups = (['opd', 'kecamatan'] as const).map((kind) => ({
    label: t(`kinerjaOpd.scope.${kind}`),
    options: (units ?? []).filter((u) => u.kind === kind).map((u) => ({ value: String(u.id), label: u.singkatan ? `${u.singkatan} — ${u.nama}` : u.nama })),
  }))
  return (
    <>
      <LabelledSelect
        labelClassName="visually-hidden"
        selectClassName="control kinerja-select"
        label={t('kinerjaOpd.scope.label')}
        testId="opd-select"
        value={opdId ?? ''}
        onChange={(id) => navigate(screenHref(search, id || null))}
        blank={t('kinerjaOpd.scope.all')}
        groups={groups}
      />
      {opdId !== null && (
        <button type="button" className="button" data-testid="scope-back" onClick={() => navigate(screenHref(search, null))}>
          {t('kinerjaOpd.scope.back')}
        </button>
      )}
    </>
  )
}
