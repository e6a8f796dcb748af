// Scheduled backups: with the newest backup older than the interval the schedule makes one and prunes the folder to
// `keep`, a second look inside the interval does nothing, a failing backup backs off and shows on sync.background;
// over real HTTP the API refuses a non-admin change and audits an admin's.
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client'
import type { AppRouter } from '#main/app/api/router.ts'
import type { Role } from '#shared/domain.ts'
import { backupOverview, scheduledBackup, startBackupSchedule } from '#main/background/backups.ts'
import { backgroundStatus } from '#main/background/status.ts'
import { backupSettings, defaultBackupFolder, saveBackupSettings } from '#main/settings/backup.ts'
import { findProfile } from '#main/users/profiles.ts'
import { ensureDefaultProfiles } from '#main/users/profiles.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { insertComplaints } from '../fixtures.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { startSecured, type Secured } from '../security/server.ts'

const stops: (() => void)[] = []
afterEach(() => stops.splice(0).forEach((s) => s()))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const HOUR = 3_600_000

/** An old scheduled backup file (not a real store: only its name and time matter to the schedule). */
function oldBackup(folder: string, name: string, ageMs: number): string {
  mkdirSync(folder, { recursive: true })
  const f = join(folder, name)
  writeFileSync(f, 'lama')
  const t = (Date.now() - ageMs) / 1000
  utimesSync(f, t, t)
  return f
}

function admin(db: ReturnType<typeof tempStore>['db']) {
  ensureDefaultProfiles(db)
  return findProfile(db, 'admin')!
}

describe('backup schedule', () => {
  it('defaults to daily, seven kept, in a backups folder beside the store', () => {
    const { db, file } = tempStore()
    expect(backupSettings(db)).toEqual({ folder: '', intervalHours: 24, keep: 7, enabled: true })
    expect(defaultBackupFolder(db)).toBe(join(file, '..', 'backups'))
  })

  it('makes a backup when the newest is older than the interval, prunes to keep, and a second look does nothing', async () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    insertComplaints(db, [{ tracking_id: 'B1', submitted: '2026-02-02T02:00:00Z' }])
    const folder = join(tempDir(), 'cadangan')
    saveBackupSettings(db, admin(db), { folder, keep: 3, intervalHours: 24 })
    // Four backups, the newest 25 hours old: one is due, and afterwards only the newest three may stay.
    for (let i = 0; i < 4; i++) oldBackup(folder, `tanggap-2026010${i + 1}-120000.db`, (28 - i) * HOUR)
    const lines: string[] = []
    stops.push(startBackupSchedule(db, { firstDelayMs: 0, everyMs: 50, log: (l) => lines.push(l) }))
    while (lines.length === 0) await sleep(20)
    const files = readdirSync(folder).sort()
    expect(files).toHaveLength(3)
    expect(files.slice(0, 2)).toEqual(['tanggap-20260103-120000.db', 'tanggap-20260104-120000.db'])
    expect(lines[0]).toMatch(/^Cadangan .*tanggap-\d{8}-\d{6}\.db dibuat .*; 2 cadangan lama dihapus$/)
    const made = backupOverview(db).backups[0]
    expect(made.bytes).toBeGreaterThan(4096)
    // Several more looks inside the interval: nothing new.
    await sleep(400)
    expect(readdirSync(folder).sort()).toEqual(files)
    expect(lines).toHaveLength(1)
    expect(await scheduledBackup(db)).toBeNull()
    // An hour-long interval that has passed (a clock moved on): the next look makes one.
    expect(await scheduledBackup(db, Date.now() + 25 * HOUR)).toMatchObject({ pruned: [expect.stringContaining('tanggap-20260103')] })
    expect(readdirSync(folder)).toHaveLength(3)
    expect(backgroundStatus(db).find((s) => s.name === 'backup')).toMatchObject({ failures: 0, lastOkAt: expect.any(Number) })
  }, 30_000)

  it('does nothing when switched off', async () => {
    const { db } = tempStore()
    const folder = join(tempDir(), 'cadangan')
    saveBackupSettings(db, admin(db), { folder, enabled: false })
    expect(await scheduledBackup(db)).toBeNull()
    expect(existsSync(folder)).toBe(false)
    expect(backupOverview(db).nextAt).toBeNull()
  })

  it('backs off on a failure and reports it through sync.background', async () => {
    const { db } = tempStore()
    const dir = tempDir()
    // The folder is a file: every attempt fails.
    writeFileSync(join(dir, 'bukan-folder'), '')
    saveBackupSettings(db, admin(db), { folder: join(dir, 'bukan-folder') })
    const lines: string[] = []
    stops.push(startBackupSchedule(db, { firstDelayMs: 0, everyMs: 10, backoff: { baseMs: 100, maxMs: 10_000 }, log: (l) => lines.push(l) }))
    await sleep(1_000)
    const state = backgroundStatus(db).find((s) => s.name === 'backup')!
    // 100, 200, 400 ms …: about 4 attempts in a second, not a hundred.
    expect(state.failures).toBeGreaterThanOrEqual(2)
    expect(state.failures).toBeLessThanOrEqual(5)
    expect(state).toMatchObject({ label: 'Cadangan terjadwal', lastError: expect.any(String), retryAt: expect.any(Number) })
    expect(lines.filter((l) => /gagal/.test(l))).toHaveLength(1)
  })
})

describe('backups API', () => {
  let s: Secured
  beforeAll(async () => {
    s = await startSecured(() => [])
  })
  afterAll(() => s?.close())
  const client = (role: Role) => createTRPCClient<AppRouter>({ links: [httpLink({ url: `${s.base}/trpc`, headers: { authorization: `Bearer ${s.tokens[role]}` } })] })

  it('refuses a change below admin, audits an admin change, and makes a backup now', async () => {
    for (const role of ['viewer', 'operator', 'supervisor'] as const) {
      const err = await client(role).backups.setSettings.mutate({ keep: 2 }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(TRPCClientError)
      expect((err as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN')
      await expect(client(role).backups.now.mutate()).rejects.toThrow(/tidak boleh/)
    }
    expect(backupSettings(s.ws.db).keep).toBe(7)
    // Anyone reads the settings and the list.
    expect(await client('viewer').backups.overview.query()).toMatchObject({ settings: { keep: 7 }, backups: [], lastAt: null })

    await expect(client('admin').backups.setSettings.mutate({ folder: 'relatif/cadangan' })).rejects.toThrow(/jalur lengkap/)
    await expect(client('admin').backups.setSettings.mutate({ keep: 0 })).rejects.toThrow(/paling sedikit 1/)
    expect(await client('admin').backups.setSettings.mutate({ keep: 3 })).toEqual({ folder: '', intervalHours: 24, keep: 3, enabled: true })
    const audit = s.ws.db.prepare("SELECT username, before_json, after_json FROM audit_log WHERE action = 'settings.backup'").all() as { username: string; before_json: string; after_json: string }[]
    expect(audit).toHaveLength(1)
    expect(audit[0].username).toBe('admin1')
    expect(JSON.parse(audit[0].before_json)).toMatchObject({ keep: 7 })
    expect(JSON.parse(audit[0].after_json)).toMatchObject({ keep: 3 })

    const made = await client('admin').backups.now.mutate()
    expect(made.file.startsWith(defaultBackupFolder(s.ws.db))).toBe(true)
    const overview = await client('viewer').backups.overview.query()
    expect(overview.backups.map((b) => b.name)).toEqual([made.name])
    expect(overview.lastAt).toBe(overview.backups[0].at)
    expect(s.ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.now'").pluck().get()).toBe(1)
  }, 30_000)
})
