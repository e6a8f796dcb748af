// The one main window: secure preferences (secure-window.ts), the remembered place on screen, the renderer in it.
import type { BrowserWindow, Screen } from 'electron'
import type { AppLocation } from './app-url.ts'
import { newSecureWindow } from './secure-window.ts'
import { MIN_SIZE, placeWindow, readWindowState, trackWindowState } from './window-state.ts'

export type WindowDeps = {
  BrowserWindow: typeof BrowserWindow
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getDisplayMatching'>
}

export type WindowOptions = { preload: string; stateFile: string; location: AppLocation }

export function createMainWindow(deps: WindowDeps, options: WindowOptions): BrowserWindow {
  const saved = readWindowState(options.stateFile)
  const bounds = placeWindow(saved, deps.screen.getAllDisplays(), deps.screen.getPrimaryDisplay())
  const win = newSecureWindow(deps.BrowserWindow, options.preload, {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'tanggap',
    backgroundColor: '#10151c', // the renderer's dark theme, so no white flash before the first paint
    // Shown once the first paint is ready; maximize() on a hidden window would show it early.
    show: false,
  })
  win.once('ready-to-show', () => {
    if (saved?.isMaximized) win.maximize()
    win.show()
  })
  trackWindowState(win, options.stateFile, deps.screen)
  win.loadURL(options.location.entryUrl).catch((err: unknown) => {
    // Usually "renderer not built": the window stays empty, the reason goes to the terminal.
    console.error(`tanggap: renderer tidak dapat dimuat dari ${options.location.entryUrl}: ${String(err)}`)
  })
  return win
}
