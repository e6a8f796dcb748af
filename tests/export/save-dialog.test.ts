// The desktop shell's part of an export: the native "Save as" dialog (Electron cannot run here, so the dialog is
// a stand-in that records what it was asked and answers like Electron's).
import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, Dialog } from 'electron'
import { chooseSavePath } from '#main/app/shell/save-dialog.ts'

function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  return { showSaveDialog: vi.fn(async () => answer) } as unknown as Pick<Dialog, 'showSaveDialog'> & { showSaveDialog: ReturnType<typeof vi.fn> }
}
const app = { getPath: (name: string) => (name === 'documents' ? '/home/admin/Dokumen' : '/tmp') }

describe('the save dialog of exports', () => {
  it('suggests the file name in Documents, filters by its type, and returns the chosen path', async () => {
    const dialog = fakeDialog({ canceled: false, filePath: '/home/admin/Dokumen/rekap-oktober.xlsx' })
    const win = {} as BrowserWindow
    expect(await chooseSavePath(dialog, app, win, 'tanggap-rekap-2026-10-64.08-2026-11-03.xlsx')).toBe('/home/admin/Dokumen/rekap-oktober.xlsx')
    const [parent, options] = dialog.showSaveDialog.mock.calls[0]
    expect(parent).toBe(win) // modal to the app window
    expect(options).toMatchObject({
      defaultPath: '/home/admin/Dokumen/tanggap-rekap-2026-10-64.08-2026-11-03.xlsx',
      filters: [{ name: 'Buku kerja Excel', extensions: ['xlsx'] }],
    })
    expect(options.properties).toContain('showOverwriteConfirmation')
  })

  it('returns null when the user closes the dialog', async () => {
    expect(await chooseSavePath(fakeDialog({ canceled: true, filePath: '' }), app, null, 'a.csv')).toBeNull()
  })
})
