// How background work in slices leaves room for everything else. Every slice that writes holds the store's write
// lock; slices taken back to back (setImmediate between them) kept the app's thread 99–100 % busy and re-took the
// lock before any other writer woke: SQLite's busy handler lets a waiting writer sleep between attempts (1, 2, 5 …
// 100 ms), so it never found the lock free. Measured on 1,000,000 complaints (docs/reliability.md "Background work
// leaves room"): the serupa backfill's back-to-back slices on the app's thread made the KPI rebuild's worker give up
// after its 10 s busy timeout, and the 50 users' reads (in the read pool, below the app's thread in priority)
// waited p50 3.9–5.7 s. After each slice the work now rests about as long as the slice took, so each task's slices
// hold at most about half of the thread and of the lock (a CLI sync's end-of-run rebuild rests less: SlicedJob.pace).

/** The longest rest: a slice that overran (a cold page, a loaded machine) does not stop the work for long. */
export const MAX_REST_MS = 250

/**
 * How long to rest after a slice of background work that took `sliceMs`: as long as the slice. A writer that began
 * waiting during the slice sleeps in its busy handler for steps that grow with its wait (1, 2, 5, 10, 15, 20, 25 ms
 * … by then about as long as it has waited), so a rest as long as the slice lets it wake and find the lock free;
 * a tiny slice (a page of unchanged records) needs only a tiny rest.
 */
export function restAfter(sliceMs: number): number {
  return Math.min(MAX_REST_MS, Math.max(1, sliceMs))
}

/** Rests after a slice on an event loop (the app's thread): requests run and other writers take the lock meanwhile.
 *  With `rests` false (a run of the CLI or of a test, whose thread answers no one) it only lets waiting callbacks run. */
export function rest(sliceMs: number, rests = true): Promise<void> {
  return new Promise((resolve) => (rests ? setTimeout(resolve, restAfter(sliceMs)) : setImmediate(resolve)))
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))
/** Rests after a slice in a worker thread that runs synchronously (no event loop to return to). */
export function restBlocking(sliceMs: number): void {
  Atomics.wait(sleeper, 0, 0, restAfter(sliceMs))
}
