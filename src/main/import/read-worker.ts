// Worker-thread side of readRows (readers.ts): reads files with the ordinary readers inside the worker's memory
// budget and hands the rows over in batches, one batch ahead of the app. The worker is kept for the next file
// (starting one costs seconds on a loaded machine); one file at a time; 'cancel' stops a file read part-way.
import { parentPort } from 'node:worker_threads'
import { FileReadError, readRowsHere, type FileInput, type FileKind, type SheetRow } from './readers.ts'

type Job = { type: 'read'; input: { path: string } | { bytes: Uint8Array }; kind: FileKind; sheet: string | null }
type Control = Job | { type: 'more' } | { type: 'cancel' }
const BATCH = 500

let credit = 0
let cancelled = false
let wake: (() => void) | null = null
const poke = () => {
  wake?.()
  wake = null
}
class Cancelled extends Error {}

parentPort!.on('message', (m: Control) => {
  if (m.type === 'more') credit++
  else if (m.type === 'cancel') cancelled = true
  else void read(m)
  poke()
})

async function read(job: Job): Promise<void> {
  credit = 1
  cancelled = false
  const input: FileInput = 'bytes' in job.input ? { bytes: Buffer.from(job.input.bytes.buffer, job.input.bytes.byteOffset, job.input.bytes.byteLength) } : job.input
  const notes: string[] = []
  let batch: SheetRow[] = []
  const send = async () => {
    while (credit === 0 && !cancelled) await new Promise<void>((r) => (wake = r))
    if (cancelled) throw new Cancelled()
    credit--
    parentPort!.postMessage({ type: 'rows', rows: batch, notes: notes.splice(0) })
    batch = []
  }
  try {
    for await (const row of readRowsHere(input, job.kind, job.sheet ?? undefined, notes)) {
      batch.push(row)
      if (batch.length >= BATCH) await send()
    }
    if (batch.length) await send()
    parentPort!.postMessage({ type: 'end', notes })
  } catch (err) {
    if (err instanceof Cancelled) parentPort!.postMessage({ type: 'cancelled' })
    else parentPort!.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err), fileError: err instanceof FileReadError })
  }
}
