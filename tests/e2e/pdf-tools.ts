// Reading a PDF back with poppler's tools (not with the browser that wrote it): page count and size (pdfinfo), the
// text of a page (pdftotext) and whether a page has anything on it (pdftoppm, rendered small and greyscale).
// .ci/run installs poppler-utils.
import { execFileSync } from 'node:child_process'

export function pdfInfo(file: string): { pages: number; size: string } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]), size: /^Page size:\s+(.+?)\s*$/m.exec(out)?.[1] ?? '' }
}

export function pageText(file: string, page: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' })
}

/** Share of a page's pixels that differ clearly from its background (the median grey): 0 for a blank page. */
export function inkShare(file: string, page: number): number {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '24', '-f', String(page), '-l', String(page), file], { maxBuffer: 64 << 20 })
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'))
  if (!header) throw new Error('pdftoppm did not write a PGM image')
  const pixels = pgm.subarray(header[0].length)
  const sorted = Uint8Array.from(pixels).sort()
  const median = sorted[sorted.length >> 1]
  let ink = 0
  for (const p of pixels) if (Math.abs(p - median) > 60) ink++
  return ink / pixels.length
}
