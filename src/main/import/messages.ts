// The import's error texts for what the file libraries say in their own (English) words: csv-parse's parse errors
// ("Quote Not Closed: the parsing is finished with an opening quote at line 12") and exceljs/JSZip's refusals of
// a file that is no workbook ("End of data reached", "Can't find end of central directory"). The admin gets an
// Indonesian sentence naming what is wrong and where, never the library's text or bytes of the file.

/** csv-parse error codes, in the words of someone fixing the sheet. */
const CSV_CODES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'tanda kutip (") dibuka tetapi tidak ditutup',
  CSV_INVALID_CLOSING_QUOTE: 'ada huruf sesudah tanda kutip (") penutup sel',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'ada huruf sesudah tanda kutip (") penutup sel',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'jumlah kolom baris ini berbeda dari baris judul',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'jumlah kolom baris ini berbeda dari baris judul',
  CSV_MAX_RECORD_SIZE: 'satu baris terlalu panjang (mungkin tanda kutip yang tidak ditutup)',
}

/** A CSV the parser gave up on after `row` good rows, as the admin should read it. */
export function csvParseMessage(err: unknown, row: number): string {
  const e = err as { code?: string; lines?: number }
  const what = (e?.code && CSV_CODES[e.code]) || 'isi berkas tidak dapat dibaca sebagai CSV'
  // csv-parse counts lines from 1; a quote left open is reported where the file ends, so the row after the last
  // good one is where to look.
  return `berkas CSV rusak di baris ${row + 1}: ${what}. Periksa baris itu di Excel, lalu simpan ulang sebagai "CSV UTF-8"`
}

/** A file that is no readable workbook (not a zip, a damaged zip, a renamed binary). */
export function notReadableMessage(): string {
  return 'berkas ini bukan CSV atau xlsx yang dapat dibaca'
}

/**
 * Whether text read from a file looks like a binary decoded as text: control characters or U+FFFD in more than a
 * few places, or mostly characters outside plain ASCII (a binary read as Windows-1252 turns every high byte into
 * "€", "Ã", "þ"…; Indonesian text, names and addresses are nearly all ASCII). Such "cells" are never shown: they
 * are bytes, not words.
 */
export function looksBinary(text: string): boolean {
  let odd = 0
  let high = 0
  let n = 0
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    n++
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c < 0xa0)) odd++
    else if (c > 0x7e) high++
  }
  if (n < 16) return false
  return (odd >= 3 && odd / n > 0.02) || high / n > 0.3
}
