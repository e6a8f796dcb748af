// The desktop start-up wired to fake Electron modules and a real store: the window's preferences, the IPC bridge
// (through the real trpc-electron and appRouter), the single-instance lock, workspace switching from the menu.
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ipcMain } from 'electron'
import { startDesktop } from '#main/app/shell/desktop.ts'
import { ensureDemoStore } from '#main/dev/demo/ensure.ts'
import { writeWindowState } from '#main/app/shell/window-state.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { tempDir } from '../helpers.ts'
import { AUTH_CHANNEL } from '#shared/desktop-auth.ts'
import { hashPassword } from '#main/auth/password.ts'
import { findProfile, setPasswordHash, setProfileActive } from '#main/users/profiles.ts'
import type { Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { appRouter } from '#main/app/api/router.ts'
import { DESKTOP_APP } from '#main/app/shell/ipc.ts'
import { fakeElectron, menuItem, navigationEvent, type FakeElectron } from './fake-electron.ts'

// trpc-electron (inlined by vitest.config.mts) imports ipcMain from 'electron'; here it gets an event emitter.
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  return { ipcMain: new EventEmitter(), contextBridge: {}, ipcRenderer: {} }
})
// The demo generator makes tens of thousands of complaints; here it only matters that the demo store is prepared.
vi.mock('#main/dev/demo/ensure.ts', () => ({ ensureDemoStore: vi.fn() }))

const paths = { rendererDir: '/opt/tanggap/out/renderer', preload: '/opt/tanggap/out/preload/index.cjs' }
const appPage = 'file:///opt/tanggap/out/renderer/index.html#/peta'
const started: { electron: FakeElectron; desktop: Awaited<ReturnType<typeof startDesktop>> }[] = []
let home: string

beforeEach(() => {
  home = tempDir()
  vi.stubEnv('TANGGAP_HOME', home)
})
afterEach(() => {
  for (const { desktop } of started.splice(0)) desktop.workspace()?.close()
  ;(ipcMain as unknown as EventEmitter).removeAllListeners()
  vi.unstubAllEnvs()
  vi.mocked(ensureDemoStore).mockClear()
})

async function start(opts: Parameters<typeof fakeElectron>[0] = {}) {
  const electron = fakeElectron(opts)
  const desktop = await startDesktop(electron.parts, paths)
  started.push({ electron, desktop })
  return { electron, desktop, win: electron.BrowserWindow.created[0] }
}

describe('desktop start-up', () => {
  it('opens one window with sandboxed, isolated web preferences and the bundled preload', async () => {
    const { electron, win } = await start()
    expect(electron.BrowserWindow.created).toHaveLength(1)
    expect(win.options.webPreferences).toMatchObject({
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(win.options.show).toBe(false) // shown on ready-to-show, not as a blank white frame
    expect(win.loadURL).toHaveBeenCalledWith('file:///opt/tanggap/out/renderer/index.html')
    expect(electron.app.enableSandbox).toHaveBeenCalled()
  })

  it('uses the CLI user-data folder and opens the demo store on a first run', async () => {
    const { electron, desktop } = await start()
    expect(electron.app.paths.get('userData')).toBe(home)
    expect(desktop.workspace()?.current().file).toBe(join(home, 'demo.db'))
    expect(ensureDemoStore).toHaveBeenCalledWith(desktop.workspace()?.current().db, expect.any(Function))
  })

  it("opens the regency's own store instead of the demo when there is one", async () => {
    openWorkspace(join(home, 'tanggap.db')).close()
    const { desktop } = await start()
    expect(desktop.workspace()?.current().file).toBe(join(home, 'tanggap.db'))
    expect(ensureDemoStore).not.toHaveBeenCalled()
  })

  it("does the store's background work as serve mode does: the early warning's baseline of the day is kept at start", async () => {
    const own = openWorkspace(join(home, 'tanggap.db'))
    generateDemo(own.db, { kabupaten: '64.08', count: 800, seed: 6, until: new Date(), spikes: false })
    own.db.exec('DELETE FROM isu_base')
    own.close()
    const { desktop } = await start()
    const db = desktop.workspace()!.current().db
    const kept = () => db.prepare("SELECT count(*) FROM isu_base WHERE kabupaten_kode = '64.08'").pluck().get() as number
    await vi.waitFor(() => expect(kept()).toBe(1), { timeout: 20_000, interval: 100 })
  })

  it('hardens the window: navigation away, new windows and webviews are refused; app pages are allowed', async () => {
    const { win } = await start()
    const away = navigationEvent('https://evil.example/phish')
    win.webContents.emit('will-navigate', away)
    expect(away.isDefaultPrevented).toBe(true)
    const redirect = navigationEvent('http://127.0.0.1:8080/')
    win.webContents.emit('will-redirect', redirect)
    expect(redirect.isDefaultPrevented).toBe(true)
    const inApp = navigationEvent(appPage)
    win.webContents.emit('will-navigate', inApp)
    expect(inApp.isDefaultPrevented).toBe(false)
    expect(win.webContents.windowOpenHandler?.({ url: 'https://www.lapor.go.id/' })).toEqual({ action: 'deny' })
    const webview = navigationEvent('')
    win.webContents.emit('will-attach-webview', webview)
    expect(webview.isDefaultPrevented).toBe(true)
  })

  it('denies every permission request and check, and sets the CSP only on app responses', async () => {
    const { electron } = await start()
    const s = electron.session.defaultSession
    const requestHandler = s.setPermissionRequestHandler.mock.calls[0][0]
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn()
      requestHandler({}, permission, callback, {})
      expect(callback).toHaveBeenCalledWith(false)
    }
    expect(s.setPermissionCheckHandler.mock.calls[0][0]({}, 'media', 'file:///', {})).toBe(false)

    const onHeaders = s.webRequest.onHeadersReceived.mock.calls[0][0]
    const own = vi.fn()
    onHeaders({ url: 'file:///opt/tanggap/out/renderer/index.html', responseHeaders: {} }, own)
    expect(own.mock.calls[0][0].responseHeaders['Content-Security-Policy'][0]).toMatch(/script-src 'self';.*object-src 'none'/)
    const other = vi.fn()
    onHeaders({ url: 'https://example.org/', responseHeaders: {} }, other)
    expect(other).toHaveBeenCalledWith({})
  })

  it('registers the tRPC IPC handler for the window', async () => {
    const { win } = await start()
    // trpc-electron's attachWindow watches the window's contents to end its subscriptions on reload and close.
    expect(win.webContents.listenerCount('did-start-navigation')).toBe(1)
    expect(win.webContents.listenerCount('destroyed')).toBe(1)
    expect((ipcMain as unknown as EventEmitter).listenerCount('trpc-electron')).toBe(1)
  })
})

describe('Electron build of SQLite', () => {
  it('when it is missing, explains how to build it and quits before opening anything', async () => {
    // As inside Electron: process.versions.electron is what tells the shell it needs the Electron-ABI addon.
    Object.defineProperty(process.versions, 'electron', { value: '45.4.1', configurable: true, enumerable: true })
    try {
      const { electron, desktop } = await start()
      const [title, message] = electron.dialog.showErrorBox.mock.calls[0]
      expect(title).toBe('Modul SQLite untuk Electron tidak ada')
      expect(message).toContain(`electron-${process.versions.modules}-${process.platform}-${process.arch}`)
      expect(message).toContain('node scripts/build-electron-sqlite.js')
      expect(electron.app.exit).toHaveBeenCalledWith(1)
      expect(electron.BrowserWindow.created).toHaveLength(0)
      expect(desktop.workspace()).toBeNull()
    } finally {
      delete (process.versions as Record<string, string>).electron
    }
  })
})

describe('IPC senders', () => {
  const sessionQuery = { method: 'request', operation: { id: 7, type: 'query', path: 'session', input: undefined, context: {} } }
  function send(sender: unknown, frame: { url: string; parent: unknown }) {
    const reply = vi.fn()
    const event = { sender, senderFrame: { ...frame, routingId: 1 }, reply }
    ;(ipcMain as unknown as EventEmitter).emit('trpc-electron', event, sessionQuery)
    return reply
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100))

  function auth(sender: unknown, request: Record<string, unknown>, url = appPage) {
    const reply = vi.fn()
    const event = { sender, senderFrame: { url, parent: null, routingId: 1 }, reply }
    ;(ipcMain as unknown as EventEmitter).emit(AUTH_CHANNEL, event, request)
    return reply
  }
  const refusedAsNobody = { id: 7, error: expect.objectContaining({ message: expect.stringMatching(/Belum masuk/), data: expect.objectContaining({ code: 'UNAUTHORIZED' }) }) }
  // A password check is a slow hash on purpose; on a busy machine it takes more than waitFor's default second.
  const SLOW = { timeout: 15_000 }
  const auditActions = (db: Db) => db.prepare("SELECT action, username AS actor_username FROM audit_log WHERE action LIKE 'auth.%' ORDER BY id").all()

  it('acts as nobody until a profile signs in with its password, then as that profile, re-read on every call', async () => {
    const { win, desktop } = await start()
    const db = desktop.workspace()!.current().db
    setPasswordHash(db, 'admin', await hashPassword('kata-sandi-admin'))
    // Nobody is signed in: the session is refused like a serve-mode request without a session.
    const before = send(win.webContents, { url: appPage, parent: null })
    await vi.waitFor(() => expect(before).toHaveBeenCalled(), SLOW)
    expect(before).toHaveBeenCalledWith('trpc-electron', refusedAsNobody)

    const wrong = auth(win.webContents, { id: 1, kind: 'signIn', username: 'admin', password: 'salah-sekali' })
    await vi.waitFor(() => expect(wrong).toHaveBeenCalled(), SLOW)
    expect(wrong).toHaveBeenCalledWith(AUTH_CHANNEL, { id: 1, result: { ok: false, error: 'Nama pengguna atau kata sandi salah' } })
    const stillNobody = send(win.webContents, { url: appPage, parent: null })
    await vi.waitFor(() => expect(stillNobody).toHaveBeenCalledWith('trpc-electron', refusedAsNobody), SLOW)

    const right = auth(win.webContents, { id: 2, kind: 'signIn', username: 'admin', password: 'kata-sandi-admin' })
    await vi.waitFor(() => expect(right).toHaveBeenCalled(), SLOW)
    expect(right.mock.calls[0][1]).toMatchObject({ id: 2, result: { ok: true, user: { username: 'admin', role: 'admin' } } })
    const signedIn = send(win.webContents, { url: appPage, parent: null })
    await vi.waitFor(() => expect(signedIn).toHaveBeenCalled(), SLOW)
    expect(signedIn).toHaveBeenCalledWith('trpc-electron', {
      id: 7,
      result: { type: 'data', data: { user: expect.objectContaining({ username: 'admin', role: 'admin' }), app: { mode: 'desktop', defaultKabupaten: null } } },
    })

    // Disabled in the store (by the CLI, say): refused on the very next call, without signing out.
    setProfileActive(db, 'admin', false)
    const disabled = send(win.webContents, { url: appPage, parent: null })
    await vi.waitFor(() => expect(disabled).toHaveBeenCalledWith('trpc-electron', refusedAsNobody), SLOW)
    setProfileActive(db, 'admin', true)

    const out = auth(win.webContents, { id: 3, kind: 'signOut' })
    expect(out).toHaveBeenCalledWith(AUTH_CHANNEL, { id: 3, result: { ok: true } })
    const after = send(win.webContents, { url: appPage, parent: null })
    await vi.waitFor(() => expect(after).toHaveBeenCalledWith('trpc-electron', refusedAsNobody), SLOW)
    expect(auditActions(db)).toEqual([
      { action: 'auth.login_failed', actor_username: 'anonim' },
      { action: 'auth.login', actor_username: 'admin' },
      { action: 'auth.logout', actor_username: 'admin' },
    ])
  })

  it("runs the window's heavy reads in the workspace's read pool, with the same answers as on the main thread", async () => {
    const { win, desktop } = await start()
    const ws = desktop.workspace()!.current()
    generateDemo(ws.db, { kabupaten: '64.08', count: 200, seed: 3, until: new Date('2026-11-20T03:00:00Z') })
    setPasswordHash(ws.db, 'admin', await hashPassword('kata-sandi-admin'))
    const right = auth(win.webContents, { id: 1, kind: 'signIn', username: 'admin', password: 'kata-sandi-admin' })
    await vi.waitFor(() => expect(right).toHaveBeenCalled(), SLOW)
    expect(ws.reads).toBeTruthy()
    expect(await ws.reads!.ready()).toBe(true)
    const input = { kabupaten: '64.08', dim: 'opd', period: { from: '2026-01-01', to: '2026-10-31' } }
    const before = ws.reads!.stats().offThread
    const reply = vi.fn()
    const event = { sender: win.webContents, senderFrame: { url: appPage, parent: null, routingId: 1 }, reply }
    ;(ipcMain as unknown as EventEmitter).emit('trpc-electron', event, { method: 'request', operation: { id: 9, type: 'query', path: 'kpi.table', input, context: {} } })
    await vi.waitFor(() => expect(reply).toHaveBeenCalled(), SLOW)
    expect(ws.reads!.stats().offThread).toBe(before + 1)
    const direct = await appRouter.createCaller({ db: ws.db, bus: ws.bus, user: findProfile(ws.db, 'admin'), app: DESKTOP_APP }).kpi.table(input as never)
    // Equal but for the moment each was asked at.
    const timeless = (t: object) => ({ ...t, now: 0, previousAsOf: 0 })
    const sent = reply.mock.calls[0][1] as { id: number; result: { type: string; data: object } }
    expect(sent).toMatchObject({ id: 9, result: { type: 'data' } })
    expect(timeless(sent.result.data)).toEqual(timeless(JSON.parse(JSON.stringify(direct))))
    expect((direct as unknown as { total: { n: number } }).total.n).toBeGreaterThan(0) // a table with complaints in it
    // Closing the workspace ends the pool: its connections are closed once whenClosed resolves.
    const closed = ws.whenClosed!
    desktop.workspace()!.close()
    await closed()
    expect(ws.reads!.stats().workers).toBe(0)
  })

  it('signs in under the same limits as serve mode: five wrong passwords lock the profile at this desk', async () => {
    const { win, desktop } = await start()
    const db = desktop.workspace()!.current().db
    setPasswordHash(db, 'admin', await hashPassword('kata-sandi-admin'))
    // Sent all at once, as the parallel attack on serve mode did: counted before the slow hash.
    const replies = Array.from({ length: 8 }, (_, i) => auth(win.webContents, { id: i, kind: 'signIn', username: 'admin', password: `salah-${i}-sekali` }))
    await vi.waitFor(() => replies.forEach((r) => expect(r).toHaveBeenCalled()), { timeout: 10_000 })
    const results = replies.map((r) => r.mock.calls[0][1].result)
    expect(results.filter((r) => r.error === 'Nama pengguna atau kata sandi salah')).toHaveLength(5)
    expect(results.filter((r) => /Terlalu banyak percobaan/.test(r.error))).toHaveLength(3)
    const right = auth(win.webContents, { id: 9, kind: 'signIn', username: 'admin', password: 'kata-sandi-admin' })
    await vi.waitFor(() => expect(right).toHaveBeenCalled(), SLOW)
    expect(right.mock.calls[0][1].result).toMatchObject({ ok: false, error: expect.stringMatching(/Terlalu banyak percobaan masuk yang gagal; coba lagi dalam 5 menit/) })
    const nobody = send(win.webContents, { url: appPage, parent: null })
    await vi.waitFor(() => expect(nobody).toHaveBeenCalledWith('trpc-electron', refusedAsNobody), SLOW)
  })

  it('takes sign-ins only from the main window showing the app: never from a wall window, a stranger or another page', async () => {
    const { electron, win, desktop } = await start()
    setPasswordHash(desktop.workspace()!.current().db, 'admin', await hashPassword('kata-sandi-admin'))
    const creds = { kind: 'signIn', username: 'admin', password: 'kata-sandi-admin' }
    const stranger = { id: 999, isDestroyed: () => false }
    const replies = [auth(stranger, { id: 1, ...creds }), auth(win.webContents, { id: 2, ...creds }, 'https://evil.example/')]
    await settle()
    for (const reply of replies) expect(reply).not.toHaveBeenCalled()
    expect(electron.BrowserWindow.created).toHaveLength(1)
    const nobody = send(win.webContents, { url: appPage, parent: null })
    await vi.waitFor(() => expect(nobody).toHaveBeenCalledWith('trpc-electron', refusedAsNobody), SLOW)
  })

  it('refuses other web contents, sub-frames and pages that are not the app', async () => {
    const { win } = await start()
    const stranger = { id: 999, isDestroyed: () => false }
    const replies = [
      send(stranger, { url: appPage, parent: null }),
      send(win.webContents, { url: appPage, parent: {} }),
      send(win.webContents, { url: 'https://evil.example/', parent: null }),
      send(win.webContents, { url: 'file:///home/user/Downloads/evil.html', parent: null }),
    ]
    await settle()
    for (const reply of replies) expect(reply).not.toHaveBeenCalled()
  })
})

describe('single instance', () => {
  it('a second launch quits at once and creates no window', async () => {
    const { electron } = await start({ hasLock: false })
    expect(electron.app.quit).toHaveBeenCalled()
    expect(electron.BrowserWindow.created).toHaveLength(0)
    expect(electron.app.whenReady).not.toHaveBeenCalled()
  })

  it('the first instance restores and focuses its window when another launch is attempted', async () => {
    const { electron, win } = await start()
    win.isMinimized.mockReturnValue(true)
    electron.app.emit('second-instance', {}, [], '')
    expect(win.restore).toHaveBeenCalled()
    expect(win.focus).toHaveBeenCalled()
  })
})

describe('window state', () => {
  it('saves size, position, maximised state and display on close, and reopens there', async () => {
    const displays = [
      { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { id: 2, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } },
    ]
    const first = await start({ displays })
    first.win.normalBounds = { x: 2100, y: 100, width: 1600, height: 1000 }
    first.win.isMaximizedNow = true
    first.win.emit('close')
    expect(JSON.parse(readFileSync(join(home, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 2100, y: 100, width: 1600, height: 1000 },
      isMaximized: true,
      displayId: 2,
    })
    first.desktop.workspace()?.close()

    const second = await start({ displays })
    expect(second.win.options).toMatchObject({ x: 2100, y: 100, width: 1600, height: 1000 })
    second.win.emit('ready-to-show')
    expect(second.win.maximize).toHaveBeenCalled()
    expect(second.win.show).toHaveBeenCalled()
  })

  it('centres on the primary display when the saved display is gone', async () => {
    writeWindowState(join(home, 'window-state.json'), { bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, isMaximized: false, displayId: 2 })
    const { win } = await start() // only display 1 now
    expect(win.options).toMatchObject({ x: 160, y: 20, width: 1600, height: 1000 })
  })
})

describe('menu', () => {
  it('is in Bahasa Indonesia', async () => {
    const { electron } = await start()
    expect(electron.menu.template?.map((m) => m.label)).toEqual(['Berkas', 'Tampilan', 'Bantuan'])
    expect(menuItem(electron.menu.template, 'Keluar').role).toBe('quit')
    expect(menuItem(electron.menu.template, 'Layar penuh').role).toBe('togglefullscreen')
    menuItem(electron.menu.template, 'Tentang tanggap').click?.({} as never, undefined, {} as never)
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ title: 'Tentang tanggap' }))
  })

  it('"Buka berkas data…" switches the workspace, reloads the window and remembers the file', async () => {
    const other = join(tempDir(), 'kutim.db')
    openWorkspace(other).close()
    const { electron, desktop, win } = await start()
    const demo = desktop.workspace()!.current()
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [other] })
    menuItem(electron.menu.template, 'Buka berkas data…').click?.({} as never, undefined, {} as never)
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalled())
    expect(desktop.workspace()?.current().file).toBe(other)
    expect(demo.db.open).toBe(false)
    expect(JSON.parse(readFileSync(join(home, 'desktop.json'), 'utf8'))).toEqual({ lastStore: other })
    desktop.workspace()?.close()

    const again = await start()
    expect(again.desktop.workspace()?.current().file).toBe(other)
  })

  it('keeps the open store when the chosen file cannot be opened', async () => {
    const { electron, desktop, win } = await start()
    const before = desktop.workspace()!.current()
    const notAStore = join(tempDir(), 'catatan.db')
    await import('node:fs').then((fs) => fs.writeFileSync(notAStore, 'bukan sqlite'))
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [notAStore] })
    menuItem(electron.menu.template, 'Buka berkas data…').click?.({} as never, undefined, {} as never)
    await vi.waitFor(() => expect(electron.dialog.showErrorBox).toHaveBeenCalled())
    expect(electron.dialog.showErrorBox.mock.calls[0][0]).toBe('Berkas data tidak dapat dibuka')
    expect(desktop.workspace()?.current()).toBe(before)
    expect(before.db.open).toBe(true)
    expect(win.webContents.reload).not.toHaveBeenCalled()
    expect(existsSync(join(home, 'desktop.json'))).toBe(false)
  })
})
