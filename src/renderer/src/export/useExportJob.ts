// One export job seen from a screen: start it (the server validates and, in the desktop app, asks where to
// save), follow its progress over the live channel, cancel it. The job runs on the server; closing the dialog
// does not stop it, cancelling does.
import { useState } from 'react'
import { skipToken, useMutation } from '@tanstack/react-query'
import { useSubscription } from '@trpc/tanstack-react-query'
import type { inferRouterInputs } from '@trpc/server'
import type { AppRouter } from '#main/app/api/router.ts'
import { useTRPC, type Outputs } from '../api/trpc.ts'

export type ExportStart = inferRouterInputs<AppRouter>['exports']['start']
export type ExportRequest = ExportStart['request']
export type ExportJob = NonNullable<Outputs['exports']['start']['job']>

export function useExportJob() {
  const trpc = useTRPC()
  const [job, setJob] = useState<ExportJob | null>(null)
  const start = useMutation(trpc.exports.start.mutationOptions({ onSuccess: (r) => r.job && setJob(r.job) }))
  const cancel = useMutation(trpc.exports.cancel.mutationOptions())
  const isRunning = job?.status === 'running'
  useSubscription(
    trpc.exports.progress.subscriptionOptions(job && isRunning ? { id: job.id } : skipToken, {
      onData: (state) => setJob(state),
    }),
  )
  return {
    job,
    start: (input: ExportStart) => start.mutate(input),
    isStarting: start.isPending,
    startError: start.error,
    /** The desktop dialog was closed without choosing a file. */
    wasDeclined: start.isSuccess && start.data.job === null,
    cancel: () => job && cancel.mutate({ id: job.id }),
    reset: () => {
      setJob(null)
      start.reset()
    },
  }
}
