// The application menu, in Bahasa Indonesia like the rest of the app. Kept small: everything else is in the
// renderer, which also runs in a browser where this menu does not exist.
import type { MenuItemConstructorOptions } from 'electron'

export type MenuActions = {
  openDataFile(): void
  encryptDataFile(): void
  showAbout(): void
  /** DevTools only from a checkout, never in an installed app. */
  isDevelopment: boolean
}

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Berkas',
      submenu: [
        { label: 'Buka berkas data…', accelerator: 'CmdOrCtrl+O', click: () => actions.openDataFile() },
        { label: 'Enkripsi berkas data ini…', click: () => actions.encryptDataFile() },
        { type: 'separator' },
        { label: 'Keluar', role: 'quit' },
      ],
    },
    {
      label: 'Tampilan',
      submenu: [
        { label: 'Muat ulang', role: 'reload' },
        { label: 'Layar penuh', role: 'togglefullscreen' },
        { type: 'separator' },
        { label: 'Perbesar', role: 'zoomIn' },
        { label: 'Perkecil', role: 'zoomOut' },
        { label: 'Ukuran normal', role: 'resetZoom' },
        ...(actions.isDevelopment ? [{ type: 'separator' as const }, { label: 'Alat pengembang', role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: 'Bantuan',
      submenu: [{ label: 'Tentang tanggap', click: () => actions.showAbout() }],
    },
  ]
}
