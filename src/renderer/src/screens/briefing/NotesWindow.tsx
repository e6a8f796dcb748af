// The presenter's second window (?tampil=catatan): the notes of the current slide in large type, the next slide's
// title, and the same keys. It follows the presentation and moves it (presenterChannel.ts).
import { useTranslation } from 'react-i18next'
import { useShortcuts } from '../antrean/useShortcuts.ts'
import { SLIDE_KEYS } from './slides/index.ts'
import { slideNotes } from './notes.ts'
import { useSlideIndex } from './useSlideIndex.ts'
import { usePresenterChannel } from './presenterChannel.ts'
import type { BriefingDeck } from './types.ts'

const TOTAL = SLIDE_KEYS.length

export function NotesWindow({ deck }: { deck: BriefingDeck }) {
  const { t } = useTranslation()
  const { index, go, step } = useSlideIndex(TOTAL)
  usePresenterChannel(`${deck.kabupaten.kode}|${deck.period.from}|${deck.period.to}`, index, go)
  const next = () => step(1)
  const previous = () => step(-1)
  useShortcuts({ ArrowRight: next, PageDown: next, ' ': next, ArrowLeft: previous, PageUp: previous, Home: () => go(0), End: () => go(TOTAL - 1) })
  const key = SLIDE_KEYS[index]
  return (
    <section className="notes-window" data-testid="notes-window" data-slide={index + 1}>
      <h1 className="notes-window-title">{t('briefing.notes.windowTitle', { n: index + 1, total: TOTAL })}</h1>
      <h2 className="notes-window-slide">{t(`briefing.slides.${key}`)}</h2>
      <ul className="notes-window-list">
        {slideNotes(key, deck, t).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {index + 1 < TOTAL && <p className="notes-window-next">{t('briefing.notes.next', { title: t(`briefing.slides.${SLIDE_KEYS[index + 1]}`) })}</p>}
      <div className="notes-window-buttons">
        <button type="button" className="button" onClick={previous} disabled={index === 0}>
          ‹ {t('briefing.controls.previous')}
        </button>
        <button type="button" className="button primary" onClick={next} disabled={index === TOTAL - 1}>
          {t('briefing.controls.next')} ›
        </button>
      </div>
    </section>
  )
}
