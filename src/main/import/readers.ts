// Row readers for the two file kinds admins have: .xlsx (exceljs's streaming reader, so a 100,000-row export
// never sits in memory as a workbook) and .csv (csv-parse, streamed). Both yield the same thing: the sheet row
// number the admin sees in Excel, and the cell values as plain text, numbers, booleans or Dates.
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { isOpenStore } from '../store/open-files.ts'

export type Cell = string | number | boolean | Date | null
export type SheetRow = { row: number; cells: Cell[] }
export type FileKind = 'xlsx' | 'csv'
/** A file on disk, or its bytes (an upload through the API). */
export type FileInput = { path: string } | { bytes: Buffer }

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

async function* xlsxRows(input: FileInput, sheet?: string): AsyncGenerator<SheetRow> {
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
      yield* xlsxRowsWhole(input, sheet)
      return
    }
    throw new FileReadError(`berkas .xlsx tidak dapat dibaca: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (!seen) throw new FileReadError(sheet ? `lembar "${sheet}" tidak ada (yang ada: ${names.join(', ') || 'tidak ada'})` : 'berkas .xlsx tidak berisi lembar kerja')
}

/** The fallback: the whole workbook in memory (exceljs's non-streaming reader). */
async function* xlsxRowsWhole(input: FileInput, sheet?: string): AsyncGenerator<SheetRow> {
  const wb = new ExcelJS.Workbook()
  try {
    if ('path' in input) await wb.xlsx.readFile(input.path)
    else await wb.xlsx.load(input.bytes as unknown as ArrayBuffer)
  } catch (err) {
    throw new FileReadError(`berkas .xlsx tidak dapat dibaca: ${err instanceof Error ? err.message : String(err)}`)
  }
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0]
  if (!ws) throw new FileReadError(sheet ? `lembar "${sheet}" tidak ada (yang ada: ${wb.worksheets.map((w) => w.name).join(', ') || 'tidak ada'})` : 'berkas .xlsx tidak berisi lembar kerja')
  const rows: SheetRow[] = []
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[]
    const cells: Cell[] = []
    for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]))
    rows.push({ row: row.number, cells })
  })
  yield* rows
}

/** The delimiter of a CSV from its first line: Excel in an Indonesian locale saves with ';' (the comma is the
 * decimal separator there), other tools with ','; some exports are tab-separated. */
function sniffDelimiter(head: string): string {
  const line = head.split(/\r?\n/)[0] ?? ''
  const counts = [';', ',', '\t'].map((d) => [d, line.split(d).length - 1] as const)
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0]
}

async function* csvRows(input: FileInput): AsyncGenerator<SheetRow> {
  const source = stream(input)
  // Peek at the first chunk for the delimiter, then hand the parser that chunk and the rest.
  const it = source[Symbol.asyncIterator]()
  const first = await it.next()
  if (first.done) return
  const firstChunk = Buffer.from(first.value as Buffer)
  const delimiter = sniffDelimiter(firstChunk.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, ''))
  const rest = Readable.from(
    (async function* () {
      yield firstChunk
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value as Buffer
    })(),
  )
  const parser = rest.pipe(parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }))
  let row = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++
      yield { row, cells: record.map((c) => (c === '' ? null : c)) }
    }
  } catch (err) {
    throw new FileReadError(`berkas CSV rusak sesudah baris ${row}: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/** A path may name any file, the open store included: reading that beside its connection would drop SQLite's
 *  locks on it (store/open-files.ts), and it is no spreadsheet anyway. */
export function checkReadable(input: FileInput): void {
  if ('path' in input && isOpenStore(input.path)) throw new FileReadError(`berkas ${input.path} adalah berkas data tanggap yang sedang dibuka, bukan berkas impor`)
}

export function readRows(input: FileInput, kind: FileKind, sheet?: string): AsyncGenerator<SheetRow> {
  checkReadable(input)
  return kind === 'xlsx' ? xlsxRows(input, sheet) : csvRows(input)
}
