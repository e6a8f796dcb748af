// Open complaints per kecamatan now: the static choropleth (Peta's classes and palette) and the longest list.
import { useMemo } from 'react'
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'
import { classScale } from '#renderer/screens/peta/classes.ts'
import { StaticMap } from '#renderer/components/static-map/StaticMap.tsx'
import { StaticLegend } from '#renderer/components/static-map/StaticLegend.tsx'
import type { WallSnapshot } from '../useWallData.ts'

const OPEN = { isPercent: false, isHigherBetter: false }
const once = (query: { state: { data: unknown } }) => query.state.data === undefined

export function MapPanel({ s }: { s: WallSnapshot }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const shapes = useQuery({ ...trpc.regions.boundaries.queryOptions(s ? { level: 'kecamatan', parent: s.kabupaten.kode } : skipToken), enabled: once })
  const values = useMemo(() => new Map(s.kecamatan.map((k) => [k.kode, k.openNow as number | null])), [s.kecamatan])
  const scale = useMemo(() => classScale([...values.values()], OPEN), [values])
  const top = [...s.kecamatan].sort((a, b) => b.openNow - a.openNow || a.kode.localeCompare(b.kode)).slice(0, 10)
  return (
    <div className="wall-map-panel">
      <div className="wall-map">
        <StaticMap
          shapes={shapes.data}
          values={values}
          scale={scale}
          isHigherBetter={false}
          format={(v) => (v === null ? '–' : formatNumber(v))}
          label={t('wall.map.label', { kabupaten: s.kabupaten.nama })}
          testId="wall-map"
        />
      </div>
      <aside className="wall-side">
        <h2 className="wall-h2">{t('wall.map.metric')}</h2>
        <StaticLegend entries={scale.entries} isPercent={false} testId="wall-map-legend" />
        <h2 className="wall-h2">{t('wall.map.ranking')}</h2>
        <ol className="wall-rank">
          {top.map((k) => (
            <li key={k.kode} data-testid="wall-map-top" data-kode={k.kode} data-value={k.openNow}>
              <span>{k.nama}</span>
              <strong>{formatNumber(k.openNow)}</strong>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  )
}
