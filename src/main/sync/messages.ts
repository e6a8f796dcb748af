// Validation messages in Bahasa Indonesia for what connectors receive (zod's own Indonesian locale, per parse, so
// no other part of the app changes): a quarantine reason must be readable by the official who sees it.
import { z } from 'zod'

export const INDONESIAN = { error: z.locales.id().localeError }

/** The first issues of a failed parse as 'path: message; …'. */
export function issuesText(error: z.ZodError, limit = 5): string {
  return error.issues
    .slice(0, limit)
    .map((i) => `${i.path.length ? i.path.join('.') : 'rekaman'}: ${i.message}`)
    .join('; ')
}
