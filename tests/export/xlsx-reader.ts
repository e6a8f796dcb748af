// An .xlsx reader for tests that shares nothing with the writer (exceljs): it reads the zip's central directory,
// inflates the parts with node:zlib and picks the cells, styles, frozen panes and filters out of the XML with
// plain string matching. What it sees is what Excel would see in the file's parts, not what exceljs thinks.
import { readFileSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'

/** Every part of the zip by name, as text. */
export function unzip(file: string): Map<string, string> {
  const buf = readFileSync(file)
  // End of central directory: signature 0x06054b50 within the last 64 KiB.
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip (no end of central directory)`)
  const entries = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  const parts = new Map<string, string>()
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`)
    const method = buf.readUInt16LE(p + 10)
    const compressed = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(dataStart, dataStart + compressed)
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'))
    p += 46 + nameLen + extraLen + commentLen
  }
  return parts
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
  )
}

export type XCell = { ref: string; col: number; row: number; type: string | null; style: number; value: string | number | null; numFmt: string }

export type XSheet = {
  name: string
  cells: XCell[]
  /** Rows of values by column index (0-based); missing cells are null. */
  rows: (string | number | null)[][]
  frozenRows: number
  autoFilter: string | null
  widths: Map<number, number>
}

/** Excel's built-in number formats that writers refer to by id. */
const BUILTIN_FORMATS: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 14: 'mm-dd-yy', 22: 'm/d/yy h:mm', 49: '@' }

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? decodeXml(m[1]) : null
}

function colIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0]
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
}

function numFormats(styles: string): string[] {
  const custom = new Map<number, string>()
  for (const m of styles.matchAll(/<numFmt\s[^>]*>/g)) custom.set(Number(attr(m[0], 'numFmtId')), attr(m[0], 'formatCode')!)
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? ''
  return [...xfs.matchAll(/<xf\s[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0)
    return custom.get(id) ?? BUILTIN_FORMATS[id] ?? `#${id}`
  })
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return []
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1])).join(''))
}

export type XBook = { sheets: XSheet[]; parts: Map<string, string>; sheet(name: string): XSheet }

export function readXlsx(file: string): XBook {
  const parts = unzip(file)
  const workbook = parts.get('xl/workbook.xml')
  if (!workbook) throw new Error(`${file}: no xl/workbook.xml`)
  const rels = new Map([...(parts.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\s[^>]*>/g)].map((m) => [attr(m[0], 'Id')!, attr(m[0], 'Target')!]))
  const formats = numFormats(parts.get('xl/styles.xml') ?? '')
  const strings = sharedStrings(parts.get('xl/sharedStrings.xml'))
  const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map((m): XSheet => {
    const target = rels.get(attr(m[0], 'r:id')!)!.replace(/^\/?(xl\/)?/, '')
    const xml = parts.get(`xl/${target}`)!
    const cells: XCell[] = []
    for (const c of xml.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = ` ${c[1]}`
      const ref = attr(tag, 'r')!
      const type = attr(tag, 't')
      const style = Number(attr(tag, 's') ?? 0)
      const body = c[2] ?? ''
      let value: string | number | null = null
      if (type === 'inlineStr') value = [...body.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1])).join('')
      else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1]
        if (v !== undefined) value = type === 's' ? strings[Number(v)] : type === 'str' || type === 'e' ? decodeXml(v) : type === 'b' ? v : Number(v)
      }
      cells.push({ ref, col: colIndex(ref), row: Number(/\d+$/.exec(ref)![0]), type, style, value, numFmt: formats[style] ?? 'General' })
    }
    const rows: (string | number | null)[][] = []
    for (const cell of cells) {
      const r = (rows[cell.row - 1] ??= [])
      r[cell.col] = cell.value
    }
    for (let i = 0; i < rows.length; i++) rows[i] = Array.from(rows[i] ?? [], (v) => v ?? null)
    const pane = /<pane\s[^>]*>/.exec(xml)?.[0]
    const widths = new Map<number, number>()
    for (const col of xml.matchAll(/<col\s[^>]*>/g)) {
      for (let i = Number(attr(col[0], 'min')); i <= Number(attr(col[0], 'max')); i++) widths.set(i - 1, Number(attr(col[0], 'width')))
    }
    return {
      name: attr(m[0], 'name')!,
      cells,
      rows,
      frozenRows: pane && attr(pane, 'state') === 'frozen' ? Number(attr(pane, 'ySplit') ?? 0) : 0,
      autoFilter: attr(/<autoFilter\s[^>]*>/.exec(xml)?.[0] ?? '', 'ref'),
      widths,
    }
  })
  return {
    sheets,
    parts,
    sheet(name) {
      const s = sheets.find((x) => x.name === name)
      if (!s) throw new Error(`no sheet "${name}" (sheets: ${sheets.map((x) => x.name).join(', ')})`)
      return s
    },
  }
}

/** The cell in column `header` (by the header row's text) of data row `index` (0 = first row after the header). */
export function cellAt(sheet: XSheet, header: string, index: number): XCell | undefined {
  const col = sheet.rows[0].findIndex((h) => h === header)
  if (col < 0) throw new Error(`no column "${header}" in ${sheet.name} (columns: ${sheet.rows[0].join(' | ')})`)
  return sheet.cells.find((c) => c.row === index + 2 && c.col === col)
}

/** Every text of every part, decoded: what a privacy scan must search. */
export function allText(book: XBook): string {
  return [...book.parts.values()].map(decodeXml).join('\n')
}
