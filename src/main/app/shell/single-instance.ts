// One running app per user: two main processes on one SQLite store would race each other's writes and syncs,
// so a second launch only brings the existing window forward.
import type { App, BrowserWindow } from 'electron'

type AppParts = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>
type WindowParts = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>

/** False in the second instance, which is then quitting and must do nothing else. */
export function claimSingleInstance(app: AppParts, getWindow: () => WindowParts | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    const win = getWindow()
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  })
  return true
}
