// The desktop app's sign-in: inside Electron the main window acts as nobody until a profile signs in with its
// password (app/shell/ipc.ts), so the frame shows this form instead of the screens. In a browser (serve mode) the
// server's own /login page does this job and this gate lets everything through.
import { useState, type FormEvent, type ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '../api/trpc.ts'
import { describeError } from '../api/errors.ts'
import type { TanggapDesktop } from '#shared/desktop-auth.ts'

/** The preload's sign-in channel, only inside the desktop app. */
export function desktopAuth(): TanggapDesktop | null {
  return (window as unknown as { tanggapDesktop?: TanggapDesktop }).tanggapDesktop ?? null
}

export function DesktopSignInGate({ children }: { children: ReactNode }) {
  const auth = desktopAuth()
  const session = useQuery({ ...useTRPC().session.queryOptions(), enabled: auth !== null })
  if (!auth) return children
  if (session.isPending) return null
  if (session.error && describeError(session.error).kind === 'unauthorized') return <SignInForm auth={auth} />
  return children
}

function SignInForm({ auth }: { auth: TanggapDesktop }) {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const reply = await auth.signIn(username, password)
      // Every query starts over as the signed-in profile: a reload is the one way nothing is left from before.
      if (reply.ok) return location.reload()
      setError(reply.error)
      setPassword('')
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="sign-in">
      <form className="sign-in-form" onSubmit={(e) => void submit(e)}>
        <h1>{t('app.name')}</h1>
        <p className="note">{t('signIn.intro')}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <label>
          {t('signIn.username')}
          <input name="username" autoComplete="username" required maxLength={64} value={username} autoFocus onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" required maxLength={200} value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <p className="note">{t('signIn.noPassword')}</p>
      </form>
    </div>
  )
}
