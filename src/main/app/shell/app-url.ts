// Which URLs are "the app": the built renderer on disk (file://…/out/renderer/…) or, in development, the Vite dev
// server. Every guard in the shell (navigation, Content-Security-Policy, IPC senders) asks this one question.
import { join, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export type AppLocation = {
  /** What the window loads. */
  entryUrl: string
  isAppUrl(url: string): boolean
}

export function appLocation(rendererDir: string, devServerUrl?: string): AppLocation {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin
    return { entryUrl: devServerUrl, isAppUrl: (url) => originOf(url) === origin }
  }
  // file:// has no origin worth the name (every local file would share it), so the check is by folder.
  const root = rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep
  return {
    entryUrl: pathToFileURL(join(rendererDir, 'index.html')).href,
    isAppUrl: (url) => filePathOf(url)?.startsWith(root) ?? false,
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/** The local path of a file: URL, with `..` and %-escapes already resolved by the URL parser. */
function filePathOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'file:' ? fileURLToPath(parsed) : null
  } catch {
    return null // unparsable, or a file URL naming another host (UNC share) or an encoded separator
  }
}
