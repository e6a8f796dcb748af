// Settings of the screens a Pemda changes in Pengaturan, stored as one JSON value in the setting table. Every
// change is audited. A tile layer is off by default: the map works offline.
import { z } from 'zod'
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { readSettings, saveSettings } from './stored.ts'

/** The source expression that admits a Leaflet tile URL template, or null if its host is not plain enough to
 *  write into a Content-Security-Policy (only https, letters/digits/dots/hyphens, an optional port, and Leaflet's
 *  `{s}.` subdomain placeholder as the first label). */
export function tileSource(tileUrl: string): string | null {
  const m = /^https:\/\/((?:\{s\}\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(:\d{1,5})?\//i.exec(tileUrl)
  if (!m) return null
  const host = m[1].toLowerCase().replace(/^\{s\}\./, '*.')
  return `https://${host}${m[2] ?? ''}`
}

/** Every setting the UI may read, with its default. */
export const uiSettingsSchema = z.object({
  tileUrl: z
    .string()
    .trim()
    .max(500)
    .refine((u) => u === '' || /^https:\/\/[^\s]+\{z\}[^\s]*\{x\}[^\s]*\{y\}/.test(u), 'URL ubin harus https dan memuat {z}, {x} dan {y}')
    // The tile host goes into the Content-Security-Policy (app/server/csp.ts), so it must be a plain host name.
    .refine((u) => u === '' || tileSource(u) !== null, 'nama host URL ubin tidak sah (huruf, angka, titik, tanda hubung; boleh diawali {s}.)')
    .default(''),
  tileAttribution: z.string().trim().max(300).default(''),
})
export type UiSettings = z.infer<typeof uiSettingsSchema>

export function uiSettings(db: Db): UiSettings {
  return readSettings(db, 'ui', uiSettingsSchema)
}

/** Changes some settings; returns all of them as now in force. */
export function saveUiSettings(db: Db, user: SessionUser, patch: Partial<UiSettings>): UiSettings {
  return saveSettings(db, user, 'ui', uiSettingsSchema, patch)
}
