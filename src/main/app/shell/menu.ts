// The application menu, in Bahasa Indonesia like the rest of the app. Kept small: everything else is in the
// renderer, which also runs in a browser where this menu does not exist.
import type { MenuItemConstructorOptions } from 'electron'

/** The wall-mode submenu: a panel per display (shell/wall-windows.ts). */
export type WallMenu = {
  displays: { id: number; name: string; choice: string }[]
  choices: { value: string; label: string }[]
  choose(displayId: number, choice: string): void
  open(): void
  close(): void
}

export type MenuActions = {
  openDataFile(): void
  /** Saves the Briefing screen on show as PDF (shell/briefing-pdf.ts). */
  exportBriefingPdf?(): void
  wall?: WallMenu
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
        ...(actions.exportBriefingPdf
          ? [{ label: 'Ekspor briefing ke PDF…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.exportBriefingPdf?.() }]
          : []),
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
        ...(actions.wall ? [{ type: 'separator' as const }, wallSubmenu(actions.wall)] : []),
        ...(actions.isDevelopment ? [{ type: 'separator' as const }, { label: 'Alat pengembang', role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: 'Bantuan',
      submenu: [{ label: 'Tentang tanggap', click: () => actions.showAbout() }],
    },
  ]
}

function wallSubmenu(wall: WallMenu): MenuItemConstructorOptions {
  return {
    label: 'Layar dinding',
    submenu: [
      { label: 'Tampilkan di monitor', click: () => wall.open() },
      { label: 'Tutup layar dinding', click: () => wall.close() },
      { type: 'separator' },
      ...wall.displays.map(
        (d): MenuItemConstructorOptions => ({
          label: d.name,
          submenu: wall.choices.map((c) => ({
            label: c.label,
            type: 'radio' as const,
            checked: c.value === d.choice,
            click: () => wall.choose(d.id, c.value),
          })),
        }),
      ),
    ],
  }
}
