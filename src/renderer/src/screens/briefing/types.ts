// The briefing's data as the API sends it (src/main/briefing/deck.ts): everything a slide draws, ready to draw.
import type { Outputs } from '#renderer/api/trpc.ts'

export type BriefingDeck = Outputs['briefing']['deck']
export type PublicCase = BriefingDeck['overdue']['cases'][number]
export type OpdFigures = BriefingDeck['league'][number]
export type Shapes = Outputs['regions']['boundaries'] | undefined

/** What every slide receives. */
export type SlideProps = { deck: BriefingDeck; shapes: Shapes }
