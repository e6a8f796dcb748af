// A failed API call said in the panel where it happened: the server's own Indonesian message, prefixed with what
// kind of failure it was ("Akses ditolak server — …"), or only the message where the form already says what failed.
import { useTranslation } from 'react-i18next'
import { describeError } from '#renderer/api/errors.ts'

export function ErrorNote({ error, brief = false, testId }: { error: unknown; brief?: boolean; testId?: string }) {
  const { t } = useTranslation()
  if (!error) return null
  const p = describeError(error)
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {brief ? p.detail : t(`errors.${p.kind}`, { detail: p.detail })}
    </p>
  )
}
