// Scheduled backups as set in Pengaturan (Cadangan data): where they go, how often, how many are kept, and whether
// the schedule runs at all. Stored as one JSON value in the setting table like the other settings; every change is
// audited. The schedule itself is background/backups.ts; the copy is store/backup.ts.
import { dirname, isAbsolute, join } from 'node:path'
import { z } from 'zod'
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { readSettings, saveSettings } from './stored.ts'

const folder = z
  .string()
  .trim()
  .max(1000)
  // '' is the default folder beside the store; anything else must not depend on where the app was started from.
  .refine((f) => f === '' || isAbsolute(f), 'folder cadangan harus jalur lengkap (mis. D:\\Cadangan atau /srv/cadangan), atau kosong untuk folder bawaan')
const intervalHours = z.number().int('selang harus bilangan bulat jam').min(1, 'selang paling sedikit 1 jam').max(24 * 31, 'selang paling lama 31 hari')
const keep = z.number().int('jumlah cadangan harus bilangan bulat').min(1, 'simpan paling sedikit 1 cadangan').max(365, 'simpan paling banyak 365 cadangan')

/** The settings with their defaults: daily, the last seven kept, in `backups` beside the store file. */
export const backupSettingsSchema = z.object({
  folder: folder.default(''),
  intervalHours: intervalHours.default(24),
  keep: keep.default(7),
  enabled: z.boolean().default(true),
})
export type BackupSettings = z.infer<typeof backupSettingsSchema>

/** What an admin may send: any of the fields, nothing filled in from defaults. */
export const backupSettingsPatch = z.object({ folder, intervalHours, keep, enabled: z.boolean() }).partial().strict()
export type BackupSettingsPatch = z.infer<typeof backupSettingsPatch>

export function backupSettings(db: Db): BackupSettings {
  return readSettings(db, 'backup', backupSettingsSchema)
}

/** The `backups` folder beside the store file (a store in memory has none: the working folder). */
export function defaultBackupFolder(db: Db): string {
  return join(db.memory ? process.cwd() : dirname(db.name), 'backups')
}

/** Where the backups of this store go now. */
export function backupFolder(db: Db, settings = backupSettings(db)): string {
  return settings.folder || defaultBackupFolder(db)
}

/** Changes some settings; returns all of them as now in force. */
export function saveBackupSettings(db: Db, user: SessionUser, patch: BackupSettingsPatch): BackupSettings {
  return saveSettings(db, user, 'backup', backupSettingsSchema, patch)
}
