// Kosakata status & kanal: the one vocabulary the connectors and the file import read (sync/vocabulary.ts). Every
// word with the value it maps to, an admin changes a value (audited), and raw statuses of stored complaints the
// table does not map plainly ("status belum dipetakan", "Dikembalikan" without saying to whom) with a way to map them.
import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { ChoiceGroup } from '#renderer/components/ChoiceGroup.tsx'
import { useAdmin, errorText } from './admin.ts'

type Kind = 'status' | 'channel' | 'klasifikasi'

export function VocabularyPanel() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { isAdmin } = useAdmin()
  const [kind, setKind] = useState<Kind>('status')
  const data = useQuery(trpc.vocabulary.list.queryOptions()).data
  const save = useMutation(trpc.vocabulary.set.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.vocabulary.list.queryFilter()) }))
  const label = (k: Kind, value: string) => (k === 'status' ? t(`status.${value}`) : k === 'channel' ? t(`channel.${value}`) : t(`pengaturan.vocabulary.klasifikasi.${value}`))
  const values = (data?.values[kind] ?? []) as readonly string[]
  const entries = (data?.entries ?? []).filter((e) => e.kind === kind)
  const select = (k: Kind, word: string, value: string, testId: string) =>
    isAdmin ? (
      <select className="control" value={value} disabled={save.isPending} onChange={(e) => save.mutate({ kind: k, word, value: e.target.value })} data-testid={testId}>
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
            <thead>
              <tr>
                <th>{t('pengaturan.vocabulary.col.word')}</th>
                <th>{t('pengaturan.vocabulary.col.complaints')}</th>
                <th>{t('pengaturan.vocabulary.col.value')}</th>
              </tr>
            </thead>
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
          <thead>
            <tr>
              <th>{t('pengaturan.vocabulary.col.word')}</th>
              <th>{t('pengaturan.vocabulary.col.value')}</th>
              <th>{t('pengaturan.vocabulary.col.origin')}</th>
            </tr>
          </thead>
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
      {save.error && <p className="form-error">{errorText(save.error)}</p>}
      {save.isSuccess && <span className="form-ok">{t('pengaturan.saved')}</span>}
      <p className="note">{t('pengaturan.vocabulary.appliesNote')}</p>
    </Panel>
  )
}
