// Limits of a briefing shared by the API (which enforces them) and the screen (which says them).
/** Notable cases per briefing: a slide holds this many at a size readable from the back of a meeting room. */
export const MAX_NOTABLE = 4
