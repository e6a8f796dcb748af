// The one main window: secure preferences, the remembered place on screen, and the renderer loaded into it.
import type { BrowserWindow, Screen } from 'electron'
import type { AppLocation } from './app-url.ts'
import { MIN_SIZE, placeWindow, readWindowState, trackWindowState } from './window-state.ts'

export type WindowDeps = {
  BrowserWindow: typeof BrowserWindow
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getDisplayMatching'>
}

export type WindowOptions = { preload: string; stateFile: string; location: AppLocation }

export function createMainWindow(deps: WindowDeps, options: WindowOptions): BrowserWindow {
  const saved = readWindowState(options.stateFile)
  const bounds = placeWindow(saved, deps.screen.getAllDisplays(), deps.screen.getPrimaryDisplay())
  const { BrowserWindow } = deps
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'tanggap',
    backgroundColor: '#10151c', // the renderer's dark theme, so no white flash before the first paint
    // Shown once the first paint is ready; maximize() on a hidden window would show it early.
    show: false,
    // Written out here, at the `new BrowserWindow` call, because that is where Electronegativity (run by
    // tests/security/electronegativity.test.ts) reads them: preferences built elsewhere are invisible to it.
    webPreferences: {
      // The preload exposes only the tRPC bridge (src/preload/index.ts) and runs sandboxed, isolated from the page.
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK: reviewed, one bridge and nothing else

      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click on a link (auxclick) could open content outside the window-open handler's reach.
      disableBlinkFeatures: 'Auxclick',
      // Chromium fetches spell-check dictionaries from Google's CDN; a command centre may be offline or filtered.
      spellcheck: false,
    },
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
