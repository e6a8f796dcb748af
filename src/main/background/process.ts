// Whether a process that left its mark in the store (an app saying it has the store open, a routing training putting
// its model in place) still runs. Only a process on this machine can be asked; one on another machine (a store on a
// shared folder) cannot.

/** Whether a process with this id runs on this machine (EPERM: it runs, as another user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
