// A liaison's return ("bukan wewenang kami") on the complaint open in the Antrean detail: who returned it, why,
// and the unit it named; a supervisor accepts (the complaint moves to the chosen unit) or rejects it with a reason
// (it goes back to the unit's inbox with that reason). Shown only while a return waits; requests for more time
// are listed too, as information. The server decides who may (complaints.decideReturn: reassign permission).
import { useState } from 'react'
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { UnitPicker } from '#renderer/components/UnitPicker.tsx'
import type { Role } from '#shared/domain.ts'
import { can } from '#shared/roles.ts'
import { useUnits } from '../useUnits.ts'
import { formatInstant } from '../time.ts'
import './ReturnDecision.css'

const MIN_REASON = 5

export function ReturnDecision({ id, role, timeZone }: { id: number; role: Role | undefined; timeZone: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { kabupaten } = useFilters()
  const requests = useQuery(trpc.complaints.liaisonRequests.queryOptions(kabupaten ? { kabupaten: kabupaten.kode } : skipToken)).data
  const units = useUnits(kabupaten?.kode)
  const [unitId, setUnitId] = useState<number | null>(null)
  const [alasan, setAlasan] = useState('')
  const decide = useMutation(
    trpc.complaints.decideReturn.mutationOptions({
      onSuccess: () => {
        setAlasan('')
        void queryClient.invalidateQueries()
      },
    }),
  )
  const mine = (requests ?? []).filter((r) => r.complaintId === id)
  const open = mine.find((r) => r.jenis === 'kembali')
  if (mine.length === 0) return null
  const mayDecide = can(role, 'reassign')
  const named = open?.unitTujuan ? units.options.find((u) => u.nama === open.unitTujuan)?.id ?? null : null
  const chosen = unitId ?? named
  const reasonOk = alasan.trim().length >= MIN_REASON
  return (
    <section className="return-decision" data-testid="return-decision" aria-label={t('returnDecision.title')}>
      {mine.map((r, i) => (
        <p key={i} className="return-request" data-testid={`liaison-request-${r.jenis}`}>
          <strong>{t(`returnDecision.kind.${r.jenis}`)}</strong>{' '}
          {t('returnDecision.by', { oleh: r.oleh, unit: r.unit, when: formatInstant(r.pada, timeZone) })}
          {r.alasan && <span className="return-reason"> “{r.alasan}”</span>}
          {r.jenis === 'kembali' && r.unitTujuan && <span> {t('returnDecision.named', { unit: r.unitTujuan })}</span>}
          {r.jenis === 'perpanjangan' && r.hariKerja !== null && <span> {t('returnDecision.days', { count: r.hariKerja })}</span>}
        </p>
      ))}
      {open && mayDecide && (
        <form className="return-form" onSubmit={(e) => e.preventDefault()}>
          <UnitPicker
            units={units.options}
            groups={units.groups}
            value={chosen}
            onChange={setUnitId}
            label={t('returnDecision.unit')}
            placeholder={t('returnDecision.unitPlaceholder')}
            emptyText={t('returnDecision.noUnit')}
            preferredId={named}
            testId="return-unit"
          />
          <label className="return-field">
            {t('returnDecision.reason')}
            <textarea className="control" rows={2} value={alasan} maxLength={2000} onChange={(e) => setAlasan(e.target.value)} data-testid="return-reason" />
          </label>
          {decide.error && (
            <p className="form-error" role="alert">
              {describeError(decide.error).detail}
            </p>
          )}
          <div className="return-buttons">
            <button
              type="button"
              className="button primary"
              data-testid="return-accept"
              disabled={decide.isPending || !reasonOk || chosen === null}
              onClick={() => chosen !== null && decide.mutate({ id, terima: true, alasan: alasan.trim(), unitId: chosen })}
            >
              {t('returnDecision.accept', { unit: units.labelOf(chosen) ?? '–' })}
            </button>
            <button type="button" className="button" data-testid="return-reject" disabled={decide.isPending || !reasonOk} onClick={() => decide.mutate({ id, terima: false, alasan: alasan.trim() })}>
              {t('returnDecision.reject')}
            </button>
          </div>
          {!reasonOk && <p className="note">{t('returnDecision.reasonNeeded', { count: MIN_REASON })}</p>}
        </form>
      )}
    </section>
  )
}
