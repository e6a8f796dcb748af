// Pengaturan → Pengguna (admins): every profile with its role, units, last sign-in and whether it is disabled;
// add one (a unit's liaison: role penghubung and its units), import a list from a spreadsheet with a report per
// row, reset a password, disable or enable, set the e-mail the daily digest goes to. All audited by the server.
import { useState, type ChangeEvent } from 'react'
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { UnitPicker } from '#renderer/components/UnitPicker.tsx'
import { useFilters } from '#renderer/filters/filters.tsx'
import { ROLES, type Role } from '#shared/roles.ts'
import { useUnits } from '../antrean/useUnits.ts'
import { ErrorNote } from '#renderer/components/ErrorNote.tsx'
import { TableHead } from '#renderer/components/TableHead.tsx'
import { LiaisonIdentity } from './LiaisonIdentity.tsx'

const when = (ms: number | null, lng: string) =>
  ms === null ? '–' : new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(ms)

function toBase64(buf: ArrayBuffer): string {
  let s = ''
  const bytes = new Uint8Array(buf)
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

export function UsersPanel() {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const users = useQuery(trpc.users.list.queryOptions())
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() })
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onSuccess: refresh }))
  const reset = useMutation(trpc.users.resetPassword.mutationOptions({ onSuccess: refresh }))
  const setEmail = useMutation(trpc.users.setEmail.mutationOptions({ onSuccess: refresh }))
  const problem = setDisabled.error ?? reset.error ?? setEmail.error
  return (
    <Panel title={t('pengguna.title')} className="users-panel" testId="users-panel">
      <LiaisonIdentity />
      <AddUserForm onAdded={refresh} />
      <ImportUsers onDone={refresh} />
      <ErrorNote error={problem} brief />
      <div className="users-table-wrap">
        <table className="users-table" data-testid="users-table">
          <TableHead columns={[t('pengguna.username'), t('pengguna.nama'), t('pengguna.role'), t('pengguna.units'), t('pengguna.email'), t('pengguna.lastSignIn'), t('pengguna.actions')]} />
          <tbody>
            {users.data?.map((u) => (
              <tr key={u.id} className={u.disabled ? 'is-disabled' : ''} data-testid="user-row" data-username={u.username}>
                <td>{u.username}</td>
                <td>{u.nama}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>{u.units.map((x) => x.nama).join(', ') || '–'}</td>
                <td>{u.email ?? '–'}</td>
                <td>{when(u.lastSignIn, i18n.language)}</td>
                <td className="users-actions">
                  <button type="button" className="button" data-testid="user-toggle" onClick={() => setDisabled.mutate({ username: u.username, disabled: !u.disabled })}>
                    {u.disabled ? t('pengguna.enable') : t('pengguna.disable')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      const password = window.prompt(t('pengguna.newPassword', { username: u.username }))
                      if (password) reset.mutate({ username: u.username, password })
                    }}
                  >
                    {t('pengguna.resetPassword')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      const email = window.prompt(t('pengguna.newEmail', { username: u.username }), u.email ?? '')
                      if (email !== null) setEmail.mutate({ username: u.username, email: email.trim() || null })
                    }}
                  >
                    {t('pengguna.setEmail')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  )
}

function AddUserForm({ onAdded }: { onAdded(): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { kabupaten } = useFilters()
  const units = useUnits(kabupaten?.kode)
  const list = useQuery(trpc.units.list.queryOptions(kabupaten ? { kabupaten: kabupaten.kode } : skipToken)).data
  const [form, setForm] = useState({ username: '', nama: '', role: 'penghubung' as Role, password: '', email: '' })
  const [unitIds, setUnitIds] = useState<number[]>([])
  const [picking, setPicking] = useState<number | null>(null)
  // A new picker (empty search) after each added profile.
  const [round, setRound] = useState(0)
  const add = useMutation(
    trpc.users.add.mutationOptions({
      onSuccess: () => {
        setForm({ username: '', nama: '', role: 'penghubung', password: '', email: '' })
        setUnitIds([])
        setPicking(null)
        setRound((r) => r + 1)
        onAdded()
      },
    }),
  )
  const field = (key: keyof typeof form) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((f) => ({ ...f, [key]: e.target.value }))
  const kodeOf = (id: number) => list?.find((u) => u.id === id)?.kode
  return (
    <form
      className="users-add"
      data-testid="user-add"
      onSubmit={(e) => {
        e.preventDefault()
        add.mutate({
          username: form.username.trim(),
          nama: form.nama.trim(),
          role: form.role,
          ...(form.password ? { password: form.password } : {}),
          ...(form.email.trim() ? { email: form.email.trim() } : {}),
          ...(unitIds.length ? { unitCodes: unitIds.map(kodeOf).filter((k): k is string => !!k) } : {}),
        })
      }}
    >
      <h3>{t('pengguna.add')}</h3>
      <div className="users-add-fields">
        <label>
          {t('pengguna.username')}
          <input className="control" required value={form.username} onChange={field('username')} data-testid="user-add-username" />
        </label>
        <label>
          {t('pengguna.nama')}
          <input className="control" required value={form.nama} onChange={field('nama')} data-testid="user-add-nama" />
        </label>
        <label>
          {t('pengguna.role')}
          <select className="control" value={form.role} onChange={field('role')} data-testid="user-add-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('pengguna.password')}
          <input className="control" type="password" autoComplete="new-password" value={form.password} onChange={field('password')} data-testid="user-add-password" />
        </label>
        <label>
          {t('pengguna.email')}
          <input className="control" type="email" value={form.email} onChange={field('email')} data-testid="user-add-email" />
        </label>
      </div>
      {form.role === 'penghubung' && (
        <div className="users-add-units">
          <UnitPicker
            key={round}
            units={units.options}
            groups={units.groups}
            value={picking}
            onChange={(id) => {
              setPicking(id)
              setUnitIds((ids) => (ids.includes(id) ? ids : [...ids, id]))
            }}
            label={t('pengguna.addUnit')}
            placeholder={t('pengguna.unitPlaceholder')}
            emptyText={t('pengguna.noUnit')}
            testId="user-add-unit"
          />
          <ul className="users-chosen" data-testid="user-add-units">
            {unitIds.map((id) => (
              <li key={id}>
                {units.labelOf(id)}{' '}
                <button type="button" className="button" onClick={() => setUnitIds((ids) => ids.filter((x) => x !== id))} aria-label={t('pengguna.removeUnit')}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ErrorNote error={add.error} brief />
      <button type="submit" className="button primary" disabled={add.isPending || (form.role === 'penghubung' && unitIds.length === 0)} data-testid="user-add-submit">
        {t('pengguna.addSubmit')}
      </button>
    </form>
  )
}

function ImportUsers({ onDone }: { onDone(): void }) {
  const { t } = useTranslation()
  const imp = useMutation(useTRPC().users.importList.mutationOptions({ onSuccess: onDone }))
  return (
    <div className="users-import">
      <label>
        {t('pengguna.import')}
        <input
          type="file"
          accept=".xlsx,.csv"
          data-testid="user-import"
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file) void file.arrayBuffer().then((buf) => imp.mutate({ name: file.name, dataBase64: toBase64(buf) }))
          }}
        />
      </label>
      <p className="note">{t('pengguna.importNote')}</p>
      <ErrorNote error={imp.error} brief />
      {imp.data && (
        <div data-testid="user-import-report">
          <p>{t('pengguna.importDone', { added: imp.data.added, updated: imp.data.updated, errors: imp.data.errors.length })}</p>
          {imp.data.errors.length > 0 && (
            <ul className="users-import-errors">
              {imp.data.errors.map((e) => (
                <li key={e.baris}>{t('pengguna.importRow', { baris: e.baris, pesan: e.pesan })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
