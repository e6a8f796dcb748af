// The one place a window of the app is made: every window (the main one, each wall display) gets the same
// hardened preferences, and only its size, title and look differ.
import type { BrowserWindow as ElectronWindow, BrowserWindowConstructorOptions } from 'electron'

/** Everything a window may choose for itself: the web preferences are fixed here. */
export type WindowLook = Omit<BrowserWindowConstructorOptions, 'webPreferences'>

export function newSecureWindow(BrowserWindow: typeof ElectronWindow, preload: string, look: WindowLook): ElectronWindow {
  return new BrowserWindow({
    ...look,
    // Written out here, at the `new BrowserWindow` call, because that is where Electronegativity (run by
    // tests/security/electronegativity.test.ts) reads them: preferences built elsewhere are invisible to it.
    webPreferences: {
      // The preload exposes only the tRPC bridge (src/preload/index.ts) and runs sandboxed, isolated from the page.
      preload, // eng-disable PRELOAD_JS_CHECK: reviewed, one bridge and nothing else

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
}
