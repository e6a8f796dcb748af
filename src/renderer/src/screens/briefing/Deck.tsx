// The presentation: every slide rendered (the print CSS puts each on its own page), the current one shown on a
// 16:9 stage that fills the screen area, driven from the keyboard or a presenter's clicker (arrows, PageUp/
// PageDown, space, Home/End), F for full screen, N for notes, B for a black screen.
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShortcuts } from '../antrean/useShortcuts.ts'
import { SLIDE_KEYS, SLIDES } from './slides/index.ts'
import { slideNotes } from './notes.ts'
import { useSlideIndex } from './useSlideIndex.ts'
import { usePresenterChannel } from './presenterChannel.ts'
import type { BriefingDeck, Shapes } from './types.ts'

type DeckProps = {
  deck: BriefingDeck
  shapes: Shapes
  isReady: boolean
  /** Operators and up choose the notable cases. */
  canPick: boolean
  onPick(): void
}

const TOTAL = SLIDE_KEYS.length

export function Deck({ deck, shapes, isReady, canPick, onPick }: DeckProps) {
  const { t } = useTranslation()
  const { index, go, step } = useSlideIndex(TOTAL)
  const [hasNotes, setHasNotes] = useState(false)
  const [isBlack, setIsBlack] = useState(false)
  const isPresenting = useIsFullscreen()
  const channelKey = `${deck.kabupaten.kode}|${deck.period.from}|${deck.period.to}`
  usePresenterChannel(channelKey, index, go)

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen()
    else void document.documentElement.requestFullscreen().catch(() => {})
  }, [])
  const move = (to: number) => {
    setIsBlack(false)
    go(to)
  }
  const next = () => {
    setIsBlack(false)
    step(1)
  }
  const previous = () => {
    setIsBlack(false)
    step(-1)
  }
  const toggleNotes = () => setHasNotes((v) => !v)
  const toggleBlack = () => setIsBlack((v) => !v)
  useShortcuts({
    ArrowRight: next,
    ArrowDown: next,
    PageDown: next,
    ' ': next,
    Enter: next,
    ArrowLeft: previous,
    ArrowUp: previous,
    PageUp: previous,
    Backspace: previous,
    Home: () => move(0),
    End: () => move(TOTAL - 1),
    f: toggleFullscreen,
    F: toggleFullscreen,
    n: toggleNotes,
    N: toggleNotes,
    b: toggleBlack,
    B: toggleBlack,
    '.': toggleBlack,
  })
  const openNotesWindow = () => {
    const url = new URL(location.href)
    url.searchParams.set('tampil', 'catatan')
    window.open(url.href, 'tanggap-catatan', 'popup,width=900,height=700')
  }
  // Electron refuses second windows (shell/security.ts); the notes strip (N) is there instead.
  const canOpenWindows = !('electronTRPC' in window)

  return (
    <div
      className={`deck ${hasNotes ? 'has-notes' : ''} ${isPresenting ? 'is-presenting' : ''}`}
      data-testid="briefing"
      data-kabupaten={deck.kabupaten.kode}
      data-from={deck.period.from}
      data-to={deck.period.to}
      data-slide={index + 1}
      data-total={TOTAL}
      data-ready={isReady ? '1' : '0'}
    >
      <div className="deck-toolbar no-print" role="toolbar" aria-label={t('briefing.controls.label')}>
        <button type="button" className="button" onClick={previous} disabled={index === 0} data-testid="deck-previous">
          ‹ {t('briefing.controls.previous')}
        </button>
        <span className="deck-counter" data-testid="deck-counter" title={t('briefing.controls.keys')}>
          {t('briefing.controls.counter', { n: index + 1, total: TOTAL })} · {t(`briefing.slides.${SLIDE_KEYS[index]}`)}
        </span>
        <button type="button" className="button" onClick={next} disabled={index === TOTAL - 1} data-testid="deck-next">
          {t('briefing.controls.next')} ›
        </button>
        <span className="deck-actions">
          {canPick && (
            <button type="button" className="button" onClick={onPick} data-testid="deck-pick">
              {t('briefing.controls.pick')}
            </button>
          )}
          <button type="button" className="button" onClick={toggleNotes} aria-pressed={hasNotes} data-testid="deck-notes">
            {t('briefing.controls.notes')}
          </button>
          {canOpenWindows && (
            <button type="button" className="button" onClick={openNotesWindow} data-testid="deck-notes-window">
              {t('briefing.controls.notesWindow')}
            </button>
          )}
          <button type="button" className="button" onClick={toggleFullscreen} data-testid="deck-fullscreen">
            {t('briefing.controls.fullscreen')}
          </button>
          <button type="button" className="button primary" onClick={() => window.print()} data-testid="deck-print">
            {t('briefing.controls.print')}
          </button>
        </span>
      </div>
      <div className="deck-stage">
        <div className="deck-viewport" aria-roledescription="carousel" aria-label={t('briefing.deckLabel', { n: index + 1, total: TOTAL })}>
          {SLIDE_KEYS.map((key, i) => {
            const Slide = SLIDES[key]
            return (
              <section
                key={key}
                className={`slide slide-${key} ${i === index ? 'is-current' : ''}`}
                data-testid={`slide-${key}`}
                data-index={i + 1}
                aria-roledescription="slide"
                aria-hidden={i !== index}
              >
                <Slide deck={deck} shapes={shapes} />
                <span className="slide-page">
                  {i + 1}/{TOTAL}
                </span>
              </section>
            )
          })}
        </div>
        {hasNotes && (
          <aside className="deck-notes no-print" data-testid="deck-notes-panel" aria-label={t('briefing.notes.title')}>
            <h2 className="deck-notes-title">{t('briefing.notes.title')}</h2>
            <p className="deck-keys">{t('briefing.controls.keys')}</p>
            <ul>
              {slideNotes(SLIDE_KEYS[index], deck, t).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </aside>
        )}
      </div>
      {isBlack && <div className="deck-black no-print" data-testid="deck-black" onClick={toggleBlack} />}
    </div>
  )
}

function useIsFullscreen(): boolean {
  const [is, setIs] = useState(() => document.fullscreenElement !== null)
  useEffect(() => {
    const onChange = () => setIs(document.fullscreenElement !== null)
    document.addEventListener('fullscreenchange', onChange)
    return () => document.removeEventListener('fullscreenchange', onChange)
  }, [])
  return is
}
