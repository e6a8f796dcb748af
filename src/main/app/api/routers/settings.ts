// App settings a Pemda changes in Pengaturan (settings/ui.ts): anyone reads them, an admin changes them.
import { globalAdminProcedure, router, viewerProcedure } from '../trpc.ts'
import { saveUiSettings, uiSettings, uiSettingsSchema } from '#main/settings/ui.ts'

export const settingsRouter = router({
  ui: viewerProcedure.query(({ ctx }) => uiSettings(ctx.db)),
  setUi: globalAdminProcedure.input(uiSettingsSchema.partial()).mutation(({ ctx, input }) => saveUiSettings(ctx.db, ctx.user, input)),
})
