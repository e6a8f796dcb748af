// The kabupaten's unit tree (units.list) as picker options: each unit with the name of the unit above it, so
// "Bidang Perhubungan Darat" reads as Dinas Perhubungan's and "Desa Swarga Bara" as Kecamatan Sangatta Utara's.
import { useMemo } from 'react'
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import type { UnitGroup, UnitOption } from '#renderer/components/UnitPicker.tsx'

export type Units = {
  /** Units that can receive a disposition (active, below the Pemkab). */
  options: UnitOption[]
  groups: UnitGroup[]
  nameOf(id: number | null | undefined): string | null
  /** A unit as a confirmation names it: a bidang or UPT with its OPD ("Dinkes – Bidang Kesmas"). */
  labelOf(id: number | null | undefined): string | null
}

export function useUnits(kabupaten: string | undefined): Units {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const list = useQuery(trpc.units.list.queryOptions(kabupaten ? { kabupaten } : skipToken)).data
  return useMemo(() => {
    const byId = new Map((list ?? []).map((u) => [u.id, u]))
    const options = (list ?? [])
      .filter((u) => u.kind !== 'pemkab' && u.is_active === 1)
      .map((u) => {
        const parent = u.parent_id === null ? undefined : byId.get(u.parent_id)
        return { id: u.id, kind: u.kind, nama: u.nama, singkatan: u.singkatan, parent: parent && parent.kind !== 'pemkab' ? parent.nama : null }
      })
    const groups: UnitGroup[] = [
      { kinds: ['opd'], label: t('antrean.units.opd') },
      { kinds: ['bidang', 'upt'], label: t('antrean.units.bidang') },
      { kinds: ['kecamatan'], label: t('antrean.units.kecamatan') },
      { kinds: ['desa'], label: t('antrean.units.desa') },
    ]
    const nameOf = (id: number | null | undefined) => {
      const u = id === null || id === undefined ? undefined : byId.get(id)
      return u ? (u.singkatan ?? u.nama) : null
    }
    const labelOf = (id: number | null | undefined) => {
      const u = id === null || id === undefined ? undefined : byId.get(id)
      if (!u) return null
      const parent = u.parent_id === null ? undefined : byId.get(u.parent_id)
      return parent && parent.kind === 'opd' ? `${parent.singkatan ?? parent.nama} – ${u.nama}` : (u.singkatan ?? u.nama)
    }
    return { options, groups, nameOf, labelOf }
  }, [list, t])
}
