// Where an operator chooses the notable cases of this briefing (kabupaten and period): search by tracking ID or
// words of the title, choose up to four, order them, add a talking point, save. The server refuses a rahasia
// report and checks the role again; its message is shown as it comes.
import { useState } from 'react'
import { skipToken, useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { Dialog } from '#renderer/components/Dialog.tsx'
import { StatusBadge } from '#renderer/components/StatusBadge.tsx'
import { formatDate } from '#renderer/format.ts'
import { MAX_NOTABLE } from '#shared/briefing.ts'
import type { BriefingDeck } from './types.ts'

type Chosen = { id: number; tracking_id: string; judul: string | null; note: string }

export function NotablePicker({ deck, onClose }: { deck: BriefingDeck; onClose(): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const [chosen, setChosen] = useState<Chosen[]>(() => deck.notable.map((c) => ({ id: c.id, tracking_id: c.tracking_id, judul: c.judul, note: c.note ?? '' })))
  const [typed, setTyped] = useState('')
  const [search, setSearch] = useState('')
  const results = useQuery(
    trpc.complaints.queue.queryOptions(
      search ? { kabupaten: deck.kabupaten.kode, queue: 'semua', sort: 'terbaru', search, limit: 12 } : skipToken,
    ),
  )
  const save = useMutation(trpc.briefing.setNotable.mutationOptions({ onSuccess: onClose }))
  const problem = save.error ? describeError(save.error) : null
  const isFull = chosen.length >= MAX_NOTABLE
  const moveBy = (i: number, d: number) =>
    setChosen((list) => {
      const next = [...list]
      const [item] = next.splice(i, 1)
      next.splice(Math.max(0, Math.min(next.length, i + d)), 0, item)
      return next
    })

  return (
    <Dialog
      title={t('briefing.picker.title', { from: formatDate(deck.period.from), to: formatDate(deck.period.to) })}
      closeLabel={t('briefing.picker.close')}
      onClose={onClose}
      testId="notable-picker"
      className="notable-picker"
    >
      <form
        className="picker-search"
        onSubmit={(e) => {
          e.preventDefault()
          setSearch(typed.trim())
        }}
      >
        <input
          className="control"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t('briefing.picker.search')}
          aria-label={t('briefing.picker.search')}
          data-testid="picker-search"
          data-autofocus
        />
        <button type="submit" className="button" data-testid="picker-search-button">
          {t('briefing.picker.searchButton')}
        </button>
      </form>
      {search && (
        <section aria-label={t('briefing.picker.results')}>
          {results.data?.rows.length === 0 && <p className="note">{t('briefing.picker.noResults')}</p>}
          <ul className="picker-list">
            {results.data?.rows.map((r) => {
              const isChosen = chosen.some((c) => c.id === r.id)
              return (
                <li key={r.id} className="picker-row" data-testid="picker-result" data-tracking-id={r.tracking_id}>
                  <span className="picker-id">#{r.tracking_id}</span>
                  <span className="picker-title">{r.is_rahasia ? t('briefing.rahasia') : r.judul}</span>
                  <StatusBadge status={r.status} />
                  {r.is_rahasia ? (
                    <span className="note">{t('briefing.picker.rahasia')}</span>
                  ) : (
                    <button
                      type="button"
                      className="button"
                      disabled={isChosen || isFull}
                      title={isFull ? t('briefing.picker.full', { n: MAX_NOTABLE }) : undefined}
                      onClick={() => setChosen((list) => [...list, { id: r.id, tracking_id: r.tracking_id, judul: r.judul, note: '' }])}
                      data-testid="picker-add"
                    >
                      {t('briefing.picker.add')}
                    </button>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      )}
      <h3 className="picker-head">{t('briefing.picker.chosen', { n: chosen.length, max: MAX_NOTABLE })}</h3>
      {chosen.length === 0 && <p className="note">{t('briefing.picker.empty')}</p>}
      <ol className="picker-list">
        {chosen.map((c, i) => (
          <li key={c.id} className="picker-chosen" data-testid="picker-chosen" data-tracking-id={c.tracking_id}>
            <div className="picker-row">
              <span className="picker-id">#{c.tracking_id}</span>
              <span className="picker-title">{c.judul ?? t('briefing.rahasia')}</span>
              <button type="button" className="button" onClick={() => moveBy(i, -1)} disabled={i === 0}>
                {t('briefing.picker.up')}
              </button>
              <button type="button" className="button" onClick={() => moveBy(i, 1)} disabled={i === chosen.length - 1}>
                {t('briefing.picker.down')}
              </button>
              <button type="button" className="button" onClick={() => setChosen((list) => list.filter((x) => x.id !== c.id))} data-testid="picker-remove">
                {t('briefing.picker.remove')}
              </button>
            </div>
            <input
              className="control picker-note"
              value={c.note}
              maxLength={300}
              onChange={(e) => setChosen((list) => list.map((x) => (x.id === c.id ? { ...x, note: e.target.value } : x)))}
              placeholder={t('briefing.picker.note')}
              aria-label={t('briefing.picker.note')}
              data-testid="picker-note"
            />
          </li>
        ))}
      </ol>
      {problem && (
        <p className="form-error" role="alert" data-testid="picker-error">
          {problem.detail}
        </p>
      )}
      <div className="picker-buttons">
        <button type="button" className="button" onClick={onClose}>
          {t('briefing.picker.cancel')}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={save.isPending}
          data-testid="picker-save"
          onClick={() =>
            save.mutate({
              kabupaten: deck.kabupaten.kode,
              period: deck.period,
              cases: chosen.map((c) => ({ complaintId: c.id, note: c.note.trim() || null })),
            })
          }
        >
          {t('briefing.picker.save')}
        </button>
      </div>
    </Dialog>
  )
}
