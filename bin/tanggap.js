#!/usr/bin/env node
// The `tanggap` command. The CLI is TypeScript run through tsx, so a fresh clone needs no build step for it.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../src/main/app/cli/main.ts')
await runCli(process.argv)
