// One build for three targets: the Electron main process (the thin shell plus the Node core it hosts), the
// sandboxed preload, and the renderer that both Electron and serve mode (`tanggap serve`) load.
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('src/main/app/shell/index.ts'),
          // Worker threads: each its own entry, emitted beside index.js (out/main/NAME.js), where
          // background/worker.ts startModule finds them when the .ts source is not there (the desktop build).
          // Without them the work fell back to the app's thread.
          'rebuild-worker': resolve('src/main/kpi/rebuild-worker.ts'),
          'read-worker': resolve('src/main/import/read-worker.ts'),
          // The read pool of serve mode (app/api/read-pool.ts): KPI tables, queue pages and totals off the app's thread.
          'query-worker': resolve('src/main/app/api/query-worker.ts'),
          // A full routing training's linear layer (routing/learn.ts): seconds of solver work off the app's thread.
          'linear-worker': resolve('src/main/routing/linear-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages at run time, so its IPC adapter is bundled in,
      // and it must be CommonJS.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      // Wall screens load it over a LAN: a minified bundle is a quarter of the size.
      minify: true,
      // Lists each chunk's static imports and styles: `tanggap bench bundle` reads it to size each screen's first load.
      manifest: true,
      outDir: resolve('out/renderer'),
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
})
