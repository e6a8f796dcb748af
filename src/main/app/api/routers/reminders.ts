// Reminders (reminders/run.ts) and their SMTP server (settings/smtp.ts): admin only, every change audited. The
// SMTP password goes in and never comes out (getSmtp says only whether it is set).
import { z } from 'zod'
import { globalAdminProcedure, router } from '../trpc.ts'
import { smtpTlsSchema } from '#shared/liaison.ts'
import { reminderSettings, saveReminderSettings, saveSmtpSettings, smtpSettings } from '#main/settings/smtp.ts'
import { reminderLog, sendNow } from '#main/reminders/run.ts'

export const remindersRouter = router({
  getSmtp: globalAdminProcedure.query(({ ctx }) => smtpSettings(ctx.db)),
  setSmtp: globalAdminProcedure
    .input(
      z.object({
        host: z.string().trim().min(1, 'host server SMTP wajib diisi').max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'host SMTP: nama atau alamat server, mis. mail.kutaitimurkab.go.id'),
        port: z.number().int().min(1, 'port 1–65535').max(65535, 'port 1–65535'),
        tls: smtpTlsSchema,
        sender: z.string().trim().min(3).max(254).regex(/^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'alamat pengirim tidak sah, mis. tanggap@kutaitimurkab.go.id'),
        username: z.string().trim().max(254).default(''),
        password: z.string().max(1000).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => saveSmtpSettings(ctx.db, ctx.user, input)),
  settings: globalAdminProcedure.query(({ ctx }) => reminderSettings(ctx.db)),
  setSettings: globalAdminProcedure
    .input(
      z
        .object({
          escalateAfterHk: z.number().int().min(0, 'minimal 0 (0: tanpa eskalasi)').max(60, 'paling banyak 60 hari kerja'),
          digestHour: z.number().int().min(0).max(23),
          enabled: z.boolean(),
        })
        .partial()
        .strict(),
    )
    .mutation(({ ctx, input }) => saveReminderSettings(ctx.db, ctx.user, input)),
  log: globalAdminProcedure
    .input(z.object({ cursor: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
    .query(({ ctx, input }) => reminderLog(ctx.db, input)),
  sendNow: globalAdminProcedure.mutation(({ ctx }) => sendNow(ctx.db, ctx.user)),
})
