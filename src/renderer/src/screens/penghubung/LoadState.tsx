// What a liaison sees while a page of the inbox loads or when it could not: "Memuat…", or the server's reason in
// words a desa secretary can pass on ("Gagal memuat: …").
import { useTranslation } from 'react-i18next'
import { describeError } from '#renderer/api/errors.ts'

export function LoadState({ query }: { query: { error: unknown; isPending: boolean } }) {
  const { t } = useTranslation()
  if (query.error) {
    return (
      <p className="ph-error" role="alert">
        {t('penghubung.loadFailed', { detail: describeError(query.error).detail })}
      </p>
    )
  }
  return query.isPending ? <p className="ph-note">{t('app.loading')}</p> : null
}
