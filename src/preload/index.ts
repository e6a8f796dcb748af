// The preload: runs sandboxed before the renderer and exposes exactly two things: the tRPC IPC bridge
// (window.electronTRPC), through which every procedure is checked by role in the main process like every serve-mode
// request, and the sign-in form's channel (window.tanggapDesktop: sign in with a password, sign out). No
// ipcRenderer, no Node, no other API.
import { contextBridge, ipcRenderer } from 'electron'
import { exposeElectronTRPC } from 'trpc-electron/main'
import { AUTH_CHANNEL, type AuthReply, type AuthRequest, type DesktopSignInReply, type TanggapDesktop } from '#shared/desktop-auth.ts'

exposeElectronTRPC()

let nextId = 1
const pending = new Map<number, (result: AuthReply['result']) => void>()
ipcRenderer.on(AUTH_CHANNEL, (_event, reply: AuthReply) => {
  pending.get(reply?.id)?.(reply.result)
  pending.delete(reply?.id)
})
function request(message: Omit<AuthRequest, 'id'>): Promise<AuthReply['result']> {
  const id = nextId++
  return new Promise((resolve) => {
    pending.set(id, resolve)
    ipcRenderer.send(AUTH_CHANNEL, { ...message, id })
  })
}

const desktop: TanggapDesktop = {
  signIn: (username, password) => request({ kind: 'signIn', username: String(username), password: String(password) }) as Promise<DesktopSignInReply>,
  signOut: async () => void (await request({ kind: 'signOut' })),
}
contextBridge.exposeInMainWorld('tanggapDesktop', desktop)
