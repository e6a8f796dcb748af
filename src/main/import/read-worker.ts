// Worker-thread side of readRows (readers.ts): reads the file with the ordinary readers inside the worker's memory
// budget and hands the rows over in batches, one batch ahead of the app.
import { parentPort, workerData } from 'node:worker_threads'
import { FileReadError, readRowsHere, type FileInput, type FileKind, type SheetRow } from './readers.ts'

type Data = { input: { path: string } | { bytes: Uint8Array }; kind: FileKind; sheet: string | null }
const d = workerData as Data
const BATCH = 500

const input: FileInput = 'bytes' in d.input ? { bytes: Buffer.from(d.input.bytes.buffer, d.input.bytes.byteOffset, d.input.bytes.byteLength) } : d.input
let credit = 1
let wake: (() => void) | null = null
parentPort!.on('message', () => {
  credit++
  wake?.()
  wake = null
})

async function main(): Promise<void> {
  const notes: string[] = []
  let batch: SheetRow[] = []
  const send = async () => {
    while (credit === 0) await new Promise<void>((r) => (wake = r))
    credit--
    parentPort!.postMessage({ type: 'rows', rows: batch, notes: notes.splice(0) })
    batch = []
  }
  try {
    for await (const row of readRowsHere(input, d.kind, d.sheet ?? undefined, notes)) {
      batch.push(row)
      if (batch.length >= BATCH) await send()
    }
    if (batch.length) await send()
    parentPort!.postMessage({ type: 'end', notes })
  } catch (err) {
    parentPort!.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err), fileError: err instanceof FileReadError })
  }
  parentPort!.close()
}

void main()
