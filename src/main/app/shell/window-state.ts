// Remembered window size, position, maximised state and display. A command centre often runs the app on a
// second monitor or a wall screen; when that display is gone next time, the window must not open off-screen.
import type { BrowserWindow, Screen } from 'electron'
import { readJsonFile, writeJsonFile } from './json-file.ts'

export type Rect = { x: number; y: number; width: number; height: number }
export type DisplayInfo = { id: number; workArea: Rect }
export type WindowState = { bounds: Rect; isMaximized: boolean; displayId: number }

export const DEFAULT_SIZE = { width: 1440, height: 900 }
export const MIN_SIZE = { width: 1024, height: 640 }

export function readWindowState(file: string): WindowState | null {
  const value = readJsonFile(file) as Partial<WindowState> | null
  const b = value?.bounds
  const isRect = b && [b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n)) && b.width > 0 && b.height > 0
  if (!isRect || typeof value.displayId !== 'number') return null
  return { bounds: b, isMaximized: value.isMaximized === true, displayId: value.displayId }
}

export function writeWindowState(file: string, state: WindowState): void {
  writeJsonFile(file, state)
}

/**
 * Where the window opens: on the display it was last on (matched by id, else by overlap), kept inside that
 * display's work area; centred on the primary display when that display is no longer connected.
 */
export function placeWindow(saved: WindowState | null, displays: DisplayInfo[], primary: DisplayInfo): Rect {
  const target = saved && (displays.find((d) => d.id === saved.displayId) ?? displays.find((d) => overlaps(saved.bounds, d.workArea)))
  if (!saved || !target) return centred(fit(saved?.bounds ?? DEFAULT_SIZE, primary.workArea), primary.workArea)
  const area = target.workArea
  const size = fit(saved.bounds, area)
  return {
    ...size,
    x: clamp(saved.bounds.x, area.x, area.x + area.width - size.width),
    y: clamp(saved.bounds.y, area.y, area.y + area.height - size.height),
  }
}

type WindowParts = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized'>

/** Saves the state when the window closes (the normal bounds, so a maximised window un-maximises to its size). */
export function trackWindowState(win: WindowParts, file: string, screen: Pick<Screen, 'getDisplayMatching'>): void {
  win.on('close', () => {
    const bounds = win.getNormalBounds()
    writeWindowState(file, { bounds, isMaximized: win.isMaximized(), displayId: screen.getDisplayMatching(bounds).id })
  })
}

function fit(size: { width: number; height: number }, area: Rect) {
  return {
    width: Math.min(Math.max(size.width, MIN_SIZE.width), area.width),
    height: Math.min(Math.max(size.height, MIN_SIZE.height), area.height),
  }
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  return {
    ...size,
    x: area.x + Math.round((area.width - size.width) / 2),
    y: area.y + Math.round((area.height - size.height) / 2),
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), Math.max(min, max))
}
