// The panels of wall mode, shared by the renderer (/dinding/<panel>) and the desktop shell (a panel per display).
export const WALL_PANELS = ['kpi', 'peta', 'opd', 'terbaru', 'terlambat'] as const
export type WallPanel = (typeof WALL_PANELS)[number]
