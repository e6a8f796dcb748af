// The three answers a unit gives on a complaint: the tindak lanjut (it goes upstream through the outbox), a
// request for more hari kerja, and "bukan wewenang kami" with the reason and, if known, the unit it belongs to.
// The server checks every bound again; the form only says early what it would refuse.
import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { MAX_EXTENSION_HK } from '#shared/liaison.ts'

type FormProps = { id: number; onDone: (message: string) => void }

const MIN_REPLY = 10
const MIN_REASON = 5

function useAfterAction(onDone: (m: string) => void) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return (message: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.liaison.pathKey() })
    onDone(message)
  }
}

function FormShell({ onSubmit, error, busy, submit, testId, children }: { onSubmit: () => void; error: unknown; busy: boolean; submit: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <form
      className="ph-form"
      data-testid={testId}
      onSubmit={(e: FormEvent) => {
        e.preventDefault()
        onSubmit()
      }}
    >
      {children}
      {error != null && (
        <p className="ph-error" role="alert">
          {t('penghubung.actionFailed', { detail: describeError(error).detail })}
        </p>
      )}
      <button type="submit" className="ph-button is-primary" disabled={busy} data-testid={`${testId}-submit`}>
        {submit}
      </button>
    </form>
  )
}

export function ReplyForm({ id, onDone }: FormProps) {
  const { t } = useTranslation()
  const [isi, setIsi] = useState('')
  const after = useAfterAction(onDone)
  const reply = useMutation(useTRPC().liaison.reply.mutationOptions({ onSuccess: () => (setIsi(''), after(t('penghubung.done.balas'))) }))
  return (
    <FormShell testId="ph-reply" busy={reply.isPending} error={reply.error} submit={t('penghubung.reply.submit')} onSubmit={() => reply.mutate({ id, isi: isi.trim() })}>
      <label className="ph-field">
        {t('penghubung.reply.label')}
        <textarea name="isi" rows={6} required minLength={MIN_REPLY} maxLength={5000} value={isi} onChange={(e) => setIsi(e.target.value)} data-testid="ph-reply-isi" />
      </label>
      <p className="ph-note">{t('penghubung.reply.note')}</p>
    </FormShell>
  )
}

export function ExtensionForm({ id, onDone }: FormProps) {
  const { t } = useTranslation()
  const [alasan, setAlasan] = useState('')
  const [hari, setHari] = useState(5)
  const after = useAfterAction(onDone)
  const ask = useMutation(useTRPC().liaison.requestExtension.mutationOptions({ onSuccess: () => (setAlasan(''), after(t('penghubung.done.waktu'))) }))
  return (
    <FormShell testId="ph-extension" busy={ask.isPending} error={ask.error} submit={t('penghubung.extension.submit')} onSubmit={() => ask.mutate({ id, alasan: alasan.trim(), hariKerja: hari })}>
      <label className="ph-field">
        {t('penghubung.extension.days')}
        <input type="number" inputMode="numeric" name="hariKerja" min={1} max={MAX_EXTENSION_HK} required value={hari} onChange={(e) => setHari(Number(e.target.value))} data-testid="ph-extension-days" />
      </label>
      <label className="ph-field">
        {t('penghubung.extension.reason')}
        <textarea name="alasan" rows={3} required minLength={MIN_REASON} maxLength={2000} value={alasan} onChange={(e) => setAlasan(e.target.value)} data-testid="ph-extension-reason" />
      </label>
    </FormShell>
  )
}

export function ReturnForm({ id, currentUnit, onDone }: FormProps & { currentUnit: number }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const [alasan, setAlasan] = useState('')
  const [search, setSearch] = useState('')
  const [unit, setUnit] = useState('')
  const units = useQuery(trpc.liaison.units.queryOptions()).data
  const after = useAfterAction(onDone)
  const ret = useMutation(trpc.liaison.returnComplaint.mutationOptions({ onSuccess: () => (setAlasan(''), after(t('penghubung.done.kembali'))) }))
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase()
    return (units ?? []).filter((u) => u.id !== currentUnit && (!q || u.nama.toLowerCase().includes(q) || u.kode.toLowerCase().includes(q))).slice(0, 200)
  }, [units, search, currentUnit])
  return (
    <FormShell
      testId="ph-return"
      busy={ret.isPending}
      error={ret.error}
      submit={t('penghubung.return.submit')}
      onSubmit={() => ret.mutate({ id, alasan: alasan.trim(), ...(unit ? { unitTujuanId: Number(unit) } : {}) })}
    >
      <p className="ph-note">{t('penghubung.return.intro')}</p>
      <label className="ph-field">
        {t('penghubung.return.reason')}
        <textarea name="alasan" rows={3} required minLength={MIN_REASON} maxLength={2000} value={alasan} onChange={(e) => setAlasan(e.target.value)} data-testid="ph-return-reason" />
      </label>
      <label className="ph-field">
        {t('penghubung.return.search')}
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('penghubung.return.searchPlaceholder')} data-testid="ph-return-search" />
      </label>
      <label className="ph-field">
        {t('penghubung.return.unit')}
        <select name="unit" value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="ph-return-unit">
          <option value="">{t('penghubung.return.unknownUnit')}</option>
          {shown.map((u) => (
            <option key={u.id} value={u.id}>
              {u.nama}
            </option>
          ))}
        </select>
      </label>
    </FormShell>
  )
}
