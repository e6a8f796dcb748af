// Encryption at rest in the desktop app, wired to fake Electron modules and real stores: the key of an encrypted
// store is held by the OS keychain (safeStorage), asked for once when missing, and encryption can be turned on
// from the menu. Also the content policy the shell sets, with the tile server from the open store.
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ipcMain } from 'electron'
import { startDesktop } from '#main/app/shell/desktop.ts'
import { createStoreKeychain, KeychainUnavailableError } from '#main/app/shell/store-key.ts'
import { openStore } from '#main/store/open.ts'
import { fileKind } from '#main/store/cipher.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { tempDir } from '../helpers.ts'
import { fakeElectron, fakeSafeStorage, menuItem } from './fake-electron.ts'

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  return { ipcMain: new EventEmitter(), contextBridge: {}, ipcRenderer: {} }
})
vi.mock('#main/dev/demo/ensure.ts', () => ({ ensureDemoStore: vi.fn() }))

const paths = { rendererDir: '/opt/tanggap/out/renderer', preload: '/opt/tanggap/out/preload/index.cjs' }
const KEY = 'kunci-uji-desktop-0123456789'
let home: string
const started: Awaited<ReturnType<typeof startDesktop>>[] = []

beforeEach(() => {
  home = tempDir()
  vi.stubEnv('TANGGAP_HOME', home)
})
afterEach(() => {
  for (const d of started.splice(0)) d.workspace()?.close()
  ;(ipcMain as unknown as EventEmitter).removeAllListeners()
  vi.unstubAllEnvs()
})

async function start(electron = fakeElectron()) {
  const desktop = await startDesktop(electron.parts, paths)
  started.push(desktop)
  return { electron, desktop }
}

/** The regency's own store, encrypted with KEY, as the desktop would open at start. */
function encryptedStore(): string {
  const file = join(home, 'tanggap.db')
  const db = openStore(file, { key: KEY })
  db.prepare("INSERT INTO setting (key, value) VALUES ('penanda', '\"terenkripsi\"')").run()
  db.close()
  return file
}

describe('the keychain', () => {
  it('keeps only what safeStorage sealed, per store file', () => {
    const file = join(tempDir(), 'store-keys.json')
    const keychain = createStoreKeychain(fakeSafeStorage(), file)
    keychain.set('/data/a.db', KEY)
    expect(keychain.get('/data/a.db')).toBe(KEY)
    expect(keychain.get('/data/b.db')).toBeNull()
    expect(readFileSync(file, 'utf8')).not.toContain(KEY)
    keychain.forget('/data/a.db')
    expect(keychain.get('/data/a.db')).toBeNull()
  })

  it('refuses to keep a key where the OS cannot protect it', () => {
    const file = join(tempDir(), 'store-keys.json')
    expect(() => createStoreKeychain(fakeSafeStorage({ available: false }), file).set('/a.db', KEY)).toThrow(KeychainUnavailableError)
    if (process.platform === 'linux') {
      expect(() => createStoreKeychain(fakeSafeStorage({ backend: 'basic_text' }), file).set('/a.db', KEY)).toThrow(/basic_text/)
    }
    expect(existsSync(file)).toBe(false)
  })
})

describe('desktop start-up with an encrypted store', () => {
  it('opens it with the key from the keychain, without asking', async () => {
    const file = encryptedStore()
    createStoreKeychain(fakeSafeStorage(), join(home, 'store-keys.json')).set(file, KEY)
    const { electron, desktop } = await start()
    expect(desktop.workspace()?.current().file).toBe(file)
    expect(desktop.workspace()?.current().db.prepare("SELECT value FROM setting WHERE key = 'penanda'").pluck().get()).toBe('"terenkripsi"')
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled()
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled()
  })

  it('asks once for the key file when this computer has no key, then keeps it', async () => {
    const file = encryptedStore()
    const keyFile = join(tempDir(), 'kunci.txt')
    writeFileSync(keyFile, KEY + '\n')
    const electron = fakeElectron()
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [keyFile] })
    const { desktop } = await start(electron)
    expect((electron.dialog.showMessageBox.mock.calls[0] as unknown[])[0]).toMatchObject({ title: 'Berkas data terenkripsi' })
    expect(desktop.workspace()?.current().file).toBe(file)
    desktop.workspace()?.close()
    started.length = 0

    const again = fakeElectron({ safeStorage: electron.safeStorage })
    const second = await start(again)
    expect(second.desktop.workspace()?.current().file).toBe(file)
    expect(again.dialog.showMessageBox).not.toHaveBeenCalled()
  })

  it('with a wrong key file, says so and does not start on a store it cannot read', async () => {
    encryptedStore()
    const keyFile = join(tempDir(), 'kunci.txt')
    writeFileSync(keyFile, 'kunci-yang-salah-sama-sekali\n')
    const electron = fakeElectron()
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [keyFile] })
    const { desktop } = await start(electron)
    expect(electron.dialog.showErrorBox.mock.calls[0]).toEqual(['Kunci tidak dapat dipakai', expect.stringMatching(/Kunci salah untuk berkas/)])
    expect(electron.dialog.showErrorBox.mock.calls[1][1]).toMatch(/terenkripsi .*--key-file/)
    expect(electron.app.exit).toHaveBeenCalledWith(1)
    expect(desktop.workspace()).toBeNull()
    expect(existsSync(join(home, 'store-keys.json'))).toBe(false)
  })
})

describe('"Enkripsi berkas data ini…" in the menu', () => {
  it('encrypts the open store with a key the keychain holds and the admin saved a copy of, then reloads', async () => {
    const file = join(home, 'tanggap.db')
    openWorkspace(file).close()
    const electron = fakeElectron()
    const backup = join(tempDir(), 'tanggap-kunci.txt')
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: backup })
    const { desktop } = await start(electron)
    const win = electron.BrowserWindow.created[0]
    menuItem(electron.menu.template, 'Enkripsi berkas data ini…').click?.({} as never, undefined, {} as never)
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalled(), { timeout: 10_000 })
    expect(fileKind(file)).toBe('encrypted-or-other')
    const key = readFileSync(backup, 'utf8').trim()
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(statSync(backup).mode & 0o777).toBe(0o600)
    expect(createStoreKeychain(electron.safeStorage, join(home, 'store-keys.json')).get(file)).toBe(key)
    expect(readFileSync(join(home, 'store-keys.json'), 'utf8')).not.toContain(key)
    // The app goes on with the reopened, encrypted store.
    expect(desktop.workspace()?.current().db.prepare('SELECT count(*) FROM app_user').pluck().get()).toBe(1)
    expect(() => openStore(file, { key: null })).toThrow(/terenkripsi/)
  })

  it('changes nothing when the admin does not save a copy of the key', async () => {
    const file = join(home, 'tanggap.db')
    openWorkspace(file).close()
    const electron = fakeElectron()
    await start(electron)
    menuItem(electron.menu.template, 'Enkripsi berkas data ini…').click?.({} as never, undefined, {} as never)
    await vi.waitFor(() => expect(electron.dialog.showSaveDialog).toHaveBeenCalled())
    await new Promise((r) => setTimeout(r, 100))
    expect(fileKind(file)).toBe('plain')
    expect(electron.BrowserWindow.created[0].webContents.reload).not.toHaveBeenCalled()
  })
})

describe('content policy in the desktop', () => {
  it('admits the tile server configured in the open store', async () => {
    const file = join(home, 'tanggap.db')
    const ws = openWorkspace(file)
    ws.db.prepare("INSERT INTO setting (key, value) VALUES ('ui', ?)").run(JSON.stringify({ tileUrl: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png' }))
    ws.close()
    const { electron } = await start()
    const onHeaders = electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0][0]
    const callback = vi.fn()
    onHeaders({ url: 'file:///opt/tanggap/out/renderer/index.html', responseHeaders: {} }, callback)
    expect(callback.mock.calls[0][0].responseHeaders['Content-Security-Policy'][0]).toContain("img-src 'self' data: blob: https://*.tile.openstreetmap.org;")
  })
})
