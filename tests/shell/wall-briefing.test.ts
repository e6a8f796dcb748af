// The desktop shell's wall mode and briefing PDF, wired to fake Electron modules and a real store: a window per
// chosen display with the panel's URL, the choice remembered, wall windows trusted by the IPC bridge only as the
// read-only 'dinding' profile; "Ekspor briefing ke PDF…" printing the Briefing screen with Electron's printToPDF.
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ipcMain } from 'electron'
import { startDesktop } from '#main/app/shell/desktop.ts'
import { tempDir } from '../helpers.ts'
import { fakeElectron, menuItem, type FakeElectron } from './fake-electron.ts'

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  return { ipcMain: new EventEmitter(), contextBridge: {}, ipcRenderer: {} }
})
vi.mock('#main/dev/demo/ensure.ts', () => ({ ensureDemoStore: vi.fn() }))

const paths = { rendererDir: '/opt/tanggap/out/renderer', preload: '/opt/tanggap/out/preload/index.cjs' }
const entry = 'file:///opt/tanggap/out/renderer/index.html'
const displays = [
  { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
  { id: 2, workArea: { x: 1920, y: 0, width: 3840, height: 2160 } },
  { id: 3, workArea: { x: 5760, y: 0, width: 1920, height: 1080 } },
]
const started: Awaited<ReturnType<typeof startDesktop>>[] = []
let home: string

beforeEach(() => {
  home = tempDir()
  vi.stubEnv('TANGGAP_HOME', home)
})
afterEach(() => {
  for (const desktop of started.splice(0)) desktop.workspace()?.close()
  ;(ipcMain as unknown as EventEmitter).removeAllListeners()
  vi.unstubAllEnvs()
})

type FakeWin = InstanceType<FakeElectron['BrowserWindow']>

async function start(url = `${entry}#/briefing?kab=21.03&dari=2026-03-01&sampai=2026-10-31`) {
  const electron = fakeElectron({ displays })
  // What the shared fakes leave out and these features use.
  const proto = electron.BrowserWindow.prototype as unknown as { close(): void }
  proto.close = vi.fn(function (this: FakeWin) {
    this.emit('closed')
  })
  const documents = tempDir()
  Object.assign(electron.app, { getPath: (name: string) => (name === 'documents' ? documents : home) })
  const dialog = electron.dialog as typeof electron.dialog & { showSaveDialog: ReturnType<typeof vi.fn> }
  dialog.showSaveDialog = vi.fn(async () => ({ canceled: true, filePath: '' }))
  const desktop = await startDesktop(electron.parts, paths)
  started.push(desktop)
  const printToPDF = vi.fn(async (_options: object) => Buffer.from('%PDF-1.4 briefing'))
  const win = electron.BrowserWindow.created[0]
  Object.assign(win.webContents, { getURL: () => url, printToPDF })
  const click = (label: string, parent?: string) => {
    const items = parent ? (menuItem(electron.menu.template, parent).submenu as Electron.MenuItemConstructorOptions[]) : null
    const item = items ? items.find((i) => i.label === label)! : findDeep(electron.menu.template!, label)
    item.click?.({} as never, undefined, {} as never)
  }
  return { electron, desktop, win, dialog, documents, click, printToPDF }
}

function findDeep(items: Electron.MenuItemConstructorOptions[], label: string): Electron.MenuItemConstructorOptions {
  for (const item of items) {
    if (item.label === label) return item
    if (Array.isArray(item.submenu)) {
      try {
        return findDeep(item.submenu, label)
      } catch {
        // not in this branch
      }
    }
  }
  throw new Error(`menu item "${label}" not found`)
}

describe('wall mode in the desktop app', () => {
  it('puts the rotation on every display but the main window\'s, full screen, with the kabupaten on screen', async () => {
    const { electron, click } = await start()
    const wallMenu = findDeep(electron.menu.template!, 'Layar dinding').submenu as Electron.MenuItemConstructorOptions[]
    const monitors = wallMenu.filter((i) => Array.isArray(i.submenu))
    expect(monitors.map((m) => m.label)).toEqual(['Monitor 1 (1920×1040)', 'Monitor 2 (3840×2160)', 'Monitor 3 (1920×1080)'])
    const checked = (m: Electron.MenuItemConstructorOptions) => (m.submenu as Electron.MenuItemConstructorOptions[]).find((c) => c.checked)?.label
    expect(monitors.map(checked)).toEqual(['Tidak dipakai', 'Bergantian (semua panel)', 'Bergantian (semua panel)'])

    click('Tampilkan di monitor')
    const walls = electron.BrowserWindow.created.slice(1)
    expect(walls).toHaveLength(2)
    expect(walls[0].options).toMatchObject({ x: 1920, y: 0, width: 3840, height: 2160, fullscreen: true, frame: false })
    expect(walls[0].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: paths.preload })
    expect(walls.map((w) => w.loadURL.mock.calls[0][0])).toEqual([`${entry}#/dinding?kab=21.03`, `${entry}#/dinding?kab=21.03`])
  })

  it('remembers a chosen panel per display and reopens the walls with it', async () => {
    const { electron, desktop, click } = await start()
    click('Tampilkan di monitor')
    const monitor = (n: number) => (findDeep(electron.menu.template!, 'Layar dinding').submenu as Electron.MenuItemConstructorOptions[]).find((i) => i.label?.startsWith(`Monitor ${n}`))!
    const choose = (n: number, label: string) =>
      (monitor(n).submenu as Electron.MenuItemConstructorOptions[]).find((c) => c.label === label)!.click?.({} as never, undefined, {} as never)
    choose(2, 'Peta kecamatan')
    choose(3, 'Tidak dipakai')
    expect(JSON.parse(readFileSync(join(home, 'wall-displays.json'), 'utf8'))).toEqual({ displays: { '2': 'peta', '3': 'mati' } })
    const open = desktop.wallWindows() as unknown as FakeWin[]
    expect(open).toHaveLength(1)
    expect(open[0].options).toMatchObject({ x: 1920, width: 3840 })
    expect(open[0].loadURL.mock.calls[0][0]).toBe(`${entry}#/dinding/peta?kab=21.03`)

    // Closing the app's window takes the walls with it.
    electron.BrowserWindow.created[0].emit('closed')
    expect(desktop.wallWindows()).toHaveLength(0)
  })

  it('answers a wall window over IPC as the read-only profile "dinding", and refuses it a write', async () => {
    const { electron, click } = await start()
    click('Tampilkan di monitor')
    const wall = electron.BrowserWindow.created[1]
    const send = (operation: object) => {
      const reply = vi.fn()
      const event = { sender: wall.webContents, senderFrame: { url: `${entry}#/dinding`, parent: null, routingId: 1 }, reply }
      ;(ipcMain as unknown as EventEmitter).emit('trpc-electron', event, { method: 'request', operation: { id: 9, context: {}, ...operation } })
      return reply
    }
    const session = send({ type: 'query', path: 'session', input: undefined })
    await vi.waitFor(() => expect(session).toHaveBeenCalled())
    expect(session.mock.calls[0][1].result.data.user).toMatchObject({ username: 'dinding', role: 'viewer' })
    const write = send({ type: 'mutation', path: 'briefing.setNotable', input: { kabupaten: '21.03', period: { from: '2026-03-01', to: '2026-03-31' }, cases: [] } })
    await vi.waitFor(() => expect(write).toHaveBeenCalled())
    expect(write.mock.calls[0][1].error.data.code).toBe('FORBIDDEN')
  })
})

describe('briefing PDF in the desktop app', () => {
  it('prints the Briefing screen with its print CSS to the file the user picks', async () => {
    const { printToPDF, dialog, documents, click } = await start()
    const target = join(tempDir(), 'briefing.pdf')
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    click('Ekspor briefing ke PDF…')
    await vi.waitFor(() => expect(existsSync(target)).toBe(true))
    expect(dialog.showSaveDialog.mock.calls[0][0]).toMatchObject({ defaultPath: join(documents, 'briefing_21.03_2026-03-01_2026-10-31.pdf') })
    expect(printToPDF).toHaveBeenCalledWith({ printBackground: true, preferCSSPageSize: true, landscape: true })
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.4 briefing')
  })

  it('asks for the Briefing screen first when another screen is open, and writes nothing when cancelled', async () => {
    const elsewhere = await start(`${entry}#/peta?kab=64.08`)
    elsewhere.click('Ekspor briefing ke PDF…')
    await vi.waitFor(() => expect(elsewhere.electron.dialog.showMessageBox).toHaveBeenCalled())
    expect((elsewhere.electron.dialog.showMessageBox.mock.calls[0] as unknown[])[0]).toMatchObject({ message: 'Buka layar Briefing terlebih dahulu' })
    expect(elsewhere.dialog.showSaveDialog).not.toHaveBeenCalled()

    const cancelled = await start()
    cancelled.click('Ekspor briefing ke PDF…')
    await vi.waitFor(() => expect(cancelled.dialog.showSaveDialog).toHaveBeenCalled())
    expect(cancelled.printToPDF).not.toHaveBeenCalled()
  })

  it('lets app pages go full screen (presenting a briefing) and nothing else ask for it', async () => {
    const { electron } = await start()
    const handler = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0][0]
    const ask = (permission: string, requestingUrl: string) => {
      const callback = vi.fn()
      handler({}, permission, callback, { requestingUrl })
      return callback.mock.calls[0][0]
    }
    expect(ask('fullscreen', `${entry}#/briefing`)).toBe(true)
    expect(ask('fullscreen', 'https://evil.example/')).toBe(false)
    expect(ask('media', `${entry}#/briefing`)).toBe(false)
  })
})
