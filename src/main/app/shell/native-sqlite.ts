// Which better-sqlite3 addon the main process loads. npm installs one compiled for Node (tests, the CLI, serve
// mode use it); Electron has another ABI and needs its own copy, built by scripts/build-electron-sqlite.js into
// resources/native/ (shipped as an extra resource) and handed to openStore through `nativeBinding`.
import { resourcePath } from '#main/resources.ts'

/** Folder name per ABI and target, so one checkout can hold the Windows and Linux builds side by side.
 *  scripts/build-electron-sqlite.js writes the same name. */
export function electronSqliteDir(abi: string, platform: string, arch: string): string {
  return `electron-${abi}-${platform}-${arch}`
}

/** The addon to pass as nativeBinding, or undefined outside Electron, where npm's own Node build is the right one. */
export function sqliteAddonPath(versions: Partial<NodeJS.ProcessVersions> = process.versions, platform: string = process.platform, arch: string = process.arch): string | undefined {
  if (!versions.electron || !versions.modules) return undefined
  return resourcePath('native', electronSqliteDir(versions.modules, platform, arch), 'better_sqlite3.node')
}

/** The same for better-sqlite3-multiple-ciphers (encrypted stores, store/cipher.ts), beside it in the same folder.
 *  Optional: only a Pemda that turns encryption on needs it. */
export function cipherAddonPath(versions: Partial<NodeJS.ProcessVersions> = process.versions, platform: string = process.platform, arch: string = process.arch): string | undefined {
  if (!versions.electron || !versions.modules) return undefined
  return resourcePath('native', electronSqliteDir(versions.modules, platform, arch), 'better_sqlite3_multiple_ciphers.node')
}

export function missingSqliteAddonMessage(path: string, isPackaged: boolean): string {
  if (isPackaged) {
    return [
      'Paket instalasi tanggap tidak lengkap: modul SQLite untuk Electron tidak ada di',
      path,
      'Pasang ulang tanggap dari berkas instalasi yang benar.',
      '',
      'This tanggap installation is incomplete (the SQLite module for Electron is missing). Reinstall it.',
    ].join('\n')
  }
  return [
    'tanggap tidak menemukan modul SQLite untuk Electron:',
    path,
    '',
    'Dari folder proyek, dengan koneksi internet, jalankan:',
    '  node scripts/build-electron-sqlite.js',
    'lalu buka tanggap lagi. (Tanpa Electron: `npm run serve`, lalu buka http://127.0.0.1:5180.)',
    '',
    'The SQLite module built for Electron is missing. Run `node scripts/build-electron-sqlite.js` from the project',
    'folder with internet access, then start tanggap again.',
  ].join('\n')
}
