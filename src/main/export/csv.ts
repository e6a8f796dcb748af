// Writes an ExportDoc as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the PC's
// ANSI code page and "Sangatta Utara" survives but "Kec. Muara Ancalong — Ds. Long Bentuk" does not).
//
// The default separator is `;` with a decimal comma, because that is what Excel expects on a PC set to
// Indonesian (Control Panel → Region: decimal symbol `,`, list separator `;`): a `,`-separated file opens there
// with every row in column A. `,` with a decimal point is there for English-locale PCs and other tools.
// Several sheets become one table with a leading "Tabel" column (all sheets of a document share columns).
import { stringify } from 'csv-stringify'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { AUDIT_HEAD_LABEL } from '#main/audit/head.ts'
import { createPacer, localDate, localDateTime, type Cell, type Column, type ExportDoc, type WriteOptions } from './table.ts'

export const DELIMITERS = [';', ','] as const
export type Delimiter = (typeof DELIMITERS)[number]
export const DEFAULT_DELIMITER: Delimiter = ';'

/**
 * A cell starting with = + - @ (or a tab / carriage return) is run as a formula when Excel opens a CSV
 * ("CSV injection"); citizens' text is not trusted, so such a cell is prefixed with an apostrophe.
 */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

function formatter(c: Column, doc: ExportDoc, decimalComma: boolean): (v: Cell) => string {
  const number = (digits: number) => (v: number) => {
    const s = v.toFixed(digits)
    return decimalComma ? s.replace('.', ',') : s
  }
  switch (c.kind) {
    case 'int':
      return (v) => (v === null ? '' : String(v))
    case 'decimal':
    case 'percent': {
      const f = number(1)
      return (v) => (v === null ? '' : f(v as number))
    }
    case 'datetime':
      return (v) => (v === null ? '' : localDateTime(v as number, doc.utcOffsetMinutes))
    case 'date':
      return (v) => (v === null ? '' : localDate(v as number, doc.utcOffsetMinutes))
    case 'text':
      return c.isFreeText ? (v) => (v === null ? '' : defuse(String(v))) : (v) => (v === null ? '' : String(v))
  }
}

function headerOf(c: Column, doc: ExportDoc, isMulti: boolean): string {
  const h = isMulti ? (c.csvHeader ?? c.header) : c.header
  if (c.kind === 'percent') return h.includes('%') ? h : `${h} (%)`
  return c.kind === 'datetime' || c.kind === 'date' ? `${h} (${doc.zone})` : h
}

/** Resolves when csv-stringify wants more, rejects if it or the file fails meanwhile; leaves no listeners behind. */
function drained(csv: Writable, out: Writable): Promise<void> {
  if (out.errored) return Promise.reject(out.errored)
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      csv.off('drain', onDrain).off('error', settle)
      out.off('error', settle)
      if (err) reject(err)
      else resolve()
    }
    const onDrain = () => settle()
    csv.once('drain', onDrain).once('error', settle)
    out.once('error', settle)
  })
}

export async function writeCsv(doc: ExportDoc, out: Writable, delimiter: Delimiter = DEFAULT_DELIMITER, opts: WriteOptions = {}): Promise<number> {
  const [first] = doc.sheets
  const keys = first.columns.map((c) => c.key).join('|')
  const mismatch = doc.sheets.find((s) => s.columns.map((c) => c.key).join('|') !== keys)
  if (mismatch) throw new Error(`CSV memuat satu tabel: lembar "${mismatch.name}" berkolom lain dari "${first.name}"`)
  const isMulti = doc.sheets.length > 1
  const decimalComma = delimiter === ';'
  const formats = first.columns.map((c) => formatter(c, doc, decimalComma))

  // Windows line ends between records; a line break inside a text (citizens write paragraphs) must be quoted,
  // which csv-stringify does only for the record delimiter itself (\r\n) unless told.
  const csv = stringify({ delimiter, bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ })
  csv.pipe(out)
  // Settles when the file is complete, or fails (disk full: pipe() does not pass that back to csv). Observed at
  // once: the file can fail while the writer rests between slices, long before anything awaits this.
  const finished = once(out, 'finish')
  finished.catch(() => undefined)

  const pacer = createPacer(opts, async () => {
    if (out.errored) throw out.errored
  })
  let done = 0
  try {
    if (!csv.write([...(isMulti ? ['Tabel'] : []), ...first.columns.map((c) => headerOf(c, doc, isMulti))])) await drained(csv, out)
    for (const sheet of doc.sheets) {
      for (const row of sheet.rows) {
        const record = row.map((v, j) => formats[j](v))
        if (isMulti) record.unshift(sheet.name)
        if (!csv.write(record)) await drained(csv, out)
        if (pacer.isDue(++done)) await pacer.pause(done)
      }
    }
    // The audit head as the last line, padded to the table's width so the file stays one rectangular table.
    if (doc.auditHead !== undefined) {
      const width = first.columns.length + (isMulti ? 1 : 0)
      const line = [`${AUDIT_HEAD_LABEL}: ${doc.auditHead}`, ...Array<string>(width - 1).fill('')]
      if (!csv.write(line)) await drained(csv, out)
    }
  } catch (err) {
    csv.end()
    await finished.catch(() => undefined)
    throw err
  }
  csv.end()
  await finished
  opts.onProgress?.(done)
  return done
}
