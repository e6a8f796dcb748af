// Where a workspace's data file lives by default: the OS user-data folder, the same folder Electron's
// app.getPath('userData') gives for an app named "tanggap", so the desktop app and the CLI share one store.
import { homedir } from 'node:os'
import { join } from 'node:path'

export function userDataDir(): string {
  if (process.env.TANGGAP_HOME) return process.env.TANGGAP_HOME
  const home = homedir()
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'tanggap')
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'tanggap')
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'tanggap')
}

export const defaultStoreFile = () => join(userDataDir(), 'tanggap.db')
export const demoStoreFile = () => join(userDataDir(), 'demo.db')
