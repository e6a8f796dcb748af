// The SMTP server reminders are sent through (Pengaturan → Pengingat), and the reminder settings. The server's
// settings are one JSON value in the setting table like the other settings; its password is kept apart in
// smtp_secret (0029_reminders.sql), the way sync tokens are kept in sync_source_secret: it leaves this module only
// through smtpPassword() for the mailer, never in a listing, a log line, an audit entry or an error.
import { z } from 'zod'
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { appendAudit } from '#main/audit/log.ts'
import { smtpTlsSchema } from '#shared/liaison.ts'

export const smtpSettingsSchema = z.object({
  host: z.string().trim().max(253).default(''),
  port: z.number().int().min(1).max(65535).default(587),
  tls: smtpTlsSchema.default('starttls'),
  sender: z.string().trim().max(254).default(''),
  username: z.string().trim().max(254).default(''),
})
export type SmtpSettings = z.infer<typeof smtpSettingsSchema>

export function smtpSettings(db: Db): SmtpSettings & { passwordSet: boolean } {
  const raw = db.prepare("SELECT value FROM setting WHERE key = 'smtp'").pluck().get() as string | undefined
  const passwordSet = db.prepare('SELECT 1 FROM smtp_secret WHERE id = 1').get() !== undefined
  return { ...smtpSettingsSchema.parse(raw ? JSON.parse(raw) : {}), passwordSet }
}

/** The password for the mailer only (reminders/mailer.ts). */
export function smtpPassword(db: Db): string | null {
  return (db.prepare('SELECT password FROM smtp_secret WHERE id = 1').pluck().get() as string | undefined) ?? null
}

export type SmtpPatch = SmtpSettings & { password?: string | null }

/** Saves the server's settings; `password` undefined keeps the stored one, null or '' removes it. */
export function saveSmtpSettings(db: Db, user: SessionUser, patch: SmtpPatch): SmtpSettings & { passwordSet: boolean } {
  return db
    .transaction(() => {
      const { password, ...rest } = patch
      const { passwordSet: hadPassword, ...before } = smtpSettings(db)
      const after = smtpSettingsSchema.parse(rest)
      db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('smtp', ?)").run(JSON.stringify(after))
      if (password) db.prepare('INSERT INTO smtp_secret (id, password) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET password = excluded.password').run(password)
      else if (password !== undefined) db.prepare('DELETE FROM smtp_secret WHERE id = 1').run()
      const passwordSet = password === undefined ? hadPassword : !!password
      appendAudit(db, user, {
        action: 'settings.smtp',
        entity: 'setting',
        entityId: 'smtp',
        before: { ...before, password: hadPassword ? 'diatur' : 'tidak ada' },
        after: { ...after, password: password === undefined ? 'tidak diubah' : password ? 'diganti' : 'dihapus' },
      })
      return { ...after, passwordSet }
    }).immediate()
}

export const reminderSettingsSchema = z.object({
  /** Escalate to the OPD head when a complaint is overdue by this many hari kerja (0: never). */
  escalateAfterHk: z.number().int().min(0).max(60).default(3),
  /** The local hour (kabupaten time) from which the day's digest goes out. */
  digestHour: z.number().int().min(0).max(23).default(7),
  enabled: z.boolean().default(true),
})
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>

export function reminderSettings(db: Db): ReminderSettings {
  const raw = db.prepare("SELECT value FROM setting WHERE key = 'reminders'").pluck().get() as string | undefined
  return reminderSettingsSchema.parse(raw ? JSON.parse(raw) : {})
}

export function saveReminderSettings(db: Db, user: SessionUser, patch: Partial<ReminderSettings>): ReminderSettings {
  return db
    .transaction(() => {
      const before = reminderSettings(db)
      const after = reminderSettingsSchema.parse({ ...before, ...patch })
      db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('reminders', ?)").run(JSON.stringify(after))
      appendAudit(db, user, { action: 'settings.reminders', entity: 'setting', entityId: 'reminders', before, after })
      return after
    }).immediate()
}
