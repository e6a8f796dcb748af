// "Ekspor briefing ke PDF…" in the desktop app: Electron's own Chromium prints the Briefing screen the user is
// looking at, with the screen's print CSS (one slide per 1920×1080 page), to a file the user picks. Serve mode and
// the CLI make the same PDF with headless Chromium (src/main/app/server/briefing-pdf.ts).
import type { BrowserWindow, Dialog } from 'electron'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

type PdfDialog = Pick<Dialog, 'showSaveDialog' | 'showMessageBox'>
type PdfWindow = Pick<BrowserWindow, 'webContents'>

/** The app route of a window URL: the hash of the built renderer (file://), or the path on the dev server. */
export function routeOf(url: string): URL {
  const parsed = new URL(url)
  return new URL(parsed.protocol === 'file:' ? parsed.hash.replace(/^#/, '') || '/' : parsed.pathname + parsed.search, 'app://tanggap')
}

/** Saves the briefing on screen as PDF; the file written, or null if the user cancelled or was elsewhere. */
export async function saveBriefingPdf(win: PdfWindow, dialog: PdfDialog, documentsDir: string): Promise<string | null> {
  const route = routeOf(win.webContents.getURL())
  if (!route.pathname.startsWith('/briefing')) {
    await dialog.showMessageBox({
      type: 'info',
      title: 'Ekspor briefing ke PDF',
      message: 'Buka layar Briefing terlebih dahulu',
      detail: 'PDF dibuat dari briefing yang sedang tampil: pilih kabupaten dan periodenya di layar Briefing, lalu ekspor lagi.',
    })
    return null
  }
  const q = route.searchParams
  const name = ['briefing', q.get('kab'), q.get('dari'), q.get('sampai')].filter(Boolean).join('_') + '.pdf'
  const choice = await dialog.showSaveDialog({
    title: 'Simpan briefing sebagai PDF',
    defaultPath: join(documentsDir, name),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  })
  if (choice.canceled || !choice.filePath) return null
  const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, landscape: true })
  writeFileSync(choice.filePath, pdf)
  return choice.filePath
}
