// The Electron main process: a thin shell around the Node core (store, API, sync), which also runs without
// Electron in serve mode. All wiring lives in shell/desktop.ts; this file only hands it the real Electron.
import { app, BrowserWindow, dialog, Menu, safeStorage, screen, session } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startDesktop } from './desktop.ts'

// This file is bundled to out/main/index.js, next to out/preload and out/renderer.
const outDir = dirname(dirname(fileURLToPath(import.meta.url)))

void startDesktop(
  { app, BrowserWindow, dialog, Menu, screen, session, safeStorage },
  {
    rendererDir: join(outDir, 'renderer'),
    preload: join(outDir, 'preload', 'index.cjs'),
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  },
)
