// Peringatan dini: how many false alarms per week a kabupaten accepts (isu.setFalseAlarmRate, admin only, audited).
// Every screen that shows rising issues, and `tanggap isu` without --alarm-per-minggu, use it.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { formatDecimal } from '#renderer/format.ts'
import { useAdmin, errorText } from './admin.ts'
import { SettingField } from './SettingField.tsx'

export function IsuSettingPanel() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { isAdmin } = useAdmin()
  const stored = useQuery(trpc.isu.settings.queryOptions()).data
  const [draft, setDraft] = useState<string | null>(null)
  const save = useMutation(
    trpc.isu.setFalseAlarmRate.mutationOptions({
      onSuccess: () => {
        setDraft(null)
        void queryClient.invalidateQueries({ queryKey: trpc.isu.pathKey() })
      },
    }),
  )
  const shown = draft ?? (stored === undefined ? '' : String(stored.falseAlarmsPerWeek))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({ value: Number(shown) })
  }
  return (
    <Panel title={t('isu.setting.title')} testId="isu-setting-panel">
      <p className="note">{t('isu.setting.explain', { default: stored ? formatDecimal(stored.default) : '…' })}</p>
      <form className="settings-row" onSubmit={submit}>
        <SettingField
          label={t('isu.setting.label')}
          number={{ min: stored?.min ?? 0.01, max: stored?.max ?? 10, step: 0.01 }}
          value={shown}
          disabled={!isAdmin}
          onChange={setDraft}
          testId="isu-false-alarms"
        />
        {isAdmin && (
          <button type="submit" className="button primary" disabled={draft === null || Number(draft) === stored?.falseAlarmsPerWeek || save.isPending} data-testid="isu-false-alarms-save">
            {save.isPending ? t('pengaturan.saving') : t('pengaturan.save')}
          </button>
        )}
        {save.isSuccess && draft === null && <span className="form-ok">{t('pengaturan.saved')}</span>}
      </form>
      {save.error && <p className="form-error">{errorText(save.error, (f) => (f === 'value' ? t('isu.setting.label') : undefined))}</p>}
    </Panel>
  )
}
