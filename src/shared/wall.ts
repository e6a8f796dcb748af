// The panels of wall mode, shared by the renderer (/dinding/<panel>) and the desktop shell (a panel per display).
export const WALL_PANELS = ['kpi', 'peta', 'opd', 'terbaru', 'terlambat'] as const
export type WallPanel = (typeof WALL_PANELS)[number]

/** The panels' names where no translation is loaded (the desktop shell's display menu); the screens use i18n. */
export const WALL_PANEL_LABELS: Record<WallPanel, string> = { kpi: 'Angka utama', peta: 'Peta kecamatan', opd: 'Liga OPD', terbaru: 'Laporan terbaru', terlambat: 'Lewat tenggat' }
