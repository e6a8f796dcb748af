// Who is signed in (name and role) and the way out, in the top bar of every frame. The desktop app signs out
// through its preload channel; in a browser (serve mode) POST /auth/logout ends the session and the login page
// follows (the app's policy allows no form posts, so it is a fetch).
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '../api/trpc.ts'
import { desktopAuth } from './DesktopSignIn.tsx'

async function signOut(): Promise<void> {
  const auth = desktopAuth()
  if (auth) {
    await auth.signOut()
    return location.reload()
  }
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual' })
  location.assign('/login')
}

export function SessionMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  const user = useQuery(useTRPC().session.queryOptions()).data?.user
  const [busy, setBusy] = useState(false)
  if (!user) return null
  return (
    <span className={compact ? 'session-menu is-compact' : 'session-menu'} data-testid="session-menu">
      <span className="session-who">
        <span className="session-name" data-testid="session-name">
          {user.nama}
        </span>
        <span className="session-role" data-testid="session-role">
          {t(`roles.${user.role}`)}
        </span>
      </span>
      <button
        type="button"
        className="button"
        data-testid="sign-out"
        disabled={busy}
        onClick={() => {
          setBusy(true)
          void signOut().finally(() => setBusy(false))
        }}
      >
        {t('signIn.signOut')}
      </button>
    </span>
  )
}
