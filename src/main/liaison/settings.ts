// The Pemda's rule on what a liaison may see of the reporter. By default nothing (UU 27/2022: personal data goes only
// to those who need it); a Pemda whose units must call reporters back may let its liaisons see the name and contact
// of a non-anonim reporter. An anonim report never shows its reporter to anyone. Admin only, audited (Pengaturan →
// Pengguna).
import { z } from 'zod'
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { readSettings, saveSettings } from '#main/settings/stored.ts'

export const liaisonSettingsSchema = z.object({ identitasPelapor: z.boolean().default(false) })
export type LiaisonSettings = z.infer<typeof liaisonSettingsSchema>

export function liaisonSettings(db: Db): LiaisonSettings {
  return readSettings(db, 'liaison', liaisonSettingsSchema)
}

export function saveLiaisonSettings(db: Db, user: SessionUser, patch: Partial<LiaisonSettings>): LiaisonSettings {
  return saveSettings(db, user, 'liaison', liaisonSettingsSchema, patch)
}
