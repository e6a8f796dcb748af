// Kosakata status & kanal: the one vocabulary the connectors and the file import read (sync/vocabulary.ts). Every
// word with the value it maps to, an admin changes a value (audited), and raw statuses of stored complaints the
// table does not map plainly ("status belum dipetakan", "Dikembalikan" without saying to whom) with a way to map them.
// A change is confirmed first: how many stored complaints it would move ("N laporan akan diubah"), and whether to
// move them too or apply it to new complaints only.
import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { ChoiceGroup } from '#renderer/components/ChoiceGroup.tsx'
import { useAdmin, errorText } from './admin.ts'
import { TableHead } from '#renderer/components/TableHead.tsx'

type Kind = 'status' | 'channel' | 'klasifikasi'

export function VocabularyPanel() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { isAdmin } = useAdmin()
  const [kind, setKind] = useState<Kind>('status')
  const data = useQuery(trpc.vocabulary.list.queryOptions()).data
  const [pending, setPending] = useState<{ kind: Kind; word: string; value: string } | null>(null)
  const save = useMutation(
    trpc.vocabulary.set.mutationOptions({
      onSuccess: () => {
        setPending(null)
        void queryClient.invalidateQueries(trpc.vocabulary.list.queryFilter())
      },
    }),
  )
  const preview = useQuery({ ...trpc.vocabulary.remapPreview.queryOptions(pending ?? { kind: 'status', word: '-', value: 'proses' }), enabled: pending !== null })
  const label = (k: Kind, value: string) => (k === 'status' ? t(`status.${value}`) : k === 'channel' ? t(`channel.${value}`) : t(`pengaturan.vocabulary.klasifikasi.${value}`))
  const values = (data?.values[kind] ?? []) as readonly string[]
  const entries = (data?.entries ?? []).filter((e) => e.kind === kind)
  const select = (k: Kind, word: string, value: string, testId: string) =>
    isAdmin ? (
      <select
        className="control"
        value={pending && pending.kind === k && pending.word === word ? pending.value : value}
        disabled={save.isPending}
        onChange={(e) => (e.target.value === value ? setPending(null) : setPending({ kind: k, word, value: e.target.value }))}
        data-testid={testId}
      >
        {((data?.values[k] ?? []) as readonly string[]).map((v) => (
          <option key={v} value={v}>
            {label(k, v)}
          </option>
        ))}
      </select>
    ) : (
      <span>{label(k, value)}</span>
    )
  const kinds: { value: Kind; label: string }[] = [
    { value: 'status', label: t('pengaturan.vocabulary.kind.status') },
    { value: 'channel', label: t('pengaturan.vocabulary.kind.channel') },
    { value: 'klasifikasi', label: t('pengaturan.vocabulary.kind.klasifikasi') },
  ]
  return (
    <Panel title={t('pengaturan.vocabulary.title')} testId="vocabulary-panel">
      <p className="note">{t('pengaturan.vocabulary.explain')}</p>
      {kind === 'status' && data && data.unmapped.length > 0 && (
        <div data-testid="vocabulary-unmapped">
          <h3>{t('pengaturan.vocabulary.unmappedTitle')}</h3>
          <table className="calendar-table">
            <TableHead columns={[t('pengaturan.vocabulary.col.word'), t('pengaturan.vocabulary.col.complaints'), t('pengaturan.vocabulary.col.value')]} />
            <tbody>
              {data.unmapped.map((u) => (
                <tr key={`${u.status_raw}|${u.status}`}>
                  <td>
                    {u.status_raw} <span className="kind-badge">{t(`pengaturan.vocabulary.flag.${u.flag}`)}</span>
                  </td>
                  <td>{u.complaints}</td>
                  <td>{select('status', u.status_raw, u.status, 'vocabulary-unmapped-value')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ChoiceGroup<Kind> name="vocabulary-kind" testIdPrefix="vocabulary-kind" options={kinds} value={kind} onChange={setKind} />
      <div className="calendar-table-wrap">
        <table className="calendar-table" data-testid="vocabulary-words">
          <TableHead columns={[t('pengaturan.vocabulary.col.word'), t('pengaturan.vocabulary.col.value'), t('pengaturan.vocabulary.col.origin')]} />
          <tbody>
            {entries.map((e) => (
              <tr key={e.word} data-testid="vocabulary-word" data-word={e.word}>
                <td>
                  {e.word}
                  {e.ambiguous && <span className="kind-badge"> {t('pengaturan.vocabulary.flag.ambigu')}</span>}
                </td>
                <td>{values.includes(e.value) ? select(e.kind, e.word, e.value, 'vocabulary-value') : e.value}</td>
                <td>{e.origin === 'admin' ? t('pengaturan.vocabulary.origin.admin', { user: e.updated_by ?? '' }) : t('pengaturan.vocabulary.origin.bawaan')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pending && (
        <div className="confirm-box" role="dialog" aria-label={t('pengaturan.vocabulary.remap.title')} data-testid="vocabulary-remap">
          <p>
            {t('pengaturan.vocabulary.remap.change', { word: pending.word, value: label(pending.kind, pending.value) })}{' '}
            {preview.data ? (
              <strong data-testid="vocabulary-remap-count">{t('pengaturan.vocabulary.remap.count', { count: preview.data.complaints })}</strong>
            ) : preview.error ? (
              <span className="form-error">{errorText(preview.error)}</span>
            ) : (
              t('pengaturan.vocabulary.remap.counting')
            )}
            {preview.data && preview.data.withoutRaw > 0 && <> {t('pengaturan.vocabulary.remap.withoutRaw', { count: preview.data.withoutRaw })}</>}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              disabled={save.isPending || !preview.data}
              onClick={() => save.mutate({ ...pending, remap: true })}
              data-testid="vocabulary-remap-apply"
            >
              {t('pengaturan.vocabulary.remap.apply', { count: preview.data?.complaints ?? 0 })}
            </button>
            <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate({ ...pending, remap: false })} data-testid="vocabulary-remap-new-only">
              {t('pengaturan.vocabulary.remap.newOnly')}
            </button>
            <button type="button" className="button" disabled={save.isPending} onClick={() => setPending(null)}>
              {t('pengaturan.vocabulary.remap.cancel')}
            </button>
          </div>
        </div>
      )}
      {save.error && <p className="form-error">{errorText(save.error)}</p>}
      {save.isSuccess && (
        <span className="form-ok" data-testid="vocabulary-saved">
          {save.data.changed > 0 ? t('pengaturan.vocabulary.remap.done', { count: save.data.changed }) : t('pengaturan.saved')}
        </span>
      )}
      <p className="note">{t('pengaturan.vocabulary.appliesNote')}</p>
    </Panel>
  )
}
