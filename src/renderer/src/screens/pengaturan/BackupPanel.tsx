// Cadangan data: the scheduled backups of this store (background/backups.ts). Everyone sees where they go, how
// often, how many are kept, when the last one was made and the list; an admin changes the settings and makes one
// now. A restore replaces the whole file, so it runs with the app closed: the panel shows the command for it.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { DataTable, num } from '#renderer/components/DataTable.tsx'
import { LabelledSelect } from '#renderer/components/LabelledSelect.tsx'
import { useFilters } from '#renderer/filters/filters.tsx'
import { formatInstant } from '#renderer/screens/antrean/time.ts'
import { formatWhen } from '#renderer/format.ts'
import { useAdmin, errorText } from './admin.ts'
import { SettingField } from './SettingField.tsx'

type Settings = Outputs['backups']['overview']['settings']
type Draft = { folder: string; intervalHours: number; keep: string; enabled: boolean }

const INTERVALS = [1, 6, 12, 24, 48, 168]
const SIZE = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 })

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${SIZE.format(n / 1024)} KB`
  if (n < 1024 ** 3) return `${SIZE.format(n / 1024 ** 2)} MB`
  return `${SIZE.format(n / 1024 ** 3)} GB`
}

/** A path for a shell: quoted when it holds spaces (C:\Users\Nama Saya\…). */
const shellPath = (p: string) => (/[\s"']/.test(p) ? `"${p.replace(/"/g, '\\"')}"` : p)

const draftOf = (s: Settings): Draft => ({ folder: s.folder, intervalHours: s.intervalHours, keep: String(s.keep), enabled: s.enabled })

export function BackupPanel() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { isAdmin } = useAdmin()
  const { kabupaten, today } = useFilters()
  const timeZone = kabupaten?.time_zone ?? 'Asia/Jakarta'
  // The schedule makes backups while the screen is open: look again every minute.
  const data = useQuery({ ...trpc.backups.overview.queryOptions(), refetchInterval: 60_000 }).data
  const [draft, setDraft] = useState<Draft | null>(null)
  const refresh = () => void queryClient.invalidateQueries(trpc.backups.overview.queryFilter())
  const save = useMutation(
    trpc.backups.setSettings.mutationOptions({
      onSuccess: () => {
        setDraft(null)
        refresh()
      },
    }),
  )
  const now = useMutation(trpc.backups.now.mutationOptions({ onSuccess: refresh }))
  if (!data) return <Panel title={t('pengaturan.backup.title')}>{null}</Panel>
  const shown = draft ?? draftOf(data.settings)
  const stored = draftOf(data.settings)
  const isDirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(stored)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({ folder: shown.folder, intervalHours: shown.intervalHours, keep: Number(shown.keep), enabled: shown.enabled })
  }
  const intervalLabel = (h: number) => (h === 24 ? t('pengaturan.backup.daily') : h % 24 === 0 ? t('pengaturan.backup.everyDays', { count: h / 24 }) : t('pengaturan.backup.everyHours', { count: h }))
  const intervals = (INTERVALS.includes(shown.intervalHours) ? INTERVALS : [...INTERVALS, shown.intervalHours].sort((a, b) => a - b)).map((h) => ({ value: h, label: intervalLabel(h) }))
  const label = (f: string) =>
    ({ folder: t('pengaturan.backup.folder'), intervalHours: t('pengaturan.backup.interval'), keep: t('pengaturan.backup.keep') })[f]
  const newest = data.backups[0]
  const restoreCommand = `tanggap restore --db ${shellPath(data.storeFile)} --from ${shellPath(newest?.file ?? `${data.folder}/tanggap-YYYYMMDD-HHMMSS.db`)}`
  return (
    <Panel title={t('pengaturan.backup.title')} testId="backup-panel">
      <p className="note">{t('pengaturan.backup.explain')}</p>
      <dl className="facts" data-testid="backup-facts">
        <dt>{t('pengaturan.backup.folder')}</dt>
        <dd className="backup-path" data-testid="backup-folder">
          {data.folder}
        </dd>
        <dt>{t('pengaturan.backup.interval')}</dt>
        <dd>{data.settings.enabled ? intervalLabel(data.settings.intervalHours) : t('pengaturan.backup.off')}</dd>
        <dt>{t('pengaturan.backup.keep')}</dt>
        <dd data-testid="backup-keep">{t('pengaturan.backup.keepCount', { count: data.settings.keep })}</dd>
        <dt>{t('pengaturan.backup.last')}</dt>
        <dd data-testid="backup-last">{data.lastAt === null ? t('pengaturan.backup.never') : formatInstant(data.lastAt, timeZone)}</dd>
        {data.nextAt !== null && (
          <>
            <dt>{t('pengaturan.backup.next')}</dt>
            <dd>{data.nextAt <= Date.now() ? t('pengaturan.backup.soon') : formatInstant(data.nextAt, timeZone)}</dd>
          </>
        )}
      </dl>
      {isAdmin && (
        <form className="settings-form" onSubmit={submit} data-testid="backup-form">
          <SettingField
            label={t('pengaturan.backup.folder')}
            value={shown.folder}
            maxLength={1000}
            placeholder={data.defaultFolder}
            onChange={(folder) => setDraft({ ...shown, folder })}
            testId="backup-folder-input"
          />
          <div className="settings-row">
            <LabelledSelect
              label={t('pengaturan.backup.interval')}
              className="settings-field"
              labelClassName=""
              value={shown.intervalHours}
              options={intervals}
              onChange={(v) => setDraft({ ...shown, intervalHours: Number(v) })}
              testId="backup-interval"
            />
            <SettingField
              label={t('pengaturan.backup.keep')}
              number={{ min: 1, max: 365 }}
              value={shown.keep}
              onChange={(keep) => setDraft({ ...shown, keep })}
              testId="backup-keep-input"
            />
            <label className="settings-check">
              <input type="checkbox" checked={shown.enabled} onChange={(e) => setDraft({ ...shown, enabled: e.target.checked })} data-testid="backup-enabled" />
              <span>{t('pengaturan.backup.enabled')}</span>
            </label>
          </div>
          <div className="settings-row">
            <button type="submit" className="button primary" disabled={!isDirty || save.isPending} data-testid="backup-save">
              {save.isPending ? t('pengaturan.saving') : t('pengaturan.save')}
            </button>
            <button type="button" className="button" disabled={now.isPending || data.running} onClick={() => now.mutate()} data-testid="backup-now">
              {now.isPending || data.running ? t('pengaturan.backup.running') : t('pengaturan.backup.now')}
            </button>
            {save.isSuccess && draft === null && <span className="form-ok">{t('pengaturan.saved')}</span>}
            {now.isSuccess && !now.isPending && (
              <span className="form-ok" role="status" data-testid="backup-made">
                {t('pengaturan.backup.made', { name: now.data.name })}
              </span>
            )}
          </div>
        </form>
      )}
      {save.error && <p className="form-error">{errorText(save.error, label)}</p>}
      {now.error && (
        <p className="form-error" data-testid="backup-error">
          {errorText(now.error)}
        </p>
      )}
      <h3 className="settings-subtitle backup-subtitle">{t('pengaturan.backup.listTitle', { count: data.backups.length })}</h3>
      <DataTable
        rows={data.backups}
        columns={[t('pengaturan.backup.col.name'), num(t('pengaturan.backup.col.size')), t('pengaturan.backup.col.at')]}
        className="calendar-table"
        wrapClassName="calendar-table-wrap"
        testId="backup-list"
        empty={t('pengaturan.backup.none')}
        row={(b) => (
          <tr key={b.name}>
            <td className="backup-name">{b.name}</td>
            <td className="num backup-size">{formatBytes(b.bytes)}</td>
            <td>{formatWhen(b.at, timeZone, today)}</td>
          </tr>
        )}
      />
      <h3 className="settings-subtitle backup-subtitle">{t('pengaturan.backup.restoreTitle')}</h3>
      <p className="note">{t('pengaturan.backup.restoreExplain')}</p>
      <code className="backup-command" data-testid="backup-restore-command">
        {restoreCommand}
      </code>
    </Panel>
  )
}
