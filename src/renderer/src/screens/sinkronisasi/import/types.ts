// The import API's shapes as the panel uses them.
import type { Outputs } from '#renderer/api/trpc.ts'
import type { inferRouterInputs } from '@trpc/server'
import type { AppRouter } from '#main/app/api/router.ts'

export type ImportReport = NonNullable<Outputs['imports']['run']>
export type Inspection = Outputs['imports']['inspect']
export type Preset = Outputs['imports']['presets'][number]
export type SavedMapping = Outputs['imports']['mappings'][number]
export type Mapping = NonNullable<inferRouterInputs<AppRouter>['imports']['run']['mapping']>
export type Field = keyof Mapping['columns']

/** Which layout the next run uses: detected, a preset, a saved mapping, or the one being edited. */
export type LayoutChoice = { kind: 'auto' } | { kind: 'preset'; name: string } | { kind: 'saved'; name: string } | { kind: 'custom'; mapping: Mapping }

export function layoutArgs(choice: LayoutChoice): { preset?: string; mappingName?: string; mapping?: Mapping } {
  switch (choice.kind) {
    case 'auto':
      return {}
    case 'preset':
      return { preset: choice.name }
    case 'saved':
      return { mappingName: choice.name }
    case 'custom':
      return { mapping: choice.mapping }
  }
}
