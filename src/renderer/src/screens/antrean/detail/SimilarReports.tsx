// "Laporan serupa" in a complaint's detail (isu.similar): the complaints that look like the same problem, with how
// similar and why (same desa, nearby point, same kecamatan), each opening in the pane; an operator links one as a
// duplicate of this complaint, or unlinks it. The links are audited on the server.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatPercent } from '#renderer/format.ts'
import type { Role } from '#shared/domain.ts'
import { can } from '#shared/roles.ts'
import '#renderer/styles/isu.css'
import { useQueueParams } from '../queues.ts'
import type { ActionTarget } from '../actions/actions.ts'
import { ApplyToDuplicates } from '../ganda/ApplyToDuplicates.tsx'
import { ErrorNote } from '#renderer/components/ErrorNote.tsx'

type Props = { id: number; role: Role | undefined; main?: ActionTarget & { kabupaten: string } }

export function SimilarReports({ id, role, main }: Props) {
  const { set } = useQueueParams()
  const onOpen = (other: number) => set({ id: String(other) })
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const similar = useQuery(trpc.isu.similar.queryOptions({ id }))
  const [done, setDone] = useState<string | null>(null)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.isu.similar.pathKey() })
  const link = useMutation(trpc.isu.link.mutationOptions({ onSuccess: refresh }))
  const unlink = useMutation(trpc.isu.unlink.mutationOptions({ onSuccess: refresh }))
  const mayLink = can(role, 'linkDuplicate')
  const error = link.error ?? unlink.error
  const data = similar.data
  if (!data) return null
  const linked = new Set(data.links.duplicates.map((d) => d.id))
  const unlinkButton = (duplicate: number, tracking: string) => (
    <button
      type="button"
      className="button"
      disabled={unlink.isPending}
      onClick={() => unlink.mutate({ id: duplicate }, { onSuccess: () => setDone(t('isu.similar.unlinked', { tracking })) })}
    >
      {t('isu.similar.unlink')}
    </button>
  )

  return (
    <div className="similar" data-testid="similar-reports">
      {data.links.main && (
        <p className="similar-main" data-testid="similar-main">
          {t('isu.similar.duplicateOf')}{' '}
          <button type="button" className="link-button" onClick={() => onOpen(data.links.main!.id)}>
            #{data.links.main.tracking_id}
          </button>
          {mayLink && unlinkButton(id, data.complaint.tracking_id)}
        </p>
      )}
      {data.links.duplicates.length > 0 && (
        <>
          <h4>{t('isu.similar.duplicates')}</h4>
          <ul className="similar-list" data-testid="similar-duplicates">
            {data.links.duplicates.map((d) => (
              <li key={d.id}>
                <button type="button" className="link-button" onClick={() => onOpen(d.id)}>
                  #{d.tracking_id}
                </button>
                {mayLink && unlinkButton(d.id, d.tracking_id)}
              </li>
            ))}
          </ul>
          {main && main.id === id && <ApplyToDuplicates main={main} kabupaten={main.kabupaten} duplicates={data.links.duplicates} role={role} />}
        </>
      )}
      {data.similar.length === 0 ? (
        <p className="empty">{t('isu.similar.none')}</p>
      ) : (
        <ul className="similar-list" data-testid="similar-list">
          {data.similar.map((s) => (
            <li key={s.id} data-testid="similar-item" data-id={s.id}>
              <button type="button" className="link-button" onClick={() => onOpen(s.id)}>
                #{s.tracking_id}
              </button>
              <span className="similar-score">{t('isu.similar.score', { pct: formatPercent(s.score * 100) })}</span>
              <span className="similar-place">{t(`isu.similar.place.${s.samePlace}`)}</span>
              {mayLink && !linked.has(s.id) && (
                <button
                  type="button"
                  className="button"
                  title={t('isu.similar.linkHint')}
                  data-testid="similar-link"
                  disabled={link.isPending}
                  onClick={() => link.mutate({ id: s.id, mainId: id, score: s.score }, { onSuccess: () => setDone(t('isu.similar.linked', { tracking: s.tracking_id })) })}
                >
                  {t('isu.similar.link')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {done && !error && (
        <p className="form-ok" role="status">
          {done}
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  )
}
