// Presenter notes: what to say on each slide, written from the same numbers the slide shows (never shown on the
// slide or printed). The speaker reads them in the notes strip (N) or in a second window.
import type { TFunction } from 'i18next'
import { formatDate, formatNumber, formatPercent, zoneLabel } from '#renderer/format.ts'
import { formatTaken } from './slides/SlideFrame.tsx'
import type { SlideKey } from './slides/index.ts'
import type { BriefingDeck } from './types.ts'

export function slideNotes(key: SlideKey, deck: BriefingDeck, t: TFunction): string[] {
  const h = deck.headline
  const n = formatNumber
  const hk = (v: number | null) => (v === null ? '–' : n(v))
  switch (key) {
    case 'judul':
      return [
        t('briefing.notesText.judul', {
          kabupaten: deck.kabupaten.nama,
          from: formatDate(deck.period.from),
          to: formatDate(deck.period.to),
          prevFrom: formatDate(deck.previousPeriod.from),
          prevTo: formatDate(deck.previousPeriod.to),
          when: formatTaken(deck.generatedAt, deck.kabupaten.time_zone, zoneLabel(deck.kabupaten.time_zone)),
        }),
      ]
    case 'angka':
      return [
        t('briefing.notesText.angka1', { n: n(h.n), prev: n(h.previous.n) }),
        t('briefing.notesText.angka2', { pct: formatPercent(h.pctResponseOnTime), prev: formatPercent(h.previous.pctResponseOnTime), median: hk(h.medianResponseHk) }),
        t('briefing.notesText.angka3', { open: n(h.openNow), overdue: n(h.overdueNow) }),
      ]
    case 'peta': {
      const top = [...deck.kecamatan].sort((a, b) => b.n - a.n).slice(0, 3)
      return [
        t('briefing.notesText.peta1', { list: top.map((k) => `${k.nama} (${n(k.n)})`).join(', ') }),
        ...(deck.tanpaLokasi > 0 ? [t('briefing.notesText.peta2', { n: n(deck.tanpaLokasi) })] : []),
      ]
    }
    case 'liga': {
      const best = deck.league[0]
      const worst = deck.league[deck.league.length - 1]
      return [
        ...(best && worst
          ? [t('briefing.notesText.liga1', { best: best.label, bestPct: formatPercent(best.pctResponseOnTime), worst: worst.label, worstPct: formatPercent(worst.pctResponseOnTime) })]
          : []),
        ...(deck.notRanked > 0 ? [t('briefing.notesText.liga2', { n: n(deck.notRanked), min: n(deck.minSample) })] : []),
      ]
    }
    case 'tunggakan':
      return [
        t('briefing.notesText.tunggakan1', { list: deck.backlog.slice(0, 3).map((r) => `${r.label} (${n(r.overdueNow)})`).join(', ') }),
        t('briefing.notesText.tunggakan2', { n: n(h.backlog['>60']) }),
      ]
    case 'masalah':
      return deck.issues
        .filter((k) => k.categories.length > 0)
        .slice(0, 3)
        .map((k) => t('briefing.notesText.masalah1', { kecamatan: k.nama, category: k.categories[0].nama, n: n(k.categories[0].n) }))
    case 'terlambat':
      return deck.overdue.total === 0
        ? [t('briefing.notesText.terlambat0')]
        : [
            t('briefing.notesText.terlambat1', {
              total: n(deck.overdue.total),
              list: deck.overdue.cases.slice(0, 3).map((c) => `#${c.tracking_id}${c.unit ? ` (${c.unit})` : ''}`).join(', '),
            }),
          ]
    case 'naik':
      return [t('briefing.notesText.naik')]
    case 'pilihan':
      return deck.notable.length === 0
        ? [t('briefing.notesText.pilihan0')]
        : deck.notable.map((c) => t('briefing.notesText.pilihan1', { id: c.tracking_id, title: c.judul ?? t('briefing.rahasia'), note: c.note ?? '' }))
  }
}
