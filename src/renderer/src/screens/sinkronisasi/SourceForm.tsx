// Adding or changing a source (admins). The token is write-only: it is sent when typed, never shown again.
import { useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'

type Source = Outputs['sync']['sources'][number]
export type Editing = { source: Source | null }

export function SourceForm({ editing, kabupaten, onDone }: { editing: Editing; kabupaten: string; onDone: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const s = editing.source
  const [name, setName] = useState(s?.name ?? '')
  const [kind, setKind] = useState<'lapor-json' | 'open311'>(s?.kind === 'open311' ? 'open311' : 'lapor-json')
  const [baseUrl, setBaseUrl] = useState(s?.baseUrl ?? '')
  const [token, setToken] = useState('')
  const [pageSize, setPageSize] = useState(String(s?.pageSize ?? 1000))
  const [schedule, setSchedule] = useState(s?.scheduleMinutes ? String(s.scheduleMinutes) : '15')
  const [isWriteback, setWriteback] = useState(s?.isWriteback ?? false)
  const [isEnabled, setEnabled] = useState(s?.isEnabled ?? true)
  const save = useMutation(
    trpc.sync.save.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() })
        onDone()
      },
    }),
  )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({
      name: name.trim(),
      kind,
      kabupaten,
      baseUrl: baseUrl.trim() || undefined,
      pageSize: kind === 'lapor-json' && pageSize ? Number(pageSize) : undefined,
      token: token || undefined,
      scheduleMinutes: schedule.trim() ? Number(schedule) : null,
      isWriteback,
      isEnabled,
    })
  }
  return (
    <form className="panel sinkron-form" onSubmit={submit} data-testid="source-form">
      <h2 className="panel-title">{s ? t('sinkron.form.editTitle', { name: s.name }) : t('sinkron.form.title')}</h2>
      <label className="sinkron-field">
        <span>{t('sinkron.form.name')}</span>
        <input className="control" value={name} disabled={!!s} onChange={(e) => setName(e.target.value)} placeholder="lapor-kutim" required />
        <small>{t('sinkron.form.nameHint')}</small>
      </label>
      <label className="sinkron-field">
        <span>{t('sinkron.form.kind')}</span>
        <select className="control" value={kind} onChange={(e) => setKind(e.target.value as 'lapor-json' | 'open311')}>
          <option value="lapor-json">{t('sinkron.kind.lapor-json')}</option>
          <option value="open311">{t('sinkron.kind.open311')}</option>
        </select>
      </label>
      <label className="sinkron-field">
        <span>{t('sinkron.form.url')}</span>
        <input className="control" type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://…" required={!s} />
      </label>
      <label className="sinkron-field">
        <span>{t('sinkron.form.token')}</span>
        <input className="control" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        {s?.hasToken && <small>{t('sinkron.form.tokenKeep')}</small>}
      </label>
      {kind === 'lapor-json' && (
        <label className="sinkron-field">
          <span>{t('sinkron.form.pageSize')}</span>
          <input className="control" type="number" min={1} max={5000} value={pageSize} onChange={(e) => setPageSize(e.target.value)} />
        </label>
      )}
      <label className="sinkron-field">
        <span>{t('sinkron.form.schedule')}</span>
        <input className="control" type="number" min={1} max={10080} value={schedule} onChange={(e) => setSchedule(e.target.value)} />
        <small>{t('sinkron.form.scheduleHint')}</small>
      </label>
      <label className="inline-field">
        <input type="checkbox" checked={isWriteback} onChange={(e) => setWriteback(e.target.checked)} /> {t('sinkron.form.writeback')}
      </label>
      <label className="inline-field">
        <input type="checkbox" checked={isEnabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('sinkron.form.enabled')}
      </label>
      {save.error && <p className="form-error">{describeError(save.error).detail}</p>}
      <div className="sinkron-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('sinkron.form.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('sinkron.form.cancel')}
        </button>
      </div>
    </form>
  )
}
