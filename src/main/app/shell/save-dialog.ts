// The native "Save as" dialog for exports: the renderer never sees a path it did not get from the user here,
// and the export itself is written by the Node core (export/jobs.ts) straight to the chosen file.
import type { App, BrowserWindow, Dialog } from 'electron'
import { extname, join } from 'node:path'

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.xlsx': { name: 'Buku kerja Excel', extensions: ['xlsx'] },
  '.csv': { name: 'CSV (Excel)', extensions: ['csv'] },
}

export async function chooseSavePath(dialog: Pick<Dialog, 'showSaveDialog'>, app: Pick<App, 'getPath'>, win: BrowserWindow | null, suggestedName: string): Promise<string | null> {
  const filter = FILTERS[extname(suggestedName)]
  const options = {
    title: 'Simpan ekspor',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: filter ? [filter] : [],
    properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
  }
  const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
  return choice.canceled || !choice.filePath ? null : choice.filePath
}
