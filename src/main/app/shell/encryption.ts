// Encryption at rest in the desktop app: turning it on for the open store (a random key, held by the OS keychain,
// with a backup copy the admin saves), and asking for the key file when an encrypted store has no key here yet
// (another computer, a reinstalled system). The encryption itself is store/encrypt.ts.
import type { Dialog } from 'electron'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { fileKind, readKeyFile } from '#main/store/cipher.ts'
import { encryptStore } from '#main/store/encrypt.ts'
import { openStore } from '#main/store/open.ts'
import type { StoreKeychain } from './store-key.ts'
import type { DesktopWorkspace } from './workspace.ts'

export type EncryptionUi = {
  dialog: Pick<Dialog, 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog' | 'showErrorBox'>
  keychain: StoreKeychain
  /** better-sqlite3's Electron addon, for reading the store before it is encrypted. */
  nativeBinding?: string
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** The key for opening `file`: from the keychain when the file is encrypted, none for a plain one. */
export function storeKeyFor(keychain: StoreKeychain, file: string): string | null {
  return fileKind(file) === 'encrypted-or-other' ? keychain.get(file) : null
}

/** For an encrypted store the keychain has no key for: asks for its key file, checks it opens the store, keeps
 *  it in the keychain. True when the store can now be opened. */
export async function ensureStoreKey(ui: EncryptionUi, file: string): Promise<boolean> {
  if (fileKind(file) !== 'encrypted-or-other' || ui.keychain.get(file) !== null) return true
  const ask = await ui.dialog.showMessageBox({
    type: 'question',
    title: 'Berkas data terenkripsi',
    message: 'Berkas data ini terenkripsi, dan kuncinya belum tersimpan di komputer ini.',
    detail: `${file}\n\nPilih berkas kunci (salinan cadangan yang disimpan saat berkas dienkripsi). Kunci lalu disimpan di penyimpanan kunci sistem operasi.`,
    buttons: ['Pilih berkas kunci…', 'Batal'],
    defaultId: 0,
    cancelId: 1,
  })
  if (ask.response !== 0) return false
  const picked = await ui.dialog.showOpenDialog({ title: 'Pilih berkas kunci', properties: ['openFile'] })
  const keyFile = picked.filePaths[0]
  if (picked.canceled || !keyFile) return false
  try {
    const key = readKeyFile(keyFile)
    openStore(file, { key }).close() // a wrong key is refused here, before it is kept
    ui.keychain.set(file, key)
    return true
  } catch (err) {
    ui.dialog.showErrorBox('Kunci tidak dapat dipakai', message(err))
    return false
  }
}

/** Encrypts the open store. True when done (the store is then open again, encrypted). */
export async function encryptOpenStore(ui: EncryptionUi, workspace: DesktopWorkspace): Promise<boolean> {
  const file = workspace.current().file
  if (fileKind(file) === 'encrypted-or-other') {
    await ui.dialog.showMessageBox({ type: 'info', title: 'Enkripsi berkas data', message: 'Berkas data ini sudah terenkripsi.', detail: file })
    return false
  }
  const confirm = await ui.dialog.showMessageBox({
    type: 'warning',
    title: 'Enkripsi berkas data',
    message: 'Enkripsi berkas data ini?',
    detail:
      `${file}\n\nBerkas dienkripsi (format SQLCipher) dengan kunci acak yang disimpan di penyimpanan kunci sistem operasi. ` +
      'Simpan salinan kunci di tempat aman (mis. flashdisk di lemari terkunci): tanpa kunci, berkas tidak dapat dibuka di komputer lain ' +
      'atau setelah sistem dipasang ulang. Aplikasi sedikit lebih lambat saat dibuka.',
    buttons: ['Lanjut: simpan salinan kunci…', 'Batal'],
    defaultId: 0,
    cancelId: 1,
  })
  if (confirm.response !== 0) return false
  const backup = await ui.dialog.showSaveDialog({ title: 'Simpan salinan kunci berkas data', defaultPath: 'tanggap-kunci.txt' })
  if (backup.canceled || !backup.filePath) return false
  const key = randomBytes(32).toString('hex')
  try {
    writeFileSync(backup.filePath, key + '\n', { mode: 0o600 })
    // The keychain first: if it cannot keep the key, nothing is encrypted.
    ui.keychain.set(file, key)
    await workspace.reopen(() => encryptStore(file, key, { nativeBinding: ui.nativeBinding }))
  } catch (err) {
    if (fileKind(file) === 'plain') ui.keychain.forget(file)
    ui.dialog.showErrorBox('Enkripsi gagal; berkas tidak diubah', message(err))
    return false
  }
  await ui.dialog.showMessageBox({
    type: 'info',
    title: 'Enkripsi berkas data',
    message: 'Berkas data sekarang terenkripsi.',
    detail: `Salinan kunci: ${backup.filePath}\nSimpan di tempat aman, lalu hapus dari komputer ini bila tidak diperlukan.`,
  })
  return true
}
