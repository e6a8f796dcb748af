// The desktop app's store keys, held by the operating system's keychain through Electron safeStorage (DPAPI on
// Windows, Keychain on macOS, libsecret or KWallet on Linux). store-keys.json in the user-data folder holds only
// what safeStorage encrypted, one entry per store file: copying that file to another machine or account yields
// nothing readable. The key itself never touches the disk unencrypted, except in the backup copy the admin saves.
import type { SafeStorage } from 'electron'
import { resolve } from 'node:path'
import { readJsonFile, writeJsonFile } from './json-file.ts'

export type KeychainParts = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>

export type StoreKeychain = {
  get(file: string): string | null
  set(file: string, key: string): void
  forget(file: string): void
}

export class KeychainUnavailableError extends Error {
  constructor(detail: string) {
    super(`Penyimpanan kunci sistem operasi tidak tersedia (${detail}); kunci berkas data tidak disimpan. ` + 'Pakai tanggap serve dengan --key-file, atau aktifkan keyring sistem (mis. GNOME Keyring / KWallet).')
    this.name = 'KeychainUnavailableError'
  }
}

export function createStoreKeychain(safeStorage: KeychainParts, keysFile: string): StoreKeychain {
  const read = () => (readJsonFile(keysFile) as Record<string, string> | null) ?? {}
  const ensureAvailable = () => {
    if (!safeStorage.isEncryptionAvailable()) throw new KeychainUnavailableError('safeStorage tidak dapat mengenkripsi')
    // On Linux without a keyring Electron falls back to a hard-coded password: that only obscures the key.
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw new KeychainUnavailableError('tidak ada keyring, hanya "basic_text"')
    }
  }
  return {
    get(file) {
      const sealed = read()[resolve(file)]
      if (!sealed) return null
      ensureAvailable()
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'))
    },
    set(file, key) {
      ensureAvailable()
      writeJsonFile(keysFile, { ...read(), [resolve(file)]: safeStorage.encryptString(key).toString('base64') })
    },
    forget(file) {
      const { [resolve(file)]: _gone, ...rest } = read()
      writeJsonFile(keysFile, rest)
    },
  }
}
