// What the settings panels share: who may change them, and an API error as the words an admin can act on.
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '../../api/trpc.ts'
import { roleAtLeast, type Role } from '../../../../shared/domain.ts'

/** The session's role and whether it may change settings. Hiding is a courtesy: the API refuses non-admins. */
export function useAdmin(): { role: Role | undefined; isAdmin: boolean } {
  const role = useQuery(useTRPC().session.queryOptions()).data?.user?.role
  return { role, isAdmin: role !== undefined && roleAtLeast(role, 'admin') }
}

type Issue = { path: PropertyKey[]; message: string }

/** zod issues, one line each with the field's label when `label` knows it, or the server's own message. */
export function errorText(error: unknown, label?: (field: string) => string | undefined): string {
  const issues = (error as { data?: { issues?: Issue[] } } | null)?.data?.issues
  if (!issues?.length) return error instanceof Error ? error.message : String(error)
  return issues
    .map((i) => {
      const name = label?.(String(i.path[i.path.length - 1] ?? ''))
      return name ? `${name}: ${i.message}` : i.message
    })
    .join('\n')
}
