// What every export is before it becomes a file: a document of sheets, each a list of typed columns and a
// (possibly lazy, million-row) sequence of rows. The xlsx and CSV writers only know this shape, so a queue, a
// KPI table and the monthly recap all get the same formats, widths and number handling.
import type { Writable } from 'node:stream'
import { rest } from '../background/pace.ts'

/**
 * How a column's values are stored and shown. Percentages are carried as 0..100 (as the KPI code computes them)
 * and written as Excel fractions under a 0.0% format; instants are ms UTC, shown in the kabupaten's zone.
 */
export type ColumnKind = 'text' | 'int' | 'decimal' | 'percent' | 'datetime' | 'date'

export type Cell = string | number | null

export type Column = {
  key: string
  header: string
  kind: ColumnKind
  /** Excel column width in characters. */
  width: number
  /** Header of this column when several sheets are written as one CSV (their headers may differ per sheet). */
  csvHeader?: string
  /** Free text typed by citizens: a CSV must not let it start a formula (see csv.ts). */
  isFreeText?: boolean
}

export type Sheet = {
  /** Sheet tab name (Excel allows 31 characters, no []:*?/\). */
  name: string
  columns: Column[]
  /** Rows in column order. A generator may hold an SQLite iterator open; writers always close it. */
  rows: Iterable<Cell[]>
  /** How many rows `rows` will yield, when known beforehand (progress). */
  count?: number
  /** Indices of rows to set in bold (a total row). */
  boldRows?: Set<number>
}

export type ExportDoc = {
  /** Shown in the Keterangan sheet and used for the file's title property. */
  title: string
  /** The kabupaten's offset from UTC, for dates and times (Indonesia has no DST). */
  utcOffsetMinutes: number
  /** WIB, WITA or WIT: named in the headers of time columns. */
  zone: string
  sheets: Sheet[]
  /** Label/value lines of the Keterangan sheet (what, when, who, which privacy rules applied). */
  info: [string, string][]
  /** The audit log's head when the export was made (audit/head.ts): the Keterangan sheet and a CSV's last line. */
  auditHead?: string
}

export type WriteProgress = (rowsWritten: number) => void

export type WriteOptions = {
  signal?: AbortSignal
  onProgress?: WriteProgress
  /**
   * The app's thread, which also answers requests: after each slice the export rests in the thread's shared turn
   * (background/pace.ts), as long as the slice took, and no other background slice runs meanwhile. The CLI, whose
   * thread answers no one, only lets waiting callbacks run.
   */
  sharesThread?: boolean
}

/**
 * How long the writers work before they let the event loop run: short enough that a screen's request in the
 * meantime is answered without a noticeable wait, long enough that the pauses cost nothing. Rows differ
 * a hundredfold in cost (an xlsx row with a long text against a CSV row), so this is counted in time, not rows.
 */
export const SLICE_MS = 20

/**
 * The writers' rhythm: `isDue(rows)` (cheap, every row) says when a slice of work is over; `pause(rows)` then
 * reports progress, stops a cancelled export, waits for the output to drain and lets the loop run; in the app, it
 * rests in the thread's shared turn (20 ms slices with only a turn of the event loop between them met a sync's and
 * the duplicates' slices in busy runs of 325 ms on 1,000,000 complaints; docs/reliability.md).
 */
export function createPacer(opts: WriteOptions, drain?: () => Promise<void>) {
  let sliceStart = performance.now()
  return {
    isDue: (rows: number) => (rows & 31) === 0 && performance.now() - sliceStart >= SLICE_MS,
    async pause(rows: number): Promise<void> {
      opts.onProgress?.(rows)
      throwIfCancelled(opts.signal)
      await drain?.()
      await rest(performance.now() - sliceStart, opts.sharesThread === true)
      sliceStart = performance.now()
    },
  }
}

/** Rejects with the stream's error when it fails (at once if it has), and is observed from the start: a failure
 *  with no one waiting yet must not escape as an unhandled rejection. Never settles for a stream that succeeds. */
export function failureOf(out: Writable): Promise<never> {
  const failed = out.errored
    ? Promise.reject(out.errored)
    : new Promise<never>((_, reject) => out.once('error', reject))
  failed.catch(() => undefined)
  return failed
}

export class ExportCancelled extends Error {
  constructor() {
    super('Ekspor dibatalkan')
    this.name = 'ExportCancelled'
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelled()
}

export function totalRows(doc: ExportDoc): number | undefined {
  let n = 0
  for (const s of doc.sheets) {
    if (s.count === undefined) return undefined
    n += s.count
  }
  return n
}

const ZONES: Record<number, string> = { 420: 'WIB', 480: 'WITA', 540: 'WIT' }

export function zoneName(utcOffsetMinutes: number): string {
  if (ZONES[utcOffsetMinutes]) return ZONES[utcOffsetMinutes]
  const h = utcOffsetMinutes / 60
  return `UTC${h >= 0 ? '+' : ''}${h}`
}

/** "2026-11-23 14:05" in the kabupaten's zone: what a CSV carries (Excel reads it as a date in every locale). */
export function localDateTime(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ')
}

export function localDate(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10)
}
