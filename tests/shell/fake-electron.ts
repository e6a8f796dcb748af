// Stand-ins for the parts of Electron the shell uses. Electron cannot start on CI machines, so the shell takes
// these as arguments; the fakes record what the shell asked for and let a test fire Electron's events.
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type { ElectronParts } from '#main/app/shell/desktop.ts'
import type { DisplayInfo, Rect } from '#main/app/shell/window-state.ts'

export class FakeWebContents extends EventEmitter {
  static nextId = 1
  id = FakeWebContents.nextId++
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  reload = vi.fn()
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
  isDestroyed() {
    return false
  }
}

/** A navigation-like event as Electron passes to will-navigate: the URL and a preventDefault to refuse it. */
export function navigationEvent(url: string) {
  return { url, isDefaultPrevented: false, preventDefault() { this.isDefaultPrevented = true } }
}

export type FakeElectron = ReturnType<typeof fakeElectron>

/** safeStorage as the OS keychain would act: sealed bytes that only this "machine" can open. */
type Backend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>

export function fakeSafeStorage(opts: { available?: boolean; backend?: Backend } = {}) {
  const seal = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a))
  return {
    isEncryptionAvailable: vi.fn(() => opts.available ?? true),
    getSelectedStorageBackend: vi.fn((): Backend => opts.backend ?? 'gnome_libsecret'),
    encryptString: vi.fn((text: string) => Buffer.concat([Buffer.from('sealed:'), seal(Buffer.from(text, 'utf8'))])),
    decryptString: vi.fn((sealed: Buffer) => {
      if (!sealed.subarray(0, 7).equals(Buffer.from('sealed:'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return seal(sealed.subarray(7)).toString('utf8')
    }),
  }
}

export function fakeElectron(opts: { hasLock?: boolean; displays?: DisplayInfo[]; safeStorage?: ReturnType<typeof fakeSafeStorage> } = {}) {
  const displays = opts.displays ?? [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]

  class FakeApp extends EventEmitter {
    isPackaged = false
    paths = new Map<string, string>()
    setName = vi.fn()
    setAppUserModelId = vi.fn()
    enableSandbox = vi.fn()
    quit = vi.fn()
    exit = vi.fn()
    requestSingleInstanceLock = vi.fn(() => opts.hasLock ?? true)
    whenReady = vi.fn(async () => {})
    getVersion = () => '0.1.0'
    setPath(name: string, path: string) {
      this.paths.set(name, path)
    }
  }
  const app = new FakeApp()

  class FakeWindow extends EventEmitter {
    static created: FakeWindow[] = []
    webContents = new FakeWebContents()
    normalBounds: Rect
    isMaximizedNow = false
    loadURL = vi.fn(async (_url: string) => {})
    show = vi.fn()
    focus = vi.fn()
    restore = vi.fn()
    maximize = vi.fn()
    isMinimized = vi.fn(() => false)
    constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
      super()
      this.normalBounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 }
      FakeWindow.created.push(this)
      app.emit('web-contents-created', {}, this.webContents) // as Electron does for every new web contents
    }
    getNormalBounds() {
      return this.normalBounds
    }
    isMaximized() {
      return this.isMaximizedNow
    }
    isDestroyed() {
      return false
    }
  }

  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    },
  }
  const menu = { template: null as Electron.MenuItemConstructorOptions[] | null }
  const fakes = {
    app,
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (template: Electron.MenuItemConstructorOptions[]) => (menu.template = template),
      setApplicationMenu: vi.fn(),
    },
    dialog: {
      showErrorBox: vi.fn(),
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
      showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' as string | undefined })),
    },
    screen: {
      getAllDisplays: () => displays,
      getPrimaryDisplay: () => displays[0],
      getDisplayMatching: (rect: Rect) =>
        displays.find((d) => rect.x >= d.workArea.x && rect.x < d.workArea.x + d.workArea.width) ?? displays[0],
    },
    session,
    safeStorage: opts.safeStorage ?? fakeSafeStorage(),
    menu,
  }
  return { ...fakes, parts: fakes as unknown as ElectronParts }
}

/** The menu item with this label, searched through the submenus. */
export function menuItem(template: Electron.MenuItemConstructorOptions[] | null, label: string): Electron.MenuItemConstructorOptions {
  for (const top of template ?? []) {
    const found = (top.submenu as Electron.MenuItemConstructorOptions[]).find((item) => item.label === label)
    if (found) return found
  }
  throw new Error(`menu item "${label}" not found`)
}
