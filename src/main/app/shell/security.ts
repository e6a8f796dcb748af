// The window's security settings: where a page may go, what it may ask for, which content policy it gets.
// tanggap shows personal data of complainants (names, NIK, phone numbers); the renderer gets no Node (its web
// preferences are in secure-window.ts), no navigation away, no popups, no device permissions, and talks to the main
// process only through tRPC.
import type { Session, WebContents } from 'electron'
import { SECURITY_HEADERS } from '../server/static.ts'

/**
 * The same policy serve mode sends (server/csp.ts), so the renderer behaves alike in Electron and in a browser.
 * The renderer's index.html carries a looser <meta> copy (images from any https host, as it cannot know the tile
 * server) for a load that gets no header; where both apply the browser enforces both, so the header's single tile
 * origin holds. Electronegativity reports this call as "CSP not parsable" (LOW, tentative): it cannot read a
 * policy computed at run time; tests/security/csp.test.ts evaluates the computed policies instead.
 */
export const CONTENT_SECURITY_POLICY = SECURITY_HEADERS['Content-Security-Policy']

type SessionParts = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>
}

/** `policy` gives the current policy: it admits the map tile server configured in the open store. */
export function hardenSession(session: SessionParts, isAppUrl: (url: string) => boolean, policy: () => string = () => CONTENT_SECURITY_POLICY): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) return callback({})
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy()] } })
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
