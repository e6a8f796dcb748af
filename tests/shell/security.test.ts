// The security rules on their own: which URLs count as the app, the window's web preferences, who may call IPC.
import { describe, expect, it, vi } from 'vitest'
import { appLocation } from '#main/app/shell/app-url.ts'
import { isTrustedSender } from '#main/app/shell/ipc.ts'
import { CONTENT_SECURITY_POLICY } from '#main/app/shell/security.ts'
import { createMainWindow } from '#main/app/shell/window.ts'
import { fakeElectron } from './fake-electron.ts'
import { SECURITY_HEADERS } from '#main/app/server/static.ts'

// ipc.ts loads trpc-electron, which imports 'electron'; the real package cannot load outside Electron.
vi.mock('electron', () => ({ ipcMain: { on: vi.fn() }, contextBridge: {}, ipcRenderer: {} }))

describe('app URLs', () => {
  const built = appLocation('/opt/tanggap/out/renderer')

  it('are the files of the built renderer, whatever the route in the hash or query', () => {
    expect(built.entryUrl).toBe('file:///opt/tanggap/out/renderer/index.html')
    expect(built.isAppUrl('file:///opt/tanggap/out/renderer/index.html#/antrean?status=proses')).toBe(true)
    expect(built.isAppUrl('file:///opt/tanggap/out/renderer/assets/index-abc.js')).toBe(true)
  })

  it('exclude other local files, escapes out of the folder and look-alike folders', () => {
    expect(built.isAppUrl('file:///home/user/Downloads/phish.html')).toBe(false)
    expect(built.isAppUrl('file:///opt/tanggap/out/renderer/../../secret.html')).toBe(false)
    expect(built.isAppUrl('file:///opt/tanggap/out/renderer/%2e%2e/%2e%2e/secret.html')).toBe(false)
    expect(built.isAppUrl('file:///opt/tanggap/out/renderer-evil/index.html')).toBe(false)
    expect(built.isAppUrl('https://opt/tanggap/out/renderer/index.html')).toBe(false)
    expect(built.isAppUrl('not a url')).toBe(false)
  })

  it('in development are the dev server origin only', () => {
    const dev = appLocation('/opt/tanggap/out/renderer', 'http://localhost:5173/')
    expect(dev.entryUrl).toBe('http://localhost:5173/')
    expect(dev.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true)
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false)
    expect(dev.isAppUrl('file:///opt/tanggap/out/renderer/index.html')).toBe(false)
  })
})

describe('web preferences', () => {
  it('keep Node out of the renderer and the sandbox on', () => {
    const electron = fakeElectron()
    createMainWindow(electron.parts, { preload: '/p/index.cjs', stateFile: '/nonexistent/window-state.json', location: appLocation('/opt/tanggap/out/renderer') })
    expect(electron.BrowserWindow.created[0].options.webPreferences).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('share one Content-Security-Policy with serve mode', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(SECURITY_HEADERS['Content-Security-Policy'])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/)
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/)
  })
})

describe('IPC sender check', () => {
  const isAppUrl = appLocation('/opt/tanggap/out/renderer').isAppUrl
  const contents = {}
  const win = { isDestroyed: () => false, webContents: contents } as never
  const page = 'file:///opt/tanggap/out/renderer/index.html'

  it('accepts only the main frame of our window showing our page', () => {
    expect(isTrustedSender({ sender: contents, senderFrame: { url: page, parent: null } }, win, isAppUrl)).toBe(true)
    expect(isTrustedSender({ sender: {}, senderFrame: { url: page, parent: null } }, win, isAppUrl)).toBe(false)
    expect(isTrustedSender({ sender: contents, senderFrame: { url: page, parent: {} } }, win, isAppUrl)).toBe(false)
    expect(isTrustedSender({ sender: contents, senderFrame: null }, win, isAppUrl)).toBe(false)
    expect(isTrustedSender({ sender: contents, senderFrame: { url: page, parent: null } }, null, isAppUrl)).toBe(false)
    const closed = { isDestroyed: () => true, webContents: contents } as never
    expect(isTrustedSender({ sender: contents, senderFrame: { url: page, parent: null } }, closed, isAppUrl)).toBe(false)
  })
})
