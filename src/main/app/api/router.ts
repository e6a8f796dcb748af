// The one tRPC router of tanggap, merged from one router per domain. Its type is what the renderer imports.
import { router, viewerProcedure } from './trpc.ts'
import { regionsRouter } from './routers/regions.ts'
import { unitsRouter } from './routers/units.ts'
import { overviewRouter } from './routers/overview.ts'
import { isuRouter } from './routers/isu.ts'
import { liveRouter } from './routers/live.ts'
import { kpiRouter } from './routers/kpi.ts'
import { complaintsRouter } from './routers/complaints.ts'
import { auditRouter } from './routers/audit.ts'
import { settingsRouter } from './routers/settings.ts'
import { categoriesRouter } from './routers/categories.ts'
import { exportRouter } from './routers/export.ts'
import { routingRouter } from './routers/routing.ts'
import { briefingRouter } from './routers/briefing.ts'
import { wallRouter } from './routers/wall.ts'
import { importRouter } from './routers/import.ts'
import { intakeRouter } from './routers/intake.ts'
import { syncRouter } from './routers/sync.ts'
import { calendarRouter } from './routers/calendar.ts'
import { vocabularyRouter } from './routers/vocabulary.ts'
import { backupsRouter } from './routers/backups.ts'
import { liaisonRouter } from './routers/liaison.ts'
import { usersRouter } from './routers/users.ts'
import { remindersRouter } from './routers/reminders.ts'

export const appRouter = router({
  /** Who am I: the renderer hides what the role may not do (the server refuses it anyway). */
  session: viewerProcedure.query(({ ctx }) => ({ user: ctx.user, app: ctx.app })),
  regions: regionsRouter,
  units: unitsRouter,
  overview: overviewRouter,
  isu: isuRouter,
  kpi: kpiRouter,
  complaints: complaintsRouter,
  audit: auditRouter,
  settings: settingsRouter,
  backups: backupsRouter,
  calendar: calendarRouter,
  categories: categoriesRouter,
  routing: routingRouter,
  imports: importRouter,
  intake: intakeRouter,
  sync: syncRouter,
  vocabulary: vocabularyRouter,
  live: liveRouter,
  exports: exportRouter,
  briefing: briefingRouter,
  wall: wallRouter,
  liaison: liaisonRouter,
  users: usersRouter,
  reminders: remindersRouter,
})

export type AppRouter = typeof appRouter
