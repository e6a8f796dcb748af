// How background work in slices leaves room for everything else. Every slice that writes holds the store's write
// lock; slices taken back to back (setImmediate between them) kept the app's thread 99–100 % busy and re-took the
// lock before any other writer woke: SQLite's busy handler lets a waiting writer sleep between attempts (1, 2, 5 …
// 100 ms), so it never found the lock free. Measured on 1,000,000 complaints (docs/reliability.md "Background work
// leaves room"): the serupa backfill's back-to-back slices on the app's thread made the KPI rebuild's worker give up
// after its 10 s busy timeout, and the 50 users' reads (in the read pool, below the app's thread in priority)
// waited p50 3.9–5.7 s. After each slice the work now rests about as long as the slice took, and no other task's
// slice runs meanwhile, so all the background slices of a thread together hold at most about half of it and of the
// lock (a CLI sync's end-of-run rebuild, in its worker, rests less: SlicedJob.pace).

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

/**
 * When this thread is next free for a slice of background work: the end of the last slice, plus its rest. One for
 * all the tasks of the thread (a sync from the app, the serupa backfill, the words), because each resting after
 * itself was not enough: two tasks resting as long as their slices took their turns in each other's rests and
 * together held the thread all the time, and slices whose rests ended in the same turn of the event loop ran back to
 * back (a sync beside 50 users, timed slice by slice in four runs: longest stalls 119–235 ms, not one slice over
 * 60 ms; docs/reliability.md "A sync to its end, beside 50 users").
 */
let threadFreeAt = 0

/** For a task that schedules its own slices (routing upkeep): how long until this thread is free for one (0: now). */
export function untilThreadFree(): number {
  return Math.max(0, Math.ceil(threadFreeAt - performance.now()))
}

/** For a task that schedules its own slices: a slice of `sliceMs` just ended; other tasks wait for its rest. */
export function sliceEnded(sliceMs: number): void {
  threadFreeAt = Math.max(threadFreeAt, performance.now() + restAfter(sliceMs))
}

/** Rests after a slice on an event loop (the app's thread): requests run and other writers take the lock meanwhile,
 *  and no other task's slice runs until the rest is over (threadFreeAt). With `rests` false (a run of the CLI or of a
 *  test, whose thread answers no one) it only lets waiting callbacks run. */
export async function rest(sliceMs: number, rests = true): Promise<void> {
  if (!rests) return new Promise((resolve) => setImmediate(resolve))
  sliceEnded(sliceMs)
  // Woken with another task's slice since (its rest moved threadFreeAt on): wait for that rest too.
  for (let wait = untilThreadFree(); wait > 0; wait = untilThreadFree()) await new Promise((resolve) => setTimeout(resolve, wait))
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))
/** Rests after a slice in a worker thread that runs synchronously (no event loop to return to). */
export function restBlocking(sliceMs: number): void {
  Atomics.wait(sleeper, 0, 0, restAfter(sliceMs))
}

/** The fewest items a step takes: below that, the step's own queries are most of its time. */
const MIN_STEP = 10

/** The next step's size: as many items (complaints) as fit in `targetMs` at the last step's pace, at most twice as
 *  many as the last step (one fast step on a warm cache does not make the next one huge), within [MIN_STEP, most]. */
export function nextStepSize(size: number, ms: number, targetMs: number, most: number): number {
  const scaled = Math.round(size * Math.min(2, targetMs / Math.max(1, ms)))
  return Math.max(Math.min(MIN_STEP, most), Math.min(most, scaled))
}

/** Resolves true if `p` settles (either way) within `ms`, false otherwise; `p` goes on either way, and the timer
 *  never keeps the process alive. */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)).unref()),
    ])
  } finally {
    clearTimeout(timer)
  }
}
