// Sampel minimum peringkat: units with fewer complaints than this are shown apart on Kinerja OPD, not ranked.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { useAdmin, errorText } from './admin.ts'
import { SettingField } from './SettingField.tsx'

export function MinSamplePanel() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { isAdmin } = useAdmin()
  const stored = useQuery(trpc.kpi.minSample.queryOptions()).data
  const [draft, setDraft] = useState<string | null>(null)
  const save = useMutation(
    trpc.kpi.setMinSample.mutationOptions({
      onSuccess: () => {
        setDraft(null)
        // Every ranking on every screen depends on it.
        void queryClient.invalidateQueries()
      },
    }),
  )
  const shown = draft ?? (stored === undefined ? '' : String(stored))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({ n: Number(shown) })
  }
  return (
    <Panel title={t('pengaturan.minSample.title')} testId="min-sample-panel">
      <p className="note">{t('pengaturan.minSample.explain')}</p>
      <form className="settings-row" onSubmit={submit}>
        <SettingField
          label={t('pengaturan.minSample.label')}
          number={{ min: 1, max: 10000 }}
          value={shown}
          disabled={!isAdmin}
          onChange={setDraft}
          testId="min-sample"
        />
        {isAdmin && (
          <button type="submit" className="button primary" disabled={draft === null || draft === String(stored) || save.isPending} data-testid="min-sample-save">
            {save.isPending ? t('pengaturan.saving') : t('pengaturan.save')}
          </button>
        )}
        {save.isSuccess && draft === null && <span className="form-ok">{t('pengaturan.saved')}</span>}
      </form>
      {save.error && <p className="form-error">{errorText(save.error, (f) => (f === 'n' ? t('pengaturan.minSample.label') : undefined))}</p>}
    </Panel>
  )
}
