// The Content-Security-Policy of the renderer, shared by serve mode (a header on every response) and the desktop
// shell (a header on app pages). Scripts, styles, fonts and API calls only from the app itself; images also from
// the one map tile server configured in Pengaturan (settings ui.tileUrl), never from anywhere else.
//
// The renderer's index.html carries a <meta> policy as well, for the rare page load that gets no header; it
// allows images from any https host because it is static and cannot know the tile server. Where both apply the
// browser enforces both, so the header's single tile origin is what holds.
import { tileSource } from '#main/settings/ui.ts'

export type PolicyOptions = {
  /** Leaflet tile URL template from settings; '' or invalid: no tile server allowed. */
  tileUrl?: string
  /** The login page posts its form to the server itself; app pages post nothing. */
  allowFormToSelf?: boolean
}

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const tiles = options.tileUrl ? tileSource(options.tileUrl) : null
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Leaflet and Recharts position elements with inline style attributes; no inline <script> is allowed.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ' ' + tiles : ''}`,
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    `form-action ${options.allowFormToSelf ? "'self'" : "'none'"}`,
  ].join('; ')
}
