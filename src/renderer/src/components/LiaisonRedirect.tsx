// A liaison (penghubung) has no place in the command centre: its profile lands in its inbox (/penghubung), and
// the command-centre frame is not drawn for it at all (its queries would only be refused). Waits for the session,
// a single small request, so that nothing of the command centre flashes first.
import type { ReactNode } from 'react'
import { Navigate } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '../api/trpc.ts'

export function LiaisonRedirect({ children }: { children: ReactNode }) {
  const session = useQuery(useTRPC().session.queryOptions())
  if (session.isPending) return null
  if (session.data?.user?.role === 'penghubung') return <Navigate to="/penghubung" replace />
  return children
}
