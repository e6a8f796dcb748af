// Writes an ExportDoc as an .xlsx with exceljs's streaming writer: rows go to the zip as they are made, so a
// million-row queue costs the same memory as a hundred rows. Each sheet gets a bold header row that stays in
// view (frozen) with an autofilter, column widths, and real Excel numbers: dates as date serials in the
// kabupaten's zone, percentages as fractions under 0.0%, counts under #,##0.
import { AUDIT_HEAD_LABEL } from '#main/audit/head.ts'
import ExcelJS from 'exceljs'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { createPacer, failureOf, type Cell, type Column, type ColumnKind, type ExportDoc, type Sheet, type WriteOptions } from './table.ts'

const NUMBER_FORMAT: Record<ColumnKind, string | undefined> = {
  text: '@',
  int: '#,##0',
  decimal: '0.0',
  percent: '0.0%',
  datetime: 'dd/mm/yyyy hh:mm',
  date: 'dd/mm/yyyy',
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } }

/**
 * The deflate stream behind a sheet. exceljs writes rows into it without waiting (it ignores write()'s
 * backpressure), so when compression is slower than SQLite hands out rows the pending chunks pile up in memory:
 * 100 MB per 100,000 rows on our machines. Waiting here while more than HIGH_WATER bytes are pending keeps
 * memory flat. Reaches into exceljs internals (StreamBuf.pipes) because it exposes no other handle; if those
 * change, the wait is skipped and the export bench shows the memory growing again.
 */
const HIGH_WATER = 4 * 1024 * 1024

function pendingBytes(ws: ExcelJS.Worksheet): number {
  const pipe = (ws as unknown as { stream?: { pipes?: { _writableState?: { length?: number } }[] } }).stream?.pipes?.[0]
  return pipe?._writableState?.length ?? 0
}

async function drain(ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  // A failed file (folder gone, disk full) takes nothing more: without the check this waits for ever.
  for (;;) {
    if (out.errored) throw out.errored
    if (pendingBytes(ws) <= HIGH_WATER) break
    await new Promise((r) => setTimeout(r, 2))
  }
  if (out.writableLength > HIGH_WATER) await once(out, 'drain')
}

/** Excel refuses tab names over 31 characters or with []:*?/\ in them. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31)
}

function cellValue(value: Cell, kind: ColumnKind, offsetMs: number): ExcelJS.CellValue {
  if (value === null) return null
  switch (kind) {
    case 'percent':
      return (value as number) / 100
    case 'datetime':
    case 'date':
      // Excel has no zones: a date serial is a wall-clock time. Shifting the instant by the kabupaten's offset
      // makes the serial read as local time in Sangatta or Ranai, whatever zone the reader's PC is in.
      return new Date((value as number) + offsetMs)
    default:
      return value
  }
}

function headerFor(c: Column, zone: string): string {
  return c.kind === 'datetime' || c.kind === 'date' ? `${c.header} (${zone})` : c.header
}

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, out: Writable, doc: ExportDoc, sheet: Sheet, done: number, opts: WriteOptions): Promise<number> {
  const ws = wb.addWorksheet(sheetName(sheet.name), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0, activeCell: 'A2' }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  })
  ws.columns = sheet.columns.map((c) => ({ key: c.key, width: c.width, style: { numFmt: NUMBER_FORMAT[c.kind] } }))
  const last = ws.getColumn(sheet.columns.length).letter
  ws.autoFilter = `A1:${last}1`
  const header = ws.addRow(sheet.columns.map((c) => headerFor(c, doc.zone)))
  header.font = { bold: true }
  header.alignment = { vertical: 'middle', wrapText: true }
  header.height = 32
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL
    cell.numFmt = 'General'
    cell.border = { bottom: { style: 'thin' } }
  })
  header.commit()

  const offsetMs = doc.utcOffsetMinutes * 60_000
  const kinds = sheet.columns.map((c) => c.kind)
  // exceljs gives every cell a fresh copy of its column's style and then looks each copy up in its style table
  // (a third of the export's time). Handing every cell of a column the same object hits exceljs's own cache.
  const styles = sheet.columns.map((c) => ({ numFmt: NUMBER_FORMAT[c.kind] }))
  const bold = sheet.columns.map((c) => ({ numFmt: NUMBER_FORMAT[c.kind], font: { bold: true } }))
  const pacer = createPacer(opts, () => drain(ws, out))
  let i = 0
  for (const row of sheet.rows) {
    const r = ws.addRow(row.map((v, j) => cellValue(v, kinds[j], offsetMs)))
    const shared = sheet.boldRows?.has(i) ? bold : styles
    r.eachCell({ includeEmpty: true }, (cell, col) => (cell.style = shared[col - 1]))
    r.commit()
    if (pacer.isDue(++i)) await pacer.pause(done + i)
  }
  ws.commit()
  return done + i
}

function writeInfo(wb: ExcelJS.stream.xlsx.WorkbookWriter, doc: ExportDoc): void {
  const ws = wb.addWorksheet('Keterangan')
  ws.columns = [
    { key: 'k', width: 28 },
    { key: 'v', width: 90 },
  ]
  const title = ws.addRow([doc.title])
  title.font = { bold: true, size: 14 }
  title.commit()
  for (const [k, v] of doc.auditHead === undefined ? doc.info : [...doc.info, [AUDIT_HEAD_LABEL, doc.auditHead] as [string, string]]) {
    const r = ws.addRow([k, v])
    r.getCell(1).font = { bold: true }
    r.getCell(2).alignment = { wrapText: true, vertical: 'top' }
    r.commit()
  }
  ws.commit()
}

/** Writes the document to `out` (a file stream the caller owns and has not ended). Resolves with the row count. */
export async function writeXlsx(doc: ExportDoc, out: Writable, opts: WriteOptions = {}): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    // Shared strings would keep every distinct title in memory until the end; inline strings stream.
    useSharedStrings: false,
    // Fastest deflate: an export of a million rows is bound by compression at the default level, and the file
    // is only about 20% larger.
    zip: { zlib: { level: 1 } },
  })
  wb.creator = 'tanggap'
  wb.title = doc.title
  let done = 0
  // The zip takes one sheet after another: each is finished before the next begins, data sheets first so
  // Excel opens on them, Keterangan last. After a cancel or a failure the zip is left unfinished: the caller
  // owns the stream and throws the partial file away.
  for (const sheet of doc.sheets) done = await writeSheet(wb, out, doc, sheet, done, opts)
  writeInfo(wb, doc)
  // exceljs's commit waits for the file to finish and never hears of a failure that came before it asked, so
  // the file's own failure ends the wait; the commit's late rejection is observed here, not left unhandled.
  const committed = wb.commit()
  committed.catch(() => undefined)
  await Promise.race([committed, failureOf(out)])
  opts.onProgress?.(done)
  return done
}
