// The store's quick check at start runs in a worker with its own connection (background/store-check.ts). Closing
// serve mode stops it and waits for its worker: the folder a closed store leaves is then only the store itself,
// and it can be removed at once (under the full suite's load a reader still opening the store's -wal/-shm files
// as its folder went made the removal fail: ENOTEMPTY).
import { describe, expect, it } from 'vitest'
import { readdirSync, rmdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { startServer } from '#main/app/server/serve.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { backgroundStatus } from '#main/background/status.ts'
import { STORE_CHECK } from '#main/background/store-check.ts'
import { tempDir } from '../helpers.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function serveOnce(dir: string, openFor: number) {
  const ws = openWorkspace(join(dir, 'serve.db'))
  seedKabupaten(ws.db, '64.08')
  const server = await startServer({ workspace: ws, port: 0, routingUpkeep: false, log: () => {} })
  await sleep(openFor)
  return { ws, server }
}

describe('the store check at start', () => {
  it('closed at once, serve mode leaves no reader of the store behind: nothing reappears beside it', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = tempDir()
      const { ws, server } = await serveOnce(dir, 0)
      await server.close()
      ws.close()
      expect(readdirSync(dir)).toEqual(['serve.db'])
      await sleep(300) // the check's worker, had it outlived the close, would have opened the store by now
      expect(readdirSync(dir), `round ${round}`).toEqual(['serve.db'])
      rmSync(join(dir, 'serve.db'))
      rmdirSync(dir) // no retries: nothing is left to race with
    }
  })

  it('left to run, it still says the store is whole on Sinkronisasi', async () => {
    const { ws, server } = await serveOnce(tempDir(), 0)
    try {
      for (let i = 0; i < 100 && !backgroundStatus(ws.db).some((s) => s.name === STORE_CHECK.name); i++) await sleep(50)
      expect(backgroundStatus(ws.db).find((s) => s.name === STORE_CHECK.name)).toMatchObject({ label: STORE_CHECK.label, failures: 0 })
    } finally {
      await server.close()
      ws.close()
    }
  })
})
