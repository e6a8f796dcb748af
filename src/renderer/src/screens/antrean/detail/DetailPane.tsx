// The open complaint in full (complaints.detail): text, facts, place, deadlines, reporter, history, who holds it,
// and the actions on it. What a role may read is decided by the API; this pane shows what it was given.
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ReactNode } from 'react'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { StatusBadge } from '#renderer/components/StatusBadge.tsx'
import { useNow } from '#renderer/hooks.ts'
import { formatNumber } from '#renderer/format.ts'
import type { Role } from '#shared/domain.ts'
import { can } from '#shared/roles.ts'
import { ActionButtons } from '../actions/ActionButtons.tsx'
import type { ActionKind, ActionTarget } from '../actions/actions.ts'
import { ClaimBox } from './ClaimBox.tsx'
import { useClaim } from './useClaim.ts'
import { Deadlines } from './Deadlines.tsx'
import { History } from './History.tsx'
import { Reporter } from './Reporter.tsx'
import { LocationMap } from './LocationMap.tsx'
import { formatInstant } from '../time.ts'
import { SuggestionPanel } from '../routing/SuggestionPanel.tsx'
import { SimilarReports } from './SimilarReports.tsx'
import { ReturnDecision } from './ReturnDecision.tsx'
import type { Suggestion } from '../routing/suggestion.ts'
import { ErrorNote } from '#renderer/components/ErrorNote.tsx'

export type ComplaintDetail = Outputs['complaints']['detail']

type DetailPaneProps = {
  id: number
  role: Role | undefined
  meId: number | undefined
  timeZone: string
  onClose(): void
  onAction(action: ActionKind, targets: ActionTarget[]): void
  /** Accepting the routing suggestion: opens the disposition with it filled in. */
  onAcceptSuggestion(s: Suggestion): void
}

export function DetailPane({ id, role, meId, timeZone, onClose, onAction, onAcceptSuggestion }: DetailPaneProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const detail = useQuery(trpc.complaints.detail.queryOptions({ id }))
  const canClaim = can(role, 'claim')
  const claim = useClaim(id, detail.data?.claim !== null && detail.data?.claim !== undefined && detail.data.claim.user_id === meId)
  const now = useNow(60_000)
  const d = detail.data

  return (
    <section className="detail" aria-label={t('antrean.detail.label')} data-testid="detail-pane" data-id={id} data-tracking-id={d?.tracking_id ?? ''}>
      <header className="detail-head">
        <div className="detail-ids">
          <span className="detail-tracking">#{d?.tracking_id ?? id}</span>
          {d && <StatusBadge status={d.status} />}
          {d?.is_anonim === 1 && <span className="flag">{t('antrean.flags.anonim')}</span>}
          {d?.is_rahasia === 1 && <span className="flag flag-rahasia">{t('antrean.flags.rahasia')}</span>}
          <button type="button" className="button detail-close" data-testid="detail-close" onClick={onClose} title={t('antrean.detail.closeHint')}>
            <kbd>Esc</kbd> {t('antrean.close')}
          </button>
        </div>
        <h2 className={`detail-title ${d && d.judul === null ? 'is-rahasia' : ''}`} data-testid="detail-title">
          {d ? (d.judul ?? t('antrean.rahasiaTitle')) : detail.error ? '' : t('app.loading')}
        </h2>
      </header>
      <ErrorNote error={detail.error} />
      {d && (
        <>
          <ClaimBox claim={d.claim} meId={meId} canTakeOver={can(role, 'takeOverClaim')} canClaim={canClaim} state={claim} timeZone={timeZone} />
          <ActionButtons role={role} targets={[{ id: d.id, tracking_id: d.tracking_id, unit_id: d.unit_id }]} onAction={onAction} testIdPrefix="detail-action" />
          <div className="detail-body">
            <ReturnDecision id={d.id} role={role} timeZone={timeZone} />
            <Section title={t('routing.title')}>
              <SuggestionPanel complaint={d} role={role} onAccept={onAcceptSuggestion} />
            </Section>
            <Section title={t('antrean.detail.isi')}>
              <p className={`detail-isi ${d.isi === null ? 'is-rahasia' : ''}`} data-testid="detail-isi">
                {d.isi ?? t('antrean.detail.isiHidden')}
              </p>
            </Section>
            <div className="detail-grid">
              <Section title={t('antrean.detail.facts')}>
                <dl className="facts detail-facts">
                  <Fact label={t('antrean.detail.category')} value={d.category ?? '–'} />
                  <Fact label={t('antrean.detail.klasifikasi')} value={t(`antrean.klasifikasi.${d.klasifikasi}`, { defaultValue: d.klasifikasi })} />
                  <Fact label={t('antrean.detail.channel')} value={t(`channel.${d.channel}`, { defaultValue: d.channel })} />
                  <Fact label={t('antrean.detail.submitted')} value={formatInstant(d.submitted_at, timeZone)} />
                  <Fact label={t('antrean.detail.place')} value={d.kecamatan ? [d.kecamatan, d.desa].filter(Boolean).join(' / ') : t('antrean.row.noLocation')} />
                  {d.lokasi_text && <Fact label={t('antrean.detail.lokasiText')} value={d.lokasi_text} />}
                  <Fact label={t('antrean.detail.unit')} value={d.unit ?? t('antrean.row.noUnit')} testId="detail-unit" />
                  <Fact label={t('antrean.detail.dispositions')} value={formatNumber(d.disposition_count)} />
                  <Fact label={t('antrean.detail.statusRaw')} value={`${d.status_raw} (${d.source})`} />
                </dl>
              </Section>
              <div>
                <Section title={t('antrean.detail.location')}>
                  {d.lat !== null && d.lon !== null ? (
                    <LocationMap
                      lat={d.lat}
                      lon={d.lon}
                      kabupaten={d.kabupaten_kode}
                      kecamatan={d.kecamatan_kode}
                      desa={d.desa_kode}
                      label={t('antrean.detail.mapLabel', { place: d.desa ?? d.kecamatan ?? '' })}
                    />
                  ) : (
                    <p className="empty">{t('antrean.detail.noPoint')}</p>
                  )}
                </Section>
                <Section title={t('antrean.detail.reporter')}>
                  <Reporter reporter={d.reporter} hidden={d.reporterHidden} />
                </Section>
              </div>
            </div>
            <Section title={t('antrean.detail.deadlines')}>
              {d.calendarGap && (
                <p className="form-warning" role="status" data-testid="calendar-gap">
                  {t('antrean.detail.calendarGap', { years: d.calendarGap.years.join(', ') })}
                </p>
              )}
              <Deadlines deadlines={d.deadlines} now={now} timeZone={timeZone} />
            </Section>
            <Section title={t('isu.similar.title')}>
              <SimilarReports id={d.id} role={role} main={{ id: d.id, tracking_id: d.tracking_id, unit_id: d.unit_id, kabupaten: d.kabupaten_kode }} />
            </Section>
            <Section title={t('antrean.detail.history')}>
              <History events={d.history} timeZone={timeZone} />
            </Section>
          </div>
        </>
      )}
    </section>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="detail-section">
      <h3 className="detail-section-title">{title}</h3>
      {children}
    </section>
  )
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="facts-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  )
}
