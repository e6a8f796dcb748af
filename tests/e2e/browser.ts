// Finds and launches a Chromium for end-to-end tests. Playwright's own browser download does not work on the
// project's machines, so playwright-core drives whatever Chromium is installed (see platform.md).
import { chromium, type Browser } from 'playwright-core'
import { findChromium, HEADLESS_FLAGS } from '#main/briefing/chromium.ts'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium('uji end-to-end'), args: HEADLESS_FLAGS })
}
