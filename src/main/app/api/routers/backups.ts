// Scheduled backups (Pengaturan → Cadangan data): anyone reads the settings and the list, an admin changes the
// settings (audited) and makes one now. The schedule is background/backups.ts; restoring is the CLI's, app closed.
import { globalAdminProcedure, router, viewerProcedure } from '../trpc.ts'
import { backupSettingsPatch, saveBackupSettings } from '#main/settings/backup.ts'
import { backupNow, backupOverview } from '#main/background/backups.ts'

export const backupsRouter = router({
  overview: viewerProcedure.query(({ ctx }) => backupOverview(ctx.db)),
  setSettings: globalAdminProcedure.input(backupSettingsPatch).mutation(({ ctx, input }) => saveBackupSettings(ctx.db, ctx.user, input)),
  now: globalAdminProcedure.mutation(({ ctx }) => backupNow(ctx.db, ctx.user)),
})
