// App settings a Pemda changes in Pengaturan. Stored as JSON in the setting table; every change is audited.
import { z } from 'zod'
import { adminProcedure, router, viewerProcedure } from '../trpc.ts'
import { appendAudit } from '#main/audit/log.ts'
import type { Db } from '#main/store/open.ts'
import { tileSource } from '#main/app/server/csp.ts'

/** Every setting the UI may read, with its default. A tile layer is off by default: the map works offline. */
export const uiSettingsSchema = z.object({
  tileUrl: z
    .string()
    .trim()
    .max(500)
    .refine((u) => u === '' || /^https:\/\/[^\s]+\{z\}[^\s]*\{x\}[^\s]*\{y\}/.test(u), 'URL ubin harus https dan memuat {z}, {x} dan {y}')
    // The tile host goes into the Content-Security-Policy (server/csp.ts), so it must be a plain host name.
    .refine((u) => u === '' || tileSource(u) !== null, 'nama host URL ubin tidak sah (huruf, angka, titik, tanda hubung; boleh diawali {s}.)')
    .default(''),
  tileAttribution: z.string().trim().max(300).default(''),
})
export type UiSettings = z.infer<typeof uiSettingsSchema>

export function uiSettings(db: Db): UiSettings {
  const raw = db.prepare("SELECT value FROM setting WHERE key = 'ui'").pluck().get() as string | undefined
  return uiSettingsSchema.parse(raw ? JSON.parse(raw) : {})
}

export const settingsRouter = router({
  ui: viewerProcedure.query(({ ctx }) => uiSettings(ctx.db)),
  setUi: adminProcedure.input(uiSettingsSchema.partial()).mutation(({ ctx, input }) =>
    ctx.db.transaction(() => {
      const before = uiSettings(ctx.db)
      const after = uiSettingsSchema.parse({ ...before, ...input })
      ctx.db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('ui', ?)").run(JSON.stringify(after))
      appendAudit(ctx.db, ctx.user, { action: 'settings.ui', entity: 'setting', entityId: 'ui', before, after })
      return after
    })(),
  ),
})
