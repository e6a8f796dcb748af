// The `tanggap` command line: headless work on a store (serve, demo data, info, and later sync, kpi, export...).
// Each command lives in its own file and registers itself here.
import { Command } from 'commander'
import { registerServe } from './serve.ts'
import { registerDemo } from './demo.ts'
import { registerInfo } from './info.ts'
import { registerKpi } from './kpi.ts'
import { registerBench } from './bench.ts'
import { registerExport } from './export.ts'
import { registerRoute } from './route.ts'
import { registerUser } from './user.ts'
import { registerKeyOption, registerStore } from './store.ts'
import { registerAudit } from './audit.ts'
import { registerSimulate } from './simulate.ts'
import { registerSync } from './sync.ts'
import { registerImport } from './import.ts'
import { registerOpen311 } from './open311.ts'
import { registerBackup } from './backup.ts'
import { registerIsu } from './isu.ts'

export function buildCli(): Command {
  const program = new Command('tanggap')
    .description('Pusat komando pengaduan SP4N-LAPOR! untuk Pemkab — command centre for SP4N-LAPOR! complaints')
    .showHelpAfterError()
  registerKeyOption(program)
  registerServe(program)
  registerDemo(program)
  registerInfo(program)
  registerKpi(program)
  registerBench(program)
  registerExport(program)
  registerRoute(program)
  registerUser(program)
  registerStore(program)
  registerAudit(program)
  registerSimulate(program)
  registerSync(program)
  registerImport(program)
  registerOpen311(program)
  registerBackup(program)
  registerIsu(program)
  return program
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv)
  } catch (err) {
    // A user error gets one clear line, not a stack trace.
    console.error(`tanggap: ${err instanceof Error ? err.message : String(err)}`)
    process.exitCode = 1
  }
}
