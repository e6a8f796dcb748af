// The desktop app's start-up: everything the Electron main process does, wired from small parts. It takes the
// Electron modules as an argument so tests can drive it with fakes (Electron cannot run on CI machines).
import type { App, BrowserWindow, Dialog, Menu, Screen, Session } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setResourcesDir } from '#main/resources.ts'
import { openWorkspace } from '../workspace/open.ts'
import { withReadPool } from '../api/read-pool.ts'
import { DESKTOP_APP } from './ipc.ts'
import { withBackgroundWork } from '#main/app/workspace/background.ts'
import { checkStoreAtStart } from '#main/background/store-check.ts'
import { userDataDir } from '../workspace/paths.ts'
import { appLocation } from './app-url.ts'
import { createIpcBridge } from './ipc.ts'
import { menuTemplate } from './menu.ts'
import { cipherAddonPath, missingSqliteAddonMessage, sqliteAddonPath } from './native-sqlite.ts'
import { hardenContents, hardenSession } from './security.ts'
import { contentSecurityPolicy } from '../server/csp.ts'
import { uiSettings } from '#main/settings/ui.ts'
import { claimSingleInstance } from './single-instance.ts'
import { createMainWindow } from './window.ts'
import { chooseSavePath } from './save-dialog.ts'
import { chooseImportFile } from './open-dialog.ts'
import { createWallWindows, WALL_CHOICE_LABELS, WALL_CHOICES, type WallChoice, type WallWindows } from './wall-windows.ts'
import { routeOf, saveBriefingPdf } from './briefing-pdf.ts'
import { openDesktopWorkspace, startFile, type DesktopWorkspace } from './workspace.ts'
import { createStoreKeychain, type KeychainParts } from './store-key.ts'
import { encryptOpenStore, ensureStoreKey, storeKeyFor, type EncryptionUi } from './encryption.ts'
import { useCipherAddon } from '#main/store/cipher.ts'

export type ElectronParts = {
  app: App
  BrowserWindow: typeof BrowserWindow
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>
  dialog: Pick<Dialog, 'showErrorBox' | 'showOpenDialog' | 'showMessageBox' | 'showSaveDialog'>
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getDisplayMatching'>
  session: { defaultSession: Session }
  /** The OS keychain, which holds the keys of encrypted stores (shell/store-key.ts). */
  safeStorage: KeychainParts
}

export type DesktopPaths = {
  /** out/renderer: the built renderer. */
  rendererDir: string
  /** out/preload/index.cjs. */
  preload: string
  /** electron-vite dev server (ELECTRON_RENDERER_URL), only from a checkout. */
  devServerUrl?: string
}

export type Desktop = { window(): BrowserWindow | null; workspace(): DesktopWorkspace | null; wallWindows(): BrowserWindow[] }

/** Resolves once the window exists (or the app has decided to quit). */
export async function startDesktop(electron: ElectronParts, paths: DesktopPaths): Promise<Desktop> {
  const { app, dialog } = electron
  let win: BrowserWindow | null = null
  let workspace: DesktopWorkspace | null = null
  let walls: WallWindows | null = null
  const desktop: Desktop = { window: () => win, workspace: () => workspace, wallWindows: () => walls?.windows() ?? [] }

  // Before 'ready': Electron's user-data folder must be the one the CLI uses, so both share one store.
  app.setName('tanggap')
  app.setPath('userData', userDataDir())
  // Chromium's caches go below it, keeping the data folder itself readable (tanggap.db, settings).
  app.setPath('sessionData', join(userDataDir(), 'electron'))
  if (process.platform === 'win32') app.setAppUserModelId('id.go.tanggap') // matches appId in electron-builder.yml
  app.enableSandbox()
  if (!claimSingleInstance(app, () => win)) return desktop
  if (app.isPackaged) setResourcesDir(join(process.resourcesPath, 'resources'))

  const location = appLocation(paths.rendererDir, app.isPackaged ? undefined : paths.devServerUrl)
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, location.isAppUrl))
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => workspace?.close())

  try {
    await app.whenReady()
    const addon = sqliteAddonPath()
    if (addon && !existsSync(addon)) {
      dialog.showErrorBox('Modul SQLite untuk Electron tidak ada', missingSqliteAddonMessage(addon, app.isPackaged))
      app.exit(1)
      return desktop
    }
    hardenSession(electron.session.defaultSession, location.isAppUrl, () => {
      // The map's tile server from Pengaturan; a store that cannot be read yet gets the strict default.
      try {
        return contentSecurityPolicy({ tileUrl: workspace ? uiSettings(workspace.current().db).tileUrl : '' })
      } catch {
        return contentSecurityPolicy()
      }
    })
    const log = (line: string) => console.log(line)
    useCipherAddon(cipherAddonPath())
    const keychain = createStoreKeychain(electron.safeStorage, join(userDataDir(), 'store-keys.json'))
    const encryptionUi: EncryptionUi = { dialog, keychain, nativeBinding: addon }
    const settingsFile = join(userDataDir(), 'desktop.json')
    // An encrypted store whose key this computer does not hold yet: ask for the key file before opening.
    await ensureStoreKey(encryptionUi, startFile(settingsFile))
    const opened = openDesktopWorkspace({
      open: (file) => {
        // The heavy reads (KPI tables, queue pages, overview, wall, briefing) in worker threads, as in serve mode
        // (api/read-pool.ts): the window keeps answering while they compute.
        const store = withReadPool(openWorkspace(file, { nativeBinding: addon, key: storeKeyFor(keychain, file) }), DESKTOP_APP)
        const ws = withBackgroundWork(store, { log }) // as serve mode: learning, backups, reminders, words, duplicates, baseline
        // In a worker: a damaged store is said in the log and on Sinkronisasi. Stopped if the store closes first.
        const stopCheck = new AbortController()
        void checkStoreAtStart(ws.db, log, stopCheck.signal)
        return {
          ...ws,
          close: () => {
            stopCheck.abort()
            ws.close()
          },
        }
      },
      settingsFile,
      log,
    })
    workspace = opened
    const wall = (walls = createWallWindows(electron, {
      preload: paths.preload,
      location,
      settingsFile: join(userDataDir(), 'wall-displays.json'),
      mainDisplayId: () => (win ? electron.screen.getDisplayMatching(win.getNormalBounds()) : electron.screen.getPrimaryDisplay()).id,
      onCreated: (w) => bridge.attachWindow(w),
    }))
    const bridge = createIpcBridge({
      getWindow: () => win,
      getWallWindows: () => wall.windows(),
      getWorkspace: () => opened.current(),
      isAppUrl: location.isAppUrl,
      shell: { chooseSavePath: (name) => chooseSavePath(dialog, app, win, name), chooseImportFile: () => chooseImportFile(dialog, win) },
      log,
    })
    const wallMenu = {
      displays: wall.displays().map((d) => ({ id: d.display.id, name: d.name, choice: d.choice })),
      choices: WALL_CHOICES.map((value) => ({ value, label: WALL_CHOICE_LABELS[value] })),
      choose: (id: number, choice: string) => wall.choose(id, choice as WallChoice),
      // The walls show the kabupaten the main window shows.
      open: () => {
        const kab = win ? routeOf(win.webContents.getURL()).searchParams.get('kab') : null
        wall.open(kab ? `?kab=${encodeURIComponent(kab)}` : '')
      },
      close: () => wall.close(),
    }
    const exportBriefingPdf = async () => {
      if (!win) return
      try {
        await saveBriefingPdf(win, dialog, app.getPath('documents'))
      } catch (err) {
        dialog.showErrorBox('PDF briefing tidak dapat dibuat', err instanceof Error ? err.message : String(err))
      }
    }

    const openDataFile = async () => {
      const choice = await dialog.showOpenDialog({
        title: 'Buka berkas data',
        properties: ['openFile'],
        filters: [
          { name: 'Berkas data tanggap (SQLite)', extensions: ['db', 'sqlite', 'sqlite3'] },
          { name: 'Semua berkas', extensions: ['*'] },
        ],
      })
      const file = choice.filePaths[0]
      if (choice.canceled || !file) return
      if (!(await ensureStoreKey(encryptionUi, file))) return
      try {
        opened.switchTo(file)
      } catch (err) {
        dialog.showErrorBox('Berkas data tidak dapat dibuka', `${file}\n\n${err instanceof Error ? err.message : String(err)}`)
        return
      }
      // A reload drops the old store's subscriptions (trpc-electron ends them on navigation) and refetches all.
      win?.webContents.reload()
      for (const w of wall.windows()) w.webContents.reload()
    }
    const showAbout = () =>
      dialog.showMessageBox({
        type: 'info',
        title: 'Tentang tanggap',
        message: `tanggap ${app.getVersion()}`,
        detail: [
          'Pusat komando pengaduan SP4N-LAPOR! untuk pemerintah kabupaten.',
          `Berkas data: ${opened.current().file}`,
          `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
        ].join('\n'),
      })
    electron.Menu.setApplicationMenu(
      electron.Menu.buildFromTemplate(
        menuTemplate({
          openDataFile: () => void openDataFile(),
          exportBriefingPdf: () => void exportBriefingPdf(),
          wall: wallMenu,
          // Reloaded afterwards like after switching stores: the renderer refetches from the reopened store.
          encryptDataFile: () => void encryptOpenStore(encryptionUi, opened).then((done) => done && win?.webContents.reload()),
          showAbout: () => void showAbout(),
          isDevelopment: !app.isPackaged,
        }),
      ),
    )

    win = createMainWindow(electron, {
      preload: paths.preload,
      stateFile: join(userDataDir(), 'window-state.json'),
      location,
    })
    bridge.attachWindow(win)
    win.on('closed', () => {
      win = null
      wallMenu.close() // the walls go with the app's window
    })
  } catch (err) {
    // Typically a store written by a newer tanggap, or a damaged file: say which and stop.
    dialog.showErrorBox('tanggap tidak dapat dimulai', err instanceof Error ? err.message : String(err))
    app.exit(1)
  }
  return desktop
}
