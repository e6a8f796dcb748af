// Finds a Chromium-family browser for headless work: PDF printing (serve mode and the CLI; the desktop app prints
// with Electron's own Chromium), the screens benchmark and the end-to-end tests. Playwright's browser download does not work everywhere (offline Pemda networks), so
// whatever is installed is used: CHROMIUM_PATH first, then the usual places of Chromium, Chrome and Edge.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

function candidates(): string[] {
  switch (process.platform) {
    case 'win32': {
      const roots = [process.env['PROGRAMFILES'], process.env['PROGRAMFILES(X86)'], process.env['LOCALAPPDATA']].filter((r): r is string => !!r)
      return roots.flatMap((r) => [
        join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        join(r, 'Chromium', 'Application', 'chrome.exe'),
      ])
    }
    case 'darwin':
      return [
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ]
    default:
      return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge']
  }
}

/** `purpose` completes the error message: "… tidak ditemukan untuk <purpose>". */
export function findChromium(purpose = 'membuat PDF'): string {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} tidak ada`)
    return fromEnv
  }
  const tried = candidates()
  const found = tried.find((p) => existsSync(p))
  if (!found) {
    throw new Error(
      `Peramban Chromium/Chrome/Edge tidak ditemukan untuk ${purpose} (dicoba: ${tried.join(', ')}). ` +
        'Pasang Chromium (Debian: apt-get install chromium) atau set CHROMIUM_PATH.',
    )
  }
  return found
}

/** Flags that work as root on a headless server without a GPU, and keep the browser off the network. */
export const HEADLESS_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
