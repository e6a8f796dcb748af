// The work an open store does by itself while the app runs, the same in serve mode and on the desktop: routing
// keeps learning, scheduled backups and reminders go out, complaints not yet compared get their words and likely
// duplicates, the early warning keeps its baseline of the day, and what a killed sync left half-done is completed.
// Each task can be switched off where a test compares store states (a task's write would change them).
import type { Db } from '#main/store/open.ts'
import type { ChangeBus } from '#main/live/bus.ts'
import { startRoutingUpkeep } from '#main/routing/upkeep.ts'
import { startBackupSchedule } from '#main/background/backups.ts'
import { startReminderSchedule } from '#main/reminders/schedule.ts'
import { startSerupaBackfill } from '#main/serupa/background.ts'
import { startTermsBuild } from '#main/isu/terms.ts'
import { startBaselineKeeper } from '#main/isu/keeper.ts'
import { startPendingCompletion } from '#main/sync/derive.ts'
import { registerAppPresence } from '#main/sync/beside.ts'

export type BackgroundWork = {
  /** Keep the routing model learning from whatever reaches the store (default true). */
  routingUpkeep?: boolean
  /** Make the scheduled backups of Pengaturan → Cadangan data (default true). */
  backups?: boolean
  /** Send the liaisons' daily digests and escalations by e-mail (default true; issue 18). */
  reminders?: boolean
  /** Compare complaints not yet compared for Laporan serupa in background slices (default true; issue 19). */
  serupaBackfill?: boolean
  /** Build the early warning's words of complaints not yet indexed (default true; isu/terms.ts). */
  termsBuild?: boolean
  /** Keep the early warning's baseline figures of every kabupaten at start and after each local midnight (default
   *  true; isu/keeper.ts). */
  isuBaseline?: boolean
  /** Say in the store that an app has it open, so a CLI sync beside it takes short slices (default true;
   *  sync/beside.ts). */
  presence?: boolean
  log?(line: string): void
}

/** The serupa backfill's slice on the app's thread (its own default is 50 ms). */
const BACKFILL_SLICE_MS = 25
/** Complaints whose early-warning words one pass of the terms build stores, and the pause between passes: on the
 *  app's thread a batch of 1,000 took 6–11 s of a 1,000,000-complaint store under load, holding the write lock all
 *  that time (a KPI rebuild's worker gave up after its 10 s busy timeout). About as many complaints a second as the
 *  default, with the loop free in between (docs/reliability.md "The server's thread first"). */
const TERMS_BATCH = 25
const TERMS_EVERY_MS = 50

/** Starts every task asked for; the function returned stops them all. */
export function startBackgroundWork(db: Db, bus: ChangeBus, opts: BackgroundWork = {}): () => void {
  const log = opts.log
  const off = () => () => {}
  const stops = [
    opts.routingUpkeep === false ? off() : startRoutingUpkeep(db, bus),
    opts.backups === false ? off() : startBackupSchedule(db, { log }),
    opts.reminders === false ? off() : startReminderSchedule(db, { log }),
    opts.serupaBackfill === false ? off() : startSerupaBackfill(db, { log, sliceMs: BACKFILL_SLICE_MS }),
    opts.termsBuild === false ? off() : startTermsBuild(db, { log, batch: TERMS_BATCH, everyMs: TERMS_EVERY_MS }),
    opts.isuBaseline === false ? off() : startBaselineKeeper(db, { log }),
    // Always: it writes only what a killed sync or import left listed (ingest_pending), which no test store holds.
    startPendingCompletion(db, { log }),
    // A `tanggap sync` beside the app keeps its slices short while this row says an app has the store open.
    opts.presence === false || db.readonly ? off() : registerAppPresence(db, log),
  ]
  return () => {
    for (const stop of stops) stop()
  }
}

/** The same workspace with its background work running until it is closed (the desktop shell opens its stores so). */
export function withBackgroundWork<W extends { db: Db; bus: ChangeBus; close(): void }>(ws: W, opts: BackgroundWork = {}): W {
  const stop = startBackgroundWork(ws.db, ws.bus, opts)
  return {
    ...ws,
    close: () => {
      stop()
      ws.close()
    },
  }
}
