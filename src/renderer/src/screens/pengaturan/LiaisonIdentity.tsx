// The Pemda's rule on reporters for its liaisons (settings.setLiaison, admin only, audited): off by default.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { ErrorNote } from '#renderer/components/ErrorNote.tsx'

export function LiaisonIdentity() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const stored = useQuery(trpc.settings.liaison.queryOptions()).data
  const save = useMutation(trpc.settings.setLiaison.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.settings.liaison.queryKey() }) }))
  return (
    <div className="settings-form">
      <label className="settings-check">
        <input
          type="checkbox"
          checked={stored?.identitasPelapor ?? false}
          disabled={!stored || save.isPending}
          onChange={(e) => save.mutate({ identitasPelapor: e.target.checked })}
          data-testid="liaison-identity"
        />
        <span>{t('pengguna.identity.label')}</span>
      </label>
      <p className="note">{t('pengguna.identity.note')}</p>
      <ErrorNote error={save.error} brief />
    </div>
  )
}
