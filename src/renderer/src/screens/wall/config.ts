// How a wall is set up, all in its URL so a kiosk browser needs nothing else:
//   /dinding                          rotate through every panel, 20 s each
//   /dinding?panel=peta,opd&detik=30  rotate through a chosen set at a chosen pace
//   /dinding/peta                     one fixed panel (one browser per monitor)
//   &segar=15                         how often to ask the server, in seconds (also at once on every change)
//   &alarm=120                        how long a "newly past deadline" alarm stays up, in seconds
// plus the shared filters (?kab=64.08&periode=30-hari), as on every screen.
import { WALL_PANELS, type WallPanel } from '#shared/wall.ts'

export const PANELS = WALL_PANELS
export type PanelKey = WallPanel

export type WallConfig = {
  panels: PanelKey[]
  isRotating: boolean
  rotateMs: number
  refreshMs: number
  alarmMs: number
  /** A panel name in the URL that does not exist: the wall says so instead of guessing. */
  unknown: string | null
}

export function isPanel(value: string): value is PanelKey {
  return (PANELS as readonly string[]).includes(value)
}

function seconds(value: string | null, fallback: number, min: number, max: number): number {
  const n = Number(value)
  return (Number.isFinite(n) && value !== null && value !== '' ? Math.min(max, Math.max(min, n)) : fallback) * 1000
}

export function wallConfig(pathPanel: string | undefined, params: URLSearchParams): WallConfig {
  const common = {
    rotateMs: seconds(params.get('detik'), 20, 5, 3600),
    refreshMs: seconds(params.get('segar'), 15, 2, 600),
    alarmMs: seconds(params.get('alarm'), 120, 5, 3600),
  }
  if (pathPanel) {
    return isPanel(pathPanel)
      ? { ...common, panels: [pathPanel], isRotating: false, unknown: null }
      : { ...common, panels: [], isRotating: false, unknown: pathPanel }
  }
  const asked = (params.get('panel') ?? '').split(',').map((p) => p.trim()).filter(Boolean)
  const unknown = asked.find((p) => !isPanel(p)) ?? null
  const panels = asked.filter(isPanel)
  return { ...common, panels: panels.length ? [...new Set(panels)] : [...PANELS], isRotating: true, unknown }
}
