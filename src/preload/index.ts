// The preload: runs sandboxed before the renderer and exposes exactly one thing, the tRPC IPC bridge
// (window.electronTRPC). No ipcRenderer, no Node, no other API: whatever the renderer needs is a tRPC procedure,
// checked by role in the main process like every serve-mode request.
import { exposeElectronTRPC } from 'trpc-electron/main'

exposeElectronTRPC()
