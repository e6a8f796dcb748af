// Briefing: a presentation for the Bupati built from live data for the kabupaten and period in the URL (the
// shared filters). All numbers come ready from briefing.deck, which applies the privacy rule for public views on
// the server. The same page prints one slide per page (window.print, Electron's printToPDF, or headless Chromium
// from src/main/app/server/briefing-pdf.ts) and, with ?tampil=catatan, is the presenter's notes window.
import { useState } from 'react'
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { can } from '#shared/roles.ts'
import { Deck } from './Deck.tsx'
import { NotesWindow } from './NotesWindow.tsx'
import { NotablePicker } from './NotablePicker.tsx'
import './briefing.css'

// Boundaries never change for a kode: fetch them once, and let the live refresh pass them by.
const once = (query: { state: { data: unknown } }) => query.state.data === undefined

export function BriefingScreen() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { kabupaten, period } = useFilters()
  const [params] = useSearchParams()
  const kode = kabupaten?.kode
  const deck = useQuery({
    ...trpc.briefing.deck.queryOptions(kode ? { kabupaten: kode, period } : skipToken),
    // A new period keeps the old slides on screen until it arrives; another kabupaten's never stay.
    placeholderData: (previous, query) => ((query?.queryKey[1] as { input?: { kabupaten?: string } })?.input?.kabupaten === kode ? keepPreviousData(previous) : undefined),
  })
  const shapes = useQuery({ ...trpc.regions.boundaries.queryOptions(kode ? { level: 'kecamatan', parent: kode } : skipToken), enabled: once })
  const session = useQuery(trpc.session.queryOptions()).data
  const [isPicking, setIsPicking] = useState(false)

  if (!deck.data) {
    return (
      <p className="note" data-testid="briefing-loading">
        {t('briefing.loading')}
      </p>
    )
  }
  if (params.get('tampil') === 'catatan') return <NotesWindow deck={deck.data} />
  const isReady = !deck.isPlaceholderData && shapes.data !== undefined
  const canPick = can(session?.user?.role, 'pickNotable')
  return (
    <>
      <h1 className="visually-hidden">{t('briefing.title')}</h1>
      <Deck deck={deck.data} shapes={shapes.data} isReady={isReady} canPick={canPick} onPick={() => setIsPicking(true)} />
      {isPicking && <NotablePicker deck={deck.data} onClose={() => setIsPicking(false)} />}
    </>
  )
}
