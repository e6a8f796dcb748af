// Why a domain refused a request, in terms any transport can carry: the API maps each code to its tRPC code once
// (app/api/trpc.ts), the CLI prints the message. Messages are for the user, so they are in Bahasa Indonesia.

export const DOMAIN_ERROR_CODES = ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'INVALID', 'PRECONDITION', 'BUSY'] as const

/**
 * NOT_FOUND: no such record (or not one this user may see). FORBIDDEN: the role may not do this.
 * CONFLICT: someone else holds or changed it. INVALID: the request itself is wrong.
 * PRECONDITION: right request, wrong moment (a source switched off). BUSY: too many at once; try again later.
 */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number]

export class DomainError extends Error {
  override readonly name = 'DomainError'

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
