// Pengaturan → Pengingat (admins): the Pemda's SMTP server for the daily digest and escalations (the password is
// write-only: the server keeps it like the sync tokens and says only whether one is set), when and whether the
// digest runs, and the log of every reminder (sent, failed, waiting to retry), with "kirim sekarang".
import { useEffect, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { SMTP_TLS } from '#shared/liaison.ts'
import { ErrorNote } from '#renderer/components/ErrorNote.tsx'
import { TableHead } from '#renderer/components/TableHead.tsx'

type Tls = (typeof SMTP_TLS)[number]

export function RemindersPanel() {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const smtp = useQuery(trpc.reminders.getSmtp.queryOptions()).data
  const settings = useQuery(trpc.reminders.settings.queryOptions()).data
  const log = useQuery(trpc.reminders.log.queryOptions({}))
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.reminders.pathKey() })
  const [form, setForm] = useState({ host: '', port: 587, tls: 'starttls' as Tls, sender: '', username: '', password: '' })
  useEffect(() => {
    if (smtp) setForm((f) => ({ ...f, host: smtp.host ?? '', port: smtp.port ?? 587, tls: (smtp.tls ?? 'starttls') as Tls, sender: smtp.sender ?? '', username: smtp.username ?? '' }))
  }, [smtp])
  const save = useMutation(trpc.reminders.setSmtp.mutationOptions({ onSuccess: () => (setForm((f) => ({ ...f, password: '' })), refresh()) }))
  const setSettings = useMutation(trpc.reminders.setSettings.mutationOptions({ onSuccess: refresh }))
  const sendNow = useMutation(trpc.reminders.sendNow.mutationOptions({ onSuccess: refresh }))
  const problem = save.error ?? setSettings.error ?? sendNow.error ?? log.error
  const fmt = (ms: number | null) => (ms === null ? '–' : new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'short', timeStyle: 'short' }).format(ms))
  return (
    <Panel title={t('pengingat.title')} className="reminders-panel" testId="reminders-panel">
      <form
        className="smtp-form"
        onSubmit={(e) => {
          e.preventDefault()
          save.mutate({ host: form.host.trim(), port: form.port, tls: form.tls, sender: form.sender.trim(), username: form.username.trim(), ...(form.password ? { password: form.password } : {}) })
        }}
      >
        <label>
          {t('pengingat.host')}
          <input className="control" required value={form.host} onChange={(e) => setForm({ ...form, host: e.target.value })} data-testid="smtp-host" />
        </label>
        <label>
          {t('pengingat.port')}
          <input className="control" type="number" min={1} max={65535} required value={form.port} onChange={(e) => setForm({ ...form, port: Number(e.target.value) })} data-testid="smtp-port" />
        </label>
        <label>
          {t('pengingat.tls')}
          <select className="control" value={form.tls} onChange={(e) => setForm({ ...form, tls: e.target.value as Tls })} data-testid="smtp-tls">
            {SMTP_TLS.map((v) => (
              <option key={v} value={v}>
                {t(`pengingat.tlsModes.${v}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('pengingat.sender')}
          <input className="control" type="email" required value={form.sender} onChange={(e) => setForm({ ...form, sender: e.target.value })} data-testid="smtp-sender" />
        </label>
        <label>
          {t('pengingat.username')}
          <input className="control" value={form.username} autoComplete="off" onChange={(e) => setForm({ ...form, username: e.target.value })} />
        </label>
        <label>
          {t('pengingat.password')}
          <input className="control" type="password" autoComplete="new-password" value={form.password} placeholder={smtp?.passwordSet ? t('pengingat.passwordSet') : ''} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </label>
        <button type="submit" className="button primary" disabled={save.isPending} data-testid="smtp-save">
          {t('pengingat.save')}
        </button>
      </form>
      {settings && (
        <div className="reminder-settings">
          <label>
            <input type="checkbox" className="check" checked={settings.enabled} onChange={(e) => setSettings.mutate({ enabled: e.target.checked })} /> {t('pengingat.enabled')}
          </label>
          <label>
            {t('pengingat.digestHour')}
            <input className="control" type="number" min={0} max={23} value={settings.digestHour} onChange={(e) => setSettings.mutate({ digestHour: Number(e.target.value) })} />
          </label>
          <label>
            {t('pengingat.escalateAfterHk')}
            <input className="control" type="number" min={1} max={60} value={settings.escalateAfterHk} onChange={(e) => setSettings.mutate({ escalateAfterHk: Number(e.target.value) })} />
          </label>
        </div>
      )}
      <button type="button" className="button" onClick={() => sendNow.mutate()} disabled={sendNow.isPending} data-testid="reminders-send-now">
        {t('pengingat.sendNow')}
      </button>
      {sendNow.data && <p className="note">{t('pengingat.sent', sendNow.data)}</p>}
      <ErrorNote error={problem} brief />
      <table className="users-table" data-testid="reminders-log">
        <TableHead columns={[t('pengingat.when'), t('pengingat.unit'), t('pengingat.to'), t('pengingat.kind'), t('pengingat.state'), t('pengingat.tries')]} />
        <tbody>
          {log.data?.rows.length === 0 && (
            <tr>
              <td colSpan={6} className="note">
                {t('pengingat.empty')}
              </td>
            </tr>
          )}
          {log.data?.rows.map((r) => (
            <tr key={r.id} className={`is-${r.status}`}>
              <td>{fmt(r.pada)}</td>
              <td>{r.unit}</td>
              <td>{r.penerima}</td>
              <td>{t(`pengingat.kinds.${r.jenis}`)}</td>
              <td>
                {t(`pengingat.states.${r.status}`)}
                {r.galat ? ` — ${r.galat}` : ''}
                {r.status === 'menunggu' && r.berikutnya ? ` (${t('pengingat.next', { when: fmt(r.berikutnya) })})` : ''}
              </td>
              <td>{r.percobaan}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  )
}
