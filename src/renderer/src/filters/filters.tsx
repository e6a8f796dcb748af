// The filters every screen shares — kabupaten and period — live in the URL query, so any view can be
// bookmarked, reloaded and opened on another wall screen as it was:
//   ?kab=64.08&dari=2026-01-01&sampai=2026-11-23   a fixed period
//   ?kab=64.08&periode=30-hari                     a rolling preset (a wall screen moves with the days)
//   &kategori=12&kanal=web                         narrow every screen to a topic (and its sub-topics) or a channel
// Without a period the screen shows the default rolling preset; without kab, the server's default kabupaten.
import { createContext, useCallback, useContext, type ReactNode } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { CHANNELS, type Channel, type Period } from '#shared/domain.ts'
import { useTRPC, type Kabupaten } from '../api/trpc.ts'
import { useNow } from '../hooks.ts'
import { DEFAULT_PRESET, isIsoDate, isPreset, presetPeriod, todayIn, type Preset } from './period.ts'

export type Filters = {
  kabupatenList: Kabupaten[]
  /** Undefined until the kabupaten list (and, without kab in the URL, the session) has loaded. */
  kabupaten: Kabupaten | undefined
  period: Period
  /** The preset the period follows, or null for a fixed from/to period. */
  preset: Preset | null
  today: string
  /** The category/channel filter, ready to pass to the API (undefined when nothing is chosen). */
  filter: ScreenFilter | undefined
  setKabupaten(kode: string): void
  setPreset(preset: Preset): void
  setPeriod(period: Period): void
  setFilter(filter: ScreenFilter): void
}

export type ScreenFilter = { category?: number; channel?: Channel }

function useFiltersFromUrl(): Filters {
  const [params, setParams] = useSearchParams()
  const trpc = useTRPC()
  const list = useQuery(trpc.regions.kabupaten.queryOptions()).data ?? []
  const session = useQuery(trpc.session.queryOptions())
  const wanted = params.get('kab') ?? session.data?.app.defaultKabupaten
  // Without kab in the URL, wait for the server's default rather than flash the first kabupaten.
  const canChoose = params.has('kab') || session.status !== 'pending'
  const kabupaten = canChoose ? (list.find((k) => k.kode === wanted) ?? list[0]) : undefined

  // A minute is fine enough for "today"; the period rolls over at the kabupaten's midnight.
  const now = useNow(60_000)
  const today = todayIn(kabupaten?.time_zone ?? 'Asia/Jakarta', now)
  const dari = params.get('dari')
  const sampai = params.get('sampai')
  const isFixed = isIsoDate(dari) && isIsoDate(sampai) && dari <= sampai
  const named = params.get('periode')
  const preset = isFixed ? null : isPreset(named) ? named : DEFAULT_PRESET
  const period = isFixed ? { from: dari, to: sampai } : presetPeriod(preset ?? DEFAULT_PRESET, today)
  const category = Number(params.get('kategori'))
  const channel = params.get('kanal')
  const filter: ScreenFilter | undefined =
    Number.isInteger(category) && category > 0
      ? { category, channel: isChannel(channel) ? channel : undefined }
      : isChannel(channel)
        ? { channel }
        : undefined

  const update = useCallback(
    (change: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [key, value] of Object.entries(change)) {
            if (value === null) next.delete(key)
            else next.set(key, value)
          }
          return next
        },
        // Rendered at once rather than as a transition sliced over many frames: the screens' queries for the new
        // filter are sent when that render commits, and a transition delayed them by 60 ms on a busy screen.
        { flushSync: true },
      ),
    [setParams],
  )

  return {
    kabupatenList: list,
    kabupaten,
    period,
    preset,
    today,
    setKabupaten: (kode) => update({ kab: kode }),
    setPreset: (p) => update({ periode: p, dari: null, sampai: null }),
    setPeriod: (p) => update({ dari: p.from, sampai: p.to, periode: null }),
    filter,
    setFilter: (f) => update({ kategori: f.category ? String(f.category) : null, kanal: f.channel ?? null }),
  }
}

function isChannel(value: string | null): value is Channel {
  return value !== null && (CHANNELS as readonly string[]).includes(value)
}

const FiltersContext = createContext<Filters | null>(null)

/** Reads the filters once for the whole frame; screens read them with useFilters(). */
export function FiltersProvider({ children }: { children: ReactNode }) {
  return <FiltersContext value={useFiltersFromUrl()}>{children}</FiltersContext>
}

export function useFilters(): Filters {
  const filters = useContext(FiltersContext)
  if (!filters) throw new Error('useFilters outside FiltersProvider')
  return filters
}
