// Wall mode in the desktop app: one full-screen window per chosen display, each showing a wall panel (/dinding/
// peta…) or the rotation (/dinding). The choice per display is kept in a small settings file; the windows act as
// the read-only 'dinding' profile (shell/ipc.ts) and get the same hardened preferences as the main window.
import type { BrowserWindow } from 'electron'
import { WALL_PANEL_LABELS, WALL_PANELS } from '#shared/wall.ts'
import type { AppLocation } from './app-url.ts'
import { readJsonFile, writeJsonFile } from './json-file.ts'
import { newSecureWindow } from './secure-window.ts'
import type { Rect } from './window-state.ts'

/** 'putar': rotate through every panel; 'mati': this display shows no wall. */
export const WALL_CHOICES = ['putar', ...WALL_PANELS, 'mati'] as const
export type WallChoice = (typeof WALL_CHOICES)[number]

/** The display menu's words; the panels are named as the wall's own navigation names them. */
export const WALL_CHOICE_LABELS: Record<WallChoice, string> = {
  putar: 'Bergantian (semua panel)',
  ...WALL_PANEL_LABELS,
  mati: 'Tidak dipakai',
}

export type WallDisplay = { id: number; label?: string; bounds?: Rect; workArea: Rect }

export type WallDeps = {
  BrowserWindow: typeof BrowserWindow
  screen: { getAllDisplays(): WallDisplay[] }
}

export type WallOptions = {
  preload: string
  location: AppLocation
  settingsFile: string
  /** The display the main window is on: by default it keeps the app, the others show the wall. */
  mainDisplayId(): number | null
  /** Every wall window is handed to the IPC bridge (its subscriptions end when it closes). */
  onCreated(win: BrowserWindow): void
}

export type WallWindows = {
  windows(): BrowserWindow[]
  displays(): { display: WallDisplay; name: string; choice: WallChoice }[]
  choose(displayId: number, choice: WallChoice): void
  /** Opens (or reopens) the wall on every display with a panel; `query` carries the kabupaten (?kab=64.08). */
  open(query: string): number
  close(): void
}

/** The wall route inside the app: a hash route for the built renderer (file://), a path for the dev server. */
export function wallUrl(entryUrl: string, choice: Exclude<WallChoice, 'mati'>, query: string): string {
  const route = `/dinding${choice === 'putar' ? '' : `/${choice}`}${query}`
  return entryUrl.startsWith('file:') ? `${entryUrl.split('#')[0]}#${route}` : new URL(route, entryUrl).href
}

function isChoice(value: unknown): value is WallChoice {
  return (WALL_CHOICES as readonly unknown[]).includes(value)
}

export function createWallWindows(deps: WallDeps, options: WallOptions): WallWindows {
  let open: { displayId: number; win: BrowserWindow }[] = []
  const saved = (): Record<string, WallChoice> => {
    const value = readJsonFile(options.settingsFile) as { displays?: Record<string, unknown> } | null
    return Object.fromEntries(Object.entries(value?.displays ?? {}).filter((e): e is [string, WallChoice] => isChoice(e[1])))
  }
  const choiceOf = (d: WallDisplay, all: Record<string, WallChoice>): WallChoice =>
    all[String(d.id)] ?? (d.id === options.mainDisplayId() ? 'mati' : 'putar')
  let lastQuery = ''

  const api: WallWindows = {
    windows: () => open.map((o) => o.win),
    displays() {
      const all = saved()
      return deps.screen.getAllDisplays().map((display, i) => {
        const { width, height } = display.bounds ?? display.workArea
        return { display, name: `Monitor ${i + 1}${display.label ? `: ${display.label}` : ''} (${width}×${height})`, choice: choiceOf(display, all) }
      })
    },
    choose(displayId, choice) {
      writeJsonFile(options.settingsFile, { displays: { ...saved(), [String(displayId)]: choice } })
      if (open.length > 0) api.open(lastQuery)
    },
    open(query) {
      api.close()
      lastQuery = query
      for (const { display, choice } of api.displays()) {
        if (choice === 'mati') continue
        const area = display.bounds ?? display.workArea
        const win = newSecureWindow(deps.BrowserWindow, options.preload, {
          ...area,
          fullscreen: true,
          frame: false,
          autoHideMenuBar: true,
          title: 'tanggap — layar dinding',
          backgroundColor: '#070c16', // the dark theme, no white flash
        })
        options.onCreated(win)
        win.on('closed', () => (open = open.filter((o) => o.win !== win)))
        win.loadURL(wallUrl(options.location.entryUrl, choice, query)).catch((err: unknown) => {
          console.error(`tanggap: layar dinding tidak dapat dimuat: ${String(err)}`)
        })
        open.push({ displayId: display.id, win })
      }
      return open.length
    },
    close() {
      for (const { win } of open.splice(0)) if (!win.isDestroyed()) win.close()
    },
  }
  return api
}
