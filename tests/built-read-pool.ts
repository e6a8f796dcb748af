// The read pool test servers use: the built query worker (npm test builds before the tests run), as the desktop app
// runs it, and one of it, since a test drives one page or one client at a time. Loading the sources through tsx in
// every worker of every test server cost about 2.5 s of CPU a worker; the built one about 1.2 s. Without a build it
// falls back to the sources (undefined: the server's default).
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ReadPoolOptions } from '#main/app/api/read-pool.ts'

const BUILT_WORKER = resolve('out/main/query-worker.js')

export const BUILT_READ_POOL: ReadPoolOptions | undefined = existsSync(BUILT_WORKER) ? { module: pathToFileURL(BUILT_WORKER), workers: 1 } : undefined
