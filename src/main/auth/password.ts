// Password hashing for local profiles: scrypt from node:crypto (memory-hard, no native dependency), with the
// parameters stored beside each hash so they can be raised later without locking anyone out.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// N = 2^15, r = 8: 32 MiB and roughly 0.1 s per check on the project's machines (OWASP's scrypt minimum is
// N = 2^17 with r = 8 for servers facing the internet; serve mode faces a Pemda LAN and is rate-limited).
const PARAMS = { N: 2 ** 15, r: 8, p: 1 }
const KEY_BYTES = 32
export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 200

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))))
}

/** Why a new password is refused, or null if acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter`
  if (password.length > MAX_PASSWORD_LENGTH) return `kata sandi maksimal ${MAX_PASSWORD_LENGTH} karakter`
  return null
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password)
  if (problem) throw new Error(problem)
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** The same hash, computed on the calling thread: for start-up steps that cannot wait (the demo's password). */
export function hashPasswordSync(password: string): string {
  const problem = passwordProblem(password)
  if (problem) throw new Error(problem)
  const salt = randomBytes(16)
  const key = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, { ...PARAMS, maxmem: 256 * PARAMS.N * PARAMS.r + 1024 * 1024 })
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$') ?? []
  if (parts.length !== 6 || parts[0] !== 'scrypt' || password.length > MAX_PASSWORD_LENGTH) {
    // Spend the same time as a real check, so a response's timing does not tell which usernames exist.
    await derive(password.slice(0, MAX_PASSWORD_LENGTH), Buffer.alloc(16), PARAMS)
    return false
  }
  const [, N, r, p, salt, key] = parts
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
