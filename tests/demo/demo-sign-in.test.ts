// The bundled demo store is signed into with the documented demo password (README), never a passwordless admin:
// the desktop app asks for a password from the first start (auth/desktop-session.ts).
import { describe, expect, it, vi } from 'vitest'
import { ensureDemoStore, DEMO_ADMIN_PASSWORD } from '#main/dev/demo/ensure.ts'
import { hashPassword, verifyPassword } from '#main/auth/password.ts'
import { ensureDefaultProfiles, passwordHashOf, setPasswordHash } from '#main/users/profiles.ts'
import { tempStore } from '../helpers.ts'

// Only the sign-in matters here: the complaints and the routing model are the generator's tests' business.
vi.mock('#main/dev/demo/generate.ts', () => ({ generateDemo: vi.fn() }))
vi.mock('#main/routing/learn.ts', () => ({ rebuild: vi.fn() }))

describe('the demo store', () => {
  it("gives the demo's admin the documented password, and keeps one set since", async () => {
    const { db } = tempStore()
    ensureDefaultProfiles(db)
    expect(passwordHashOf(db, 'admin')?.hash).toBeNull()
    ensureDemoStore(db)
    const hash = passwordHashOf(db, 'admin')!.hash
    expect(DEMO_ADMIN_PASSWORD).toBe('demo-tanggap')
    expect(await verifyPassword(DEMO_ADMIN_PASSWORD, hash)).toBe(true)
    expect(await verifyPassword('', hash)).toBe(false)
    setPasswordHash(db, 'admin', await hashPassword('sandi-sendiri-123'))
    ensureDemoStore(db)
    expect(await verifyPassword('sandi-sendiri-123', passwordHashOf(db, 'admin')!.hash)).toBe(true)
    expect(await verifyPassword(DEMO_ADMIN_PASSWORD, passwordHashOf(db, 'admin')!.hash)).toBe(false)
  })
})
