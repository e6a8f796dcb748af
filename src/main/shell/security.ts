// The window's security settings: what a page in it may do, where it may go, and what it may ask for.
// tanggap shows personal data of complainants (names, NIK, phone numbers); the renderer gets no Node, no
// navigation away, no popups, no device permissions, and talks to the main process only through tRPC.
import type { Session, WebContents, WebPreferences } from 'electron'
import { SECURITY_HEADERS } from '../server/static.ts'

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Chromium fetches spell-check dictionaries from Google's CDN; a command centre may be offline or filtered.
    spellcheck: false,
  }
}

/**
 * The same policy serve mode sends, so the renderer behaves alike in Electron and in a browser. The renderer's
 * index.html repeats it in a <meta> tag because older Electron releases did not pass file:// responses through
 * webRequest; where both apply, the browser enforces both.
 */
export const CONTENT_SECURITY_POLICY = SECURITY_HEADERS['Content-Security-Policy']

type SessionParts = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>
}

export function hardenSession(session: SessionParts, isAppUrl: (url: string) => boolean): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) return callback({})
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  // Camera, location, notifications, clipboard reads…: none is needed. A feature that needs one must be granted
  // here by name, for app URLs only: full screen, for presenting a briefing (F on the Briefing screen).
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === 'fullscreen' && isAppUrl((details as { requestingUrl?: string } | undefined)?.requestingUrl ?? '')),
  )
  session.setPermissionCheckHandler(() => false)
}

type ContentsParts = Pick<WebContents, 'setWindowOpenHandler' | 'on'>

/** Applied to every web contents the app creates (the main window, DevTools), via app 'web-contents-created'. */
export function hardenContents(contents: ContentsParts, isAppUrl: (url: string) => boolean): void {
  // No second windows and no links opened in the OS browser: nothing in tanggap links out, and a complaint's
  // text is user input that could carry a link to anywhere.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  }
  contents.on('will-navigate', stayInApp)
  contents.on('will-redirect', stayInApp)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
