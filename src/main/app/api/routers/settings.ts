// App settings a Pemda changes in Pengaturan (settings/ui.ts): anyone reads them, an admin changes them.
import { globalAdminProcedure, router, viewerProcedure } from '../trpc.ts'
import { saveUiSettings, uiSettings, uiSettingsSchema } from '#main/settings/ui.ts'
import { liaisonSettings, liaisonSettingsSchema, saveLiaisonSettings } from '#main/liaison/settings.ts'

export const settingsRouter = router({
  ui: viewerProcedure.query(({ ctx }) => uiSettings(ctx.db)),
  setUi: globalAdminProcedure.input(uiSettingsSchema.partial()).mutation(({ ctx, input }) => saveUiSettings(ctx.db, ctx.user, input)),
  /** What liaisons may see of the reporter (issue 18): the Pemda's rule, admin only. */
  liaison: viewerProcedure.query(({ ctx }) => liaisonSettings(ctx.db)),
  setLiaison: globalAdminProcedure.input(liaisonSettingsSchema.partial().strict()).mutation(({ ctx, input }) => saveLiaisonSettings(ctx.db, ctx.user, input)),
})
