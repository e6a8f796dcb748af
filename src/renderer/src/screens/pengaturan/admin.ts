// What the settings panels share: who may change them, and an API error as the words an admin can act on.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { can, type Role } from '#shared/roles.ts'

/** The session's role and whether it may change settings. Hiding is a courtesy: the API refuses non-admins. */
export function useAdmin(): { role: Role | undefined; isAdmin: boolean } {
  const role = useQuery(useTRPC().session.queryOptions()).data?.user?.role
  return { role, isAdmin: can(role, 'administer') }
}

type Issue = { path: PropertyKey[]; message: string }

/**
 * zod issues as one line per field (its first problem: a URL that is not https also fails the host check, and
 * the second line would only repeat the first), with the field's label when `label` knows it; otherwise the
 * server's own message.
 */
export function errorText(error: unknown, label?: (field: string) => string | undefined): string {
  const issues = (error as { data?: { issues?: Issue[] } } | null)?.data?.issues
  if (!issues?.length) return error instanceof Error ? error.message : String(error)
  const byField = new Map<string, string>()
  for (const i of issues) {
    const field = String(i.path[i.path.length - 1] ?? '')
    if (byField.has(field)) continue
    const name = label?.(field)
    byField.set(field, name && !i.message.toLowerCase().startsWith(name.toLowerCase()) ? `${name}: ${i.message}` : i.message)
  }
  return [...byField.values()].join('\n')
}

/**
 * After a saved calendar or rule change: the answer carries the deadline state ("recomputing"), shown at once
 * and polled until the rebuild is done; the calendar and rules are read again.
 */
export function useCalendarSaved(kabupaten: string): (result: { deadlines: Outputs['calendar']['status'] }) => void {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return (result) => {
    queryClient.setQueryData(trpc.calendar.status.queryKey({ kabupaten }), result.deadlines)
    void queryClient.invalidateQueries({ queryKey: trpc.calendar.daysOff.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.calendar.rules.pathKey() })
  }
}
