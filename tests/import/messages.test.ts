// What an admin reads when a file cannot be imported: Indonesian sentences naming the problem and the row, never
// the CSV library's English or the bytes of a binary file. Real readers on real bytes.
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { readRows, type FileKind } from '#main/import/readers.ts'
import { resolveLayout } from '#main/import/layout.ts'
import { looksBinary } from '#main/import/messages.ts'

async function outcome(bytes: Buffer, kind: FileKind): Promise<string> {
  const rows = []
  try {
    for await (const r of readRows({ bytes }, kind)) rows.push(r)
    resolveLayout(rows, {})
    return 'read'
  } catch (err) {
    return (err as Error).message
  }
}

describe('import error messages', () => {
  it('names the row of a quote left open, in Indonesian', async () => {
    const csv = 'ID,Tanggal,Judul\nA1,2026-01-02,baik\nA2,2026-01-03,"tidak ditutup\nA3,2026-01-04,lain\n'
    const message = await outcome(Buffer.from(csv), 'csv')
    // The reading worker names the file first ("unggahan" for an upload without a name).
    expect(message).toMatch(/^unggahan: berkas CSV rusak di baris 3: tanda kutip \(\"\) dibuka tetapi tidak ditutup/)
    expect(message).not.toMatch(/Quote|Not Closed|parsing/i)
  })

  it('refuses a binary file as "bukan CSV atau xlsx" without showing its bytes', async () => {
    // Bytes that decode as Windows-1252 text (no NUL, no bytes 1252 leaves undefined): the case that used to be
    // listed as columns of garbage.
    const bytes = Buffer.from(Array.from(randomBytes(4000), (b) => (b < 0x20 || [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b) ? 0x80 : b)))
    // As CSV: not text at all. As xlsx: refused before parsing, as not a zip (import/read-limits).
    expect(await outcome(bytes, 'csv')).toMatch(/^(unggahan: )?berkas ini bukan CSV atau xlsx yang dapat dibaca$/)
    // The same bytes after a quote that opens a cell the parser then finds broken: named as binary all the same.
    expect(await outcome(Buffer.concat([Buffer.from('"'), bytes.map((b) => (b === 0x22 ? 0x80 : b))]), 'csv')).toMatch(
      /^(unggahan: )?berkas ini bukan CSV atau xlsx yang dapat dibaca$/,
    )
    const asXlsx = await outcome(bytes, 'xlsx')
    expect(asXlsx).toMatch(/^unggahan: bukan berkas \.xlsx \(isinya bukan arsip zip/)
    expect(asXlsx).toMatch(/^[\x20-\x7e]*$/) // none of the file's bytes in the message
  })

  it('tells binary text from Indonesian text', () => {
    expect(looksBinary('Jalan rusak di Sangatta Utara, mohon diperbaiki')).toBe(false)
    expect(looksBinary('PK\u0003\u0004\u0014\u0000\u0006\u0000\u0008\u0000\u0000\u0000!\u0000[Content_Types].xml')).toBe(true)
    expect(looksBinary('Ð‡ÔýXÎš$®ë$ÖÓ¯€÷Ží€“€`€…v­€Hâ¾€<ýÑ€bõ‰œTë')).toBe(true)
    expect(looksBinary('Pengaduan warga Désa Sümber, Kecamatan Sangatta Selatan')).toBe(false)
  })
})
