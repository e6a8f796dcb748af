// Peta: lapisan ubin. The map works offline from the bundled boundaries; a command centre with internet may add
// a tile layer. The server checks the URL (https, {z}/{x}/{y}, a host plain enough for the Content-Security-
// Policy) and its message is shown as is. The policy is sent with the page, so a new tile host needs a reload.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { useAdmin, errorText } from './admin.ts'
import { SettingField } from './SettingField.tsx'

export function TileLayerPanel() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { isAdmin } = useAdmin()
  const stored = useQuery(trpc.settings.ui.queryOptions()).data
  const [draft, setDraft] = useState<{ tileUrl: string; tileAttribution: string } | null>(null)
  const save = useMutation(
    trpc.settings.setUi.mutationOptions({
      onSuccess: () => {
        setDraft(null)
        void queryClient.invalidateQueries({ queryKey: trpc.settings.pathKey() })
      },
    }),
  )
  if (!stored) return <Panel title={t('pengaturan.tiles.title')}>{null}</Panel>
  const shown = draft ?? { tileUrl: stored.tileUrl, tileAttribution: stored.tileAttribution }
  const isDirty = draft !== null && (draft.tileUrl !== stored.tileUrl || draft.tileAttribution !== stored.tileAttribution)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(shown)
  }
  const label = (field: string) => (field === 'tileUrl' ? t('pengaturan.tiles.url') : field === 'tileAttribution' ? t('pengaturan.tiles.attribution') : undefined)
  return (
    <Panel title={t('pengaturan.tiles.title')} testId="tiles-panel">
      <p className="note">{t('pengaturan.tiles.explain')}</p>
      <p className="tiles-current">
        <span className="field-label">{t('pengaturan.tiles.current')}</span>{' '}
        <span data-testid="tiles-current">{stored.tileUrl || t('pengaturan.tiles.none')}</span>
      </p>
      {isAdmin && (
        <form className="settings-form" onSubmit={submit}>
          <SettingField
            label={t('pengaturan.tiles.url')}
            value={shown.tileUrl}
            maxLength={500}
            placeholder="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
            onChange={(tileUrl) => setDraft({ ...shown, tileUrl })}
            testId="tiles-url"
          />
          <SettingField
            label={t('pengaturan.tiles.attribution')}
            value={shown.tileAttribution}
            maxLength={300}
            placeholder={t('pengaturan.tiles.attributionPlaceholder')}
            onChange={(tileAttribution) => setDraft({ ...shown, tileAttribution })}
            testId="tiles-attribution"
          />
          <div className="settings-row">
            <button type="submit" className="button primary" disabled={!isDirty || save.isPending} data-testid="tiles-save">
              {save.isPending ? t('pengaturan.saving') : t('pengaturan.save')}
            </button>
            {stored.tileUrl && (
              <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate({ tileUrl: '', tileAttribution: '' })} data-testid="tiles-off">
                {t('pengaturan.tiles.off')}
              </button>
            )}
          </div>
        </form>
      )}
      {save.error && (
        <p className="form-error" data-testid="tiles-error">
          {errorText(save.error, label)}
        </p>
      )}
      {save.isSuccess && draft === null && (
        <p className="form-ok" role="status" data-testid="tiles-saved">
          {t('pengaturan.tiles.reload')}
        </p>
      )}
    </Panel>
  )
}
