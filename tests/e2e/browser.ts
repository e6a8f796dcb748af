// Finds and launches a Chromium for end-to-end tests. Playwright's own browser download does not work on the
// project's machines, so playwright-core drives whatever Chromium is installed (see platform.md).
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

// Flags that work as root on a headless Linux box without a GPU, and keep Chromium off the network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`)
    return fromEnv
  }
  const found = CANDIDATES.find((p) => existsSync(p))
  if (!found) {
    throw new Error(`No Chromium found (tried CHROMIUM_PATH, ${CANDIDATES.join(', ')}). On Debian: apt-get install -y chromium`)
  }
  return found
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: FLAGS })
}
