// Row readers for the two file kinds admins have: .xlsx (exceljs's streaming reader, so a 100,000-row export
// never sits in memory as a workbook; a workbook with merged cells is read whole and the merges filled) and .csv
// (csv-parse, streamed; the encoding detected, a guess reported). Both yield the same thing: the sheet row
// number the admin sees in Excel, and the cell values as plain text, numbers, booleans or Dates.
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { isOpenStore } from '../store/open-files.ts'
import { startModule } from '../background/worker.ts'
import type { Worker } from 'node:worker_threads'
import { csvParseMessage, looksBinary, notReadableMessage } from './messages.ts'

export type Cell = string | number | boolean | Date | null
export type SheetRow = { row: number; cells: Cell[] }
export type FileKind = 'xlsx' | 'csv'
/** A file on disk, or its bytes (an upload through the API). */
export type FileInput = { path: string } | { bytes: Buffer }
/** What a reader did to the file that the admin should check (an encoding guessed, merged cells filled), in
 * Indonesian; shown above the rows of the import report. */
export type ReadNotes = string[]

export class FileReadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FileReadError'
  }
}

export function kindOf(name: string): FileKind | null {
  const ext = name.toLowerCase().split('.').pop()
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' || ext === 'txt' ? 'csv' : null
}

function stream(input: FileInput): Readable {
  return 'path' in input ? createReadStream(input.path) : Readable.from([input.bytes])
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) reduced to what a mapping can read. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('formula' in value || 'sharedFormula' in value) return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
    if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : plainCell(value.text as ExcelJS.CellValue)
    if ('error' in value) return null
  }
  return String(value)
}

/** Whether any sheet of the workbook has merged cells. The streaming reader does not see merges (they come after
 * the rows in the sheet's XML, and exceljs's stream parser skips them), so a workbook with merges is read whole:
 * such sheets are made by hand and small, big machine exports have none. Read from the zip entry by entry.
 * Also refuses, before any parsing, what is no workbook at all: not a zip, a zip cut short (its directory at the
 * end is missing: exceljs's streaming reader waits for ever on such a file), or a part that unpacks to more than
 * the reading budget (a "zip bomb": 656 KB holding one 400 MB shared string). */
async function hasMerges(input: FileInput): Promise<boolean> {
  const bytes = 'path' in input ? await readFileBuffer(input.path) : input.bytes
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new FileReadError('bukan berkas .xlsx (isinya bukan arsip zip seperti buku kerja Excel); simpan ulang dari Excel sebagai .xlsx')
  }
  if (bytes.subarray(Math.max(0, bytes.length - 65_557)).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) {
    throw new FileReadError('berkas .xlsx terpotong atau rusak (bagian akhir arsip zip tidak ada; unggahan atau salinan terputus?); salin atau unduh ulang berkasnya')
  }
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(bytes)
  } catch (err) {
    throw new FileReadError(`berkas .xlsx rusak (arsip zip tidak terbaca: ${err instanceof Error ? err.message.slice(0, 200) : String(err)})`)
  }
  const limit = READ_LIMITS.zipEntryMb * 1024 * 1024
  for (const entry of Object.values(zip.files)) {
    const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0
    // Sheets are streamed (any size); the shared strings are held in memory while the sheet is read.
    if (!/^xl\/worksheets\//.test(entry.name) && size > limit) {
      throw new FileReadError(
        `bagian ${entry.name} terurai menjadi ${Math.round(size / 1024 / 1024)} MB, melebihi batas ${READ_LIMITS.zipEntryMb} MB untuk membaca berkas; berkas tidak wajar atau rusak`,
      )
    }
  }
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) continue
    if (await containsText(entry, '<mergeCell ')) return true
  }
  return false
}

/** A row wider than any complaint export is refused before it is mapped (a line of 700,000 columns froze the app). */
function checkWidth(row: number, width: number): void {
  if (width > READ_LIMITS.columns) {
    throw new FileReadError(`baris ${row} berisi ${width.toLocaleString('id-ID')} kolom, melebihi batas ${READ_LIMITS.columns.toLocaleString('id-ID')} kolom; berkas bukan daftar pengaduan atau pemisahnya salah`)
  }
}

/** Whether a zip entry's text contains `needle`, read chunk by chunk (a sheet's XML may be tens of megabytes). */
function containsText(entry: JSZip.JSZipObject, needle: string): Promise<boolean> {
  // internalStream is jszip's own stream helper (its nodeStream is not async-iterable); typed in @types via the
  // object, so reached through a narrow cast.
  const helper = (entry as unknown as { internalStream(type: 'string'): JSZip.JSZipStreamHelper<string> }).internalStream('string')
  return new Promise((resolve, reject) => {
    let tail = ''
    let found = false
    helper
      .on('data', (chunk) => {
        if (found) return
        const text = tail + chunk
        if (text.includes(needle)) {
          found = true
          helper.pause()
          resolve(true)
        }
        tail = text.slice(-needle.length)
      })
      .on('error', reject)
      .on('end', () => resolve(found))
      .resume()
  })
}

async function readFileBuffer(path: string): Promise<Buffer> {
  const { readFile } = await import('node:fs/promises')
  return readFile(path)
}

async function* xlsxRows(input: FileInput, sheet?: string, notes?: ReadNotes): AsyncGenerator<SheetRow> {
  if (await hasMerges(input)) {
    yield* xlsxRowsWhole(input, sheet, notes)
    return
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream(input), {
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  })
  let seen = false
  let yielded = 0
  const names: string[] = []
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name?: string }).name ?? ''
      names.push(name)
      if (seen || (sheet && name !== sheet)) {
        // The reader must still drain a sheet we skip, or it stalls.
        for await (const _ of ws) void _
        continue
      }
      seen = true
      for await (const row of ws) {
        const values = row.values as ExcelJS.CellValue[] // 1-based: values[0] is empty
        const cells: Cell[] = []
        checkWidth(row.number, values.length - 1)
        for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]))
        yielded++
        yield { row: row.number, cells }
      }
    }
  } catch (err) {
    // exceljs's streaming reader can meet a worksheet before it has parsed workbook.xml (it reads zip entries
    // concurrently, and under load the order varies): "reading 'sheets'" of undefined. Nothing was read yet,
    // so the file is read again whole, which only costs memory for this one file.
    if (yielded === 0 && err instanceof TypeError && /'sheets'/.test(err.message)) {
      yield* xlsxRowsWhole(input, sheet, notes)
      return
    }
    throw new FileReadError(notReadableMessage())
  }
  if (!seen) throw new FileReadError(sheet ? `lembar "${sheet}" tidak ada (yang ada: ${names.join(', ') || 'tidak ada'})` : 'berkas .xlsx tidak berisi lembar kerja')
}

/** The whole workbook in memory (exceljs's non-streaming reader): for workbooks with merged cells, and the fallback.
 * A merged range reads as a person reading the sheet would: every cell of it holds the top-left cell's value
 * (exceljs gives a merged cell its master's value), and the notes say which ranges were filled. */
async function* xlsxRowsWhole(input: FileInput, sheet?: string, notes?: ReadNotes): AsyncGenerator<SheetRow> {
  const wb = new ExcelJS.Workbook()
  try {
    if ('path' in input) await wb.xlsx.readFile(input.path)
    else await wb.xlsx.load(input.bytes as unknown as ArrayBuffer)
  } catch (err) {
    throw new FileReadError(notReadableMessage())
  }
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0]
  if (!ws) throw new FileReadError(sheet ? `lembar "${sheet}" tidak ada (yang ada: ${wb.worksheets.map((w) => w.name).join(', ') || 'tidak ada'})` : 'berkas .xlsx tidak berisi lembar kerja')
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).filter((r) => /^[A-Z]+\d+:[A-Z]+\d+$/.test(r))
  if (merges.length && notes) {
    const cells = merges.reduce((n, r) => n + rangeSize(r) - 1, 0)
    const shown = merges.slice(0, 8).join(', ') + (merges.length > 8 ? `, … (${merges.length} rentang)` : '')
    notes.push(`Lembar "${ws.name}" berisi sel gabungan (${shown}): ${cells} sel diisi dengan nilai sel kiri-atas rentangnya, seperti dibaca orang; periksa bahwa nilainya memang berlaku untuk setiap baris`)
  }
  const rows: SheetRow[] = []
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[]
    checkWidth(row.number, values.length - 1)
    const cells: Cell[] = []
    for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]))
    rows.push({ row: row.number, cells })
  })
  yield* rows
}

function colNumber(letters: string): number {
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0)
}

/** Cells in a range like 'B2:B21'. */
function rangeSize(range: string): number {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range)
  if (!m) return 1
  return (Math.abs(colNumber(m[3]) - colNumber(m[1])) + 1) * (Math.abs(Number(m[4]) - Number(m[2])) + 1)
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

// Bytes Windows-1252 leaves undefined, and control characters no text file holds: a file with them is not 1252.
const NOT_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/** A CSV's encoding from its first bytes: a BOM says it outright (UTF-8, UTF-16 LE/BE); bytes that are valid UTF-8
 * are UTF-8; otherwise Windows-1252 (Excel's "CSV" on Indonesian/Western Windows) when every byte is plausible
 * there, which is a guess the report states. Anything else is refused rather than read into "�". */
export function sniffEncoding(head: Buffer): { encoding: Encoding; guessed: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', guessed: false }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', guessed: false }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', guessed: false }
  if (head.includes(0)) throw new FileReadError('berkas CSV berisi byte nol (UTF-16 tanpa BOM atau bukan teks); simpan ulang sebagai "CSV UTF-8"')
  // A chunk may end inside a multi-byte character: leave the last incomplete sequence out of the check.
  let end = head.length
  for (let i = Math.max(0, head.length - 3); i < head.length; i++) {
    const b = head[i]
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0
    if (need && i + need > head.length) end = i
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end))
    return { encoding: 'utf-8', guessed: false }
  } catch {
    // not UTF-8
  }
  for (const b of head) {
    if (NOT_1252.has(b) || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) {
      throw new FileReadError('pengodean berkas CSV tidak dikenali (bukan UTF-8, UTF-16, atau Windows-1252); simpan ulang dari Excel sebagai "CSV UTF-8"')
    }
  }
  return { encoding: 'windows-1252', guessed: true }
}

/** The delimiter of a CSV from its first line: Excel in an Indonesian locale saves with ';' (the comma is the
 * decimal separator there), other tools with ','; some exports are tab-separated. */
function sniffDelimiter(head: string): string {
  const line = head.split(/\r?\n/)[0] ?? ''
  const counts = [';', ',', '\t'].map((d) => [d, line.split(d).length - 1] as const)
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0]
}

async function* csvRows(input: FileInput, notes?: ReadNotes): AsyncGenerator<SheetRow> {
  const source = stream(input)
  // Peek at the first chunk for the encoding and the delimiter, then hand the parser that chunk and the rest as text.
  const it = source[Symbol.asyncIterator]()
  const first = await it.next()
  if (first.done) return
  const firstChunk = Buffer.from(first.value as Buffer)
  const { encoding, guessed } = sniffEncoding(firstChunk.subarray(0, 256 * 1024))
  if (guessed) notes?.push('Berkas dibaca sebagai Windows-1252; periksa nama dengan huruf khusus (é, ñ, ü, …). Berkas ini bukan UTF-8: simpan dari Excel sebagai "CSV UTF-8" agar pengodean tidak perlu ditebak.')
  // UTF-8 is decoded strictly: a file that turns out to mix encodings further down is refused, not read into "�".
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' })
  const decode = (chunk: Buffer, last = false): string => {
    try {
      return decoder.decode(chunk, { stream: !last })
    } catch {
      throw new FileReadError('berkas CSV bukan UTF-8 yang sah sesudah bagian awalnya (sebagian disimpan dengan pengodean lain?); simpan ulang sebagai "CSV UTF-8"')
    }
  }
  const firstText = decode(firstChunk)
  // The start of the file: what the delimiter is guessed from, and what says a file that breaks the parser is binary.
  const head = firstText.slice(0, 64 * 1024)
  const delimiter = sniffDelimiter(head.replace(/^\uFEFF/, ''))
  const rest = Readable.from(
    (async function* () {
      yield firstText
      for (let r = await it.next(); !r.done; r = await it.next()) yield decode(r.value as Buffer)
      const tail = decode(Buffer.alloc(0), true)
      if (tail) yield tail
    })(),
  )
  const parser = rest.pipe(parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: READ_LIMITS.recordChars }))
  let row = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++
      checkWidth(row, record.length)
      yield { row, cells: record.map((c) => (c === '' ? null : c)) }
    }
  } catch (err) {
    if (err instanceof FileReadError) throw err
    // A binary file (a renamed picture or archive) often trips the parser on a stray quote before any row reaches
    // the layout's check for bytes: it is named for what it is, not as a CSV broken at some row.
    if (looksBinary(head)) throw new FileReadError(notReadableMessage())
    if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw new FileReadError(
        `baris ${row + 1} berkas CSV lebih dari ${READ_LIMITS.recordChars.toLocaleString('id-ID')} karakter (batas satu baris); berkas bukan daftar pengaduan, pemisahnya salah, atau ada tanda kutip yang tidak ditutup`,
      )
    }
    throw new FileReadError(csvParseMessage(err, row))
  }
}

/** A path may name any file, the open store included: reading that beside its connection would drop SQLite's
 *  locks on it (store/open-files.ts), and it is no spreadsheet anyway. */
export function checkReadable(input: FileInput): void {
  if ('path' in input && isOpenStore(input.path)) throw new FileReadError(`berkas ${input.path} adalah berkas data tanggap yang sedang dibuka, bukan berkas impor`)
}

/** The reader on this thread (the worker's side of readRows, and the fallback where no worker can start). */
export function readRowsHere(input: FileInput, kind: FileKind, sheet?: string, notes?: ReadNotes): AsyncGenerator<SheetRow> {
  return kind === 'xlsx' ? xlsxRows(input, sheet, notes) : csvRows(input, notes)
}

/**
 * The rows of a file, read in a worker thread within a memory budget and a time limit (import/read-worker.ts), so
 * a hostile or broken file (a zip bomb, a truncated workbook, a line of 700,000 columns) is refused with a clear
 * message instead of eating the app's memory or freezing it. `notes` collects what the reader did to the file
 * that the admin should check (see ReadNotes); `name` is the file's name as the user knows it, for the messages.
 */
export function readRows(input: FileInput, kind: FileKind, sheet?: string, notes?: ReadNotes, name?: string): AsyncGenerator<SheetRow> {
  checkReadable(input)
  return readInWorker(input, kind, sheet, notes, name ?? ('path' in input ? input.path : 'unggahan'))
}

/** What a file may cost to read: heap of the reading worker, and the longest wait for the next rows. */
export const READ_LIMITS = { heapMb: 300, stallSeconds: 60, columns: 1_000, recordChars: 1_000_000, zipEntryMb: 200 }

type FromWorker =
  | { type: 'rows'; rows: SheetRow[]; notes: string[] }
  | { type: 'end'; notes: string[] }
  | { type: 'cancelled' }
  | { type: 'error'; message: string; fileError: boolean }

/** Readers waiting for the next file: starting a worker costs seconds on a loaded machine, so one is kept. */
const idle: Worker[] = []

function takeWorker(): Worker | null {
  const kept = idle.pop()
  if (kept) return kept
  const worker = startModule(new URL('./read-worker.ts', import.meta.url), {}, { maxOldGenerationSizeMb: READ_LIMITS.heapMb, maxYoungGenerationSizeMb: 32 })
  worker?.unref() // never keeps a CLI or a test process alive
  worker?.on('error', () => {}) // reported to the reader using it; an idle one that fails is just dropped
  worker?.on('exit', () => {
    const i = idle.indexOf(worker)
    if (i >= 0) idle.splice(i, 1)
  })
  return worker
}

function keep(worker: Worker): void {
  if (idle.length < 2) idle.push(worker)
  else void worker.terminate()
}

const shortened = (m: string) => (m.length > 400 ? `${m.slice(0, 400)}…` : m)

async function* readInWorker(input: FileInput, kind: FileKind, sheet: string | undefined, notes: ReadNotes | undefined, name: string): AsyncGenerator<SheetRow> {
  const worker = takeWorker()
  if (!worker) {
    yield* readRowsHere(input, kind, sheet, notes)
    return
  }
  const inbox: FromWorker[] = []
  let wake: (() => void) | null = null
  let failure: Error | null = null
  let exited = false
  const push = () => {
    wake?.()
    wake = null
  }
  const onMessage = (m: FromWorker) => {
    inbox.push(m)
    push()
  }
  const onError = (err: Error & { code?: string }) => {
    failure =
      err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap|memory/i.test(err.message)
        ? new FileReadError(`berkas ${name} ditolak: membacanya butuh lebih dari ${READ_LIMITS.heapMb} MB memori (batas pembacaan berkas). Bagi berkas menjadi beberapa berkas lebih kecil, atau simpan ulang dari Excel.`)
        : new FileReadError(`berkas ${name} tidak dapat dibaca: ${shortened(err.message)}`)
    push()
  }
  const onExit = () => {
    exited = true
    push()
  }
  worker.on('message', onMessage)
  worker.on('error', onError)
  worker.on('exit', onExit)
  // The worker's state after this read: reusable once it has said it stopped, else terminated.
  let settled = false
  let stuck = false
  const detach = () => {
    worker.off('message', onMessage)
    worker.off('error', onError)
    worker.off('exit', onExit)
  }
  const bytes = 'bytes' in input ? new Uint8Array(input.bytes) : null
  worker.postMessage({ type: 'read', input: bytes ? { bytes } : input, kind, sheet: sheet ?? null })
  try {
    for (;;) {
      if (inbox.length === 0 && failure === null && !exited) {
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), READ_LIMITS.stallSeconds * 1000)
          wake = () => {
            clearTimeout(timer)
            resolve(false)
          }
        })
        if (timedOut) {
          stuck = true
          throw new FileReadError(
            `berkas ${name} ditolak: pembacaannya tidak maju dalam ${READ_LIMITS.stallSeconds} detik (batas waktu pembacaan berkas). Berkas mungkin rusak atau tidak wajar; simpan ulang dari Excel.`,
          )
        }
        continue
      }
      const m = inbox.shift()
      if (!m) {
        if (failure) throw failure
        throw new FileReadError(`berkas ${name} tidak dapat dibaca: pembaca berhenti tanpa hasil`)
      }
      if (m.type === 'error') {
        settled = true
        throw m.fileError ? new FileReadError(`${name}: ${shortened(m.message)}`) : new Error(shortened(m.message))
      }
      if (m.type === 'cancelled') continue
      notes?.push(...m.notes)
      if (m.type === 'end') {
        settled = true
        return
      }
      worker.postMessage({ type: 'more' }) // the next batch is read while these are handled
      yield* m.rows
    }
  } finally {
    detach()
    if (settled && !exited) keep(worker)
    else if (!stuck && !exited && failure === null && inbox.every((m) => m.type === 'rows')) {
      // Stopped part-way by the caller (the first rows were enough): the worker is told, and kept once it says so.
      const done = (m: FromWorker) => {
        if (m.type === 'rows') return
        worker.off('message', done)
        keep(worker)
      }
      worker.on('message', done)
      worker.postMessage({ type: 'cancel' })
    } else void worker.terminate()
  }
}
