// The one tRPC router of tanggap, merged from one router per domain. Its type is what the renderer imports.
import { router, viewerProcedure } from './trpc.ts'
import { regionsRouter } from '../regions/router.ts'
import { unitsRouter } from '../units/router.ts'
import { overviewRouter } from '../overview/router.ts'
import { liveRouter } from '../live/router.ts'
import { kpiRouter } from '../kpi/router.ts'
import { complaintsRouter } from '../complaints/router.ts'
import { auditRouter } from '../audit/router.ts'
import { settingsRouter } from '../settings/router.ts'
import { categoriesRouter } from '../categories/router.ts'
import { exportRouter } from '../export/router.ts'
import { routingRouter } from '../routing/router.ts'
import { briefingRouter } from '../briefing/router.ts'
import { wallRouter } from '../wall/router.ts'
import { importRouter } from '../import/router.ts'
import { intakeRouter } from '../intake/router.ts'
import { syncRouter } from '../sync/router.ts'
import { calendarRouter } from '../calendar/router.ts'

export const appRouter = router({
  /** Who am I: the renderer hides what the role may not do (the server refuses it anyway). */
  session: viewerProcedure.query(({ ctx }) => ({ user: ctx.user, app: ctx.app })),
  regions: regionsRouter,
  units: unitsRouter,
  overview: overviewRouter,
  kpi: kpiRouter,
  complaints: complaintsRouter,
  audit: auditRouter,
  settings: settingsRouter,
  calendar: calendarRouter,
  categories: categoriesRouter,
  routing: routingRouter,
  imports: importRouter,
  intake: intakeRouter,
  sync: syncRouter,
  live: liveRouter,
  exports: exportRouter,
  briefing: briefingRouter,
  wall: wallRouter,
})

export type AppRouter = typeof appRouter
