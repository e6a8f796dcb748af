// The native "Open" dialog for imports: the only way a server-side path reaches an import. The API hands the
// renderer a token for the chosen file (api/picked-files.ts), so the page never names a path itself.
import type { BrowserWindow, Dialog } from 'electron'

export async function chooseImportFile(dialog: Pick<Dialog, 'showOpenDialog'>, win: BrowserWindow | null): Promise<string | null> {
  const options = {
    title: 'Pilih berkas impor',
    filters: [{ name: 'Buku kerja Excel atau CSV', extensions: ['xlsx', 'csv', 'txt'] }],
    properties: ['openFile' as const],
  }
  const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  return choice.canceled || !choice.filePaths[0] ? null : choice.filePaths[0]
}
