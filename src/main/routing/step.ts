/** What one step of routing upkeep may hold the app's thread (learning, reading the history for a training, putting
 *  a new model in place), as the other background slices there (a sync's 25 ms, the serupa backfill's 25 ms). A step
 *  of a fixed 200 complaints took 193 ms during a sync beside 50 users, the longest stall of that run
 *  (docs/reliability.md "A sync to its end, beside 50 users"). */
export const STEP_MS = 30
