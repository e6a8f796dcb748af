// Typed access to the API for components: `useTRPC()` gives query/subscription options for TanStack Query.
import { createTRPCContext } from '@trpc/tanstack-react-query'
import type { inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '#main/app/api/router.ts'

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>()

export type Outputs = inferRouterOutputs<AppRouter>
export type Kabupaten = Outputs['regions']['kabupaten'][number]
export type OverviewSummary = Outputs['overview']['summary']
export type LatestComplaint = Outputs['overview']['latest'][number]
