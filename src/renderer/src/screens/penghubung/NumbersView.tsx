// The unit's own numbers beside the kabupaten's, for the same period, with the rules that judge them (the fair
// attribution rules of the KPI issue: the clock starts at the disposition the unit received, Tunda is the
// reporter's time, misrouted days are charged to each holder). The server computes; this only draws.
import { useState } from 'react'
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatDate, formatDecimal, formatNumber, formatPercent } from '#renderer/format.ts'
import { presetPeriod, todayIn, type Preset } from '#renderer/filters/period.ts'
import { LoadState } from './LoadState.tsx'

const PRESETS: Preset[] = ['30-hari', '90-hari', 'tahun-ini']

type Figures = { tepatWaktuPct: number | null; verifikasiTepatWaktuPct: number | null; backlog: number; terlambat: number; n: number; medianHk: number | null }
const ROWS: { key: keyof Figures; format: (v: number | null) => string; better: 'higher' | 'lower' | null }[] = [
  { key: 'tepatWaktuPct', format: formatPercent, better: 'higher' },
  { key: 'verifikasiTepatWaktuPct', format: formatPercent, better: 'higher' },
  { key: 'medianHk', format: (v) => (v === null ? '–' : formatDecimal(v)), better: 'lower' },
  { key: 'n', format: (v) => formatNumber(v ?? 0), better: null },
  { key: 'backlog', format: (v) => formatNumber(v ?? 0), better: null },
  { key: 'terlambat', format: (v) => formatNumber(v ?? 0), better: 'lower' },
]

export function NumbersView() {
  const { t } = useTranslation()
  const [preset, setPreset] = useState<Preset>('30-hari')
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone, Date.now())
  const period = presetPeriod(preset, today)
  const numbers = useQuery(useTRPC().liaison.numbers.queryOptions({ period }))
  const d = numbers.data
  return (
    <section className="ph-numbers" data-testid="ph-numbers">
      <Link className="ph-back" to="/penghubung">
        ← {t('penghubung.back')}
      </Link>
      <h1>{t('penghubung.numbers.title')}</h1>
      <div className="ph-filters" role="tablist">
        {PRESETS.map((p) => (
          <button key={p} type="button" role="tab" aria-selected={p === preset} className="ph-filter" onClick={() => setPreset(p)}>
            {t(`filters.presets.${p}`)}
          </button>
        ))}
      </div>
      <p className="ph-meta">{t('penghubung.numbers.period', { from: formatDate(period.from), to: formatDate(period.to) })}</p>
      <LoadState query={{ error: numbers.error, isPending: false }} />
      {d && (
        <>
          {d.units.map((u) => (
            <table className="ph-compare" key={u.id} data-testid="ph-compare">
              <thead>
                <tr>
                  <th />
                  <th scope="col">{u.nama}</th>
                  <th scope="col">{d.kabupaten.nama}</th>
                </tr>
              </thead>
              <tbody>
                {ROWS.map((r) => {
                  const mine = u[r.key]
                  const kab = d.kabupaten[r.key]
                  const verdict = r.better && mine !== null && kab !== null && mine !== kab ? ((mine > kab) === (r.better === 'higher') ? 'is-better' : 'is-worse') : ''
                  return (
                    <tr key={r.key}>
                      <th scope="row">{t(`penghubung.numbers.rows.${r.key}`)}</th>
                      <td className={verdict} data-testid={`ph-unit-${r.key}`}>
                        {r.format(mine)}
                      </td>
                      <td>{r.format(kab)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          ))}
          <h2 className="ph-subtitle">{t('penghubung.numbers.rules')}</h2>
          <ul className="ph-rules">
            {d.aturan.map((a) => (
              <li key={a.id}>{t(`penghubung.numbers.rule.${a.id}`, { defaultValue: a.teks })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
