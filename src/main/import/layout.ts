// Where a file's headers are and which column holds which field, from a preset, a user mapping or by detection.
// Only the first rows are looked at (recaps put a title and a blank line above the header row).
import { FileReadError } from './readers.ts'
import { looksBinary, notReadableMessage } from './messages.ts'
import { REQUIRED_FIELDS, type Field, type ImportMapping } from './fields.ts'
import { PRESETS, detectPreset, findPreset, headerKey, presetColumns, presetMapping } from './presets.ts'
import type { Cell, SheetRow } from './readers.ts'
import { cellText } from './values/text.ts'

export const HEADER_SCAN_ROWS = 30

export type Layout = {
  /** Preset name, saved mapping name, or 'custom'. */
  name: string
  headerRow: number
  headers: string[]
  columns: Partial<Record<Field, number>>
  mapping: ImportMapping
}

export class LayoutError extends Error {
  constructor(
    message: string,
    /** A mapping proposed from the headers we did find, for the user to correct and save. */
    readonly suggestion: ImportMapping | null,
  ) {
    super(message)
    this.name = 'LayoutError'
  }
}

export function headerTexts(cells: Cell[]): string[] {
  return cells.map((c) => cellText(c))
}

function columnsOf(mapping: ImportMapping, headers: string[]): { columns: Partial<Record<Field, number>>; missing: [Field, string][] } {
  const keys = headers.map(headerKey)
  const columns: Partial<Record<Field, number>> = {}
  const missing: [Field, string][] = []
  for (const [field, header] of Object.entries(mapping.columns) as [Field, string][]) {
    const i = keys.indexOf(headerKey(header))
    if (i >= 0) columns[field] = i
    else missing.push([field, header])
  }
  return { columns, missing }
}

/** For an unknown layout: each header matched against every preset's spellings. */
export function suggestMapping(headers: string[], headerRow: number): ImportMapping {
  const columns: ImportMapping['columns'] = {}
  for (const preset of PRESETS) {
    for (const [field, i] of Object.entries(presetColumns(preset, headers)) as [Field, number][]) {
      if (!columns[field] && !Object.values(columns).includes(headers[i])) columns[field] = headers[i]
    }
  }
  return { headerRow, columns, defaults: {}, statuses: {} }
}

function requireFields(mapping: ImportMapping, columns: Partial<Record<Field, number>>, name: string): void {
  const lacking = REQUIRED_FIELDS.filter((f) => columns[f] === undefined && !(f === 'status' && mapping.defaults.status))
  if (lacking.length) throw new LayoutError(`${name}: kolom wajib tidak dipetakan: ${lacking.join(', ')}`, null)
}

/** The layout of a file from its first rows. `choice`: a preset name, a mapping, or nothing (detect). */
export function resolveLayout(first: SheetRow[], choice: { preset?: string; mapping?: ImportMapping; mappingName?: string }): Layout {
  const rows = first.slice(0, HEADER_SCAN_ROWS).map((r) => ({ row: r.row, cells: headerTexts(r.cells) }))
  const firstNonEmpty = rows.find((r) => r.cells.some((c) => c !== ''))
  if (!firstNonEmpty) throw new LayoutError('berkas kosong: tidak ada baris berisi', null)
  // A binary file read as text: refused as a file, so its bytes are never listed as "columns" or first rows.
  if (looksBinary(rows.flatMap((r) => r.cells).join(' '))) throw new FileReadError(notReadableMessage())

  if (choice.mapping) {
    const mapping = choice.mapping
    const name = choice.mappingName ?? 'custom'
    const candidates = mapping.headerRow ? rows.filter((r) => r.row === mapping.headerRow) : rows
    let best: { row: number; cells: string[]; found: number } | null = null
    for (const r of candidates) {
      const found = Object.keys(columnsOf(mapping, r.cells).columns).length
      if (!best || found > best.found) best = { ...r, found }
    }
    if (!best || best.found === 0) {
      throw new LayoutError(`pemetaan ${name}: baris judul kolom tidak ditemukan${mapping.headerRow ? ` di baris ${mapping.headerRow}` : ` di ${HEADER_SCAN_ROWS} baris pertama`}`, null)
    }
    const { columns, missing } = columnsOf(mapping, best.cells)
    if (missing.length) {
      throw new LayoutError(
        `pemetaan ${name}: kolom tidak ada di baris ${best.row}: ${missing.map(([f, h]) => `"${h}" (${f})`).join(', ')}. Kolom yang ada: ${best.cells.filter(Boolean).join(', ')}`,
        suggestMapping(best.cells, best.row),
      )
    }
    requireFields(mapping, columns, `pemetaan ${name}`)
    return { name, headerRow: best.row, headers: best.cells, columns, mapping }
  }

  if (choice.preset) {
    const preset = findPreset(choice.preset)
    if (!preset) throw new LayoutError(`preset "${choice.preset}" tidak dikenal; yang ada: ${PRESETS.map((p) => p.name).join(', ')}`, null)
    let best: { row: number; cells: string[]; found: number } | null = null
    for (const r of rows) {
      const found = Object.keys(presetColumns(preset, r.cells)).length
      if (!best || found > best.found) best = { ...r, found }
    }
    const mapping = presetMapping(preset, best!.cells, best!.row)
    const cols = columnsOf(mapping, best!.cells).columns
    try {
      requireFields(mapping, cols, `preset ${preset.name}`)
    } catch (err) {
      throw new LayoutError(`${(err as Error).message}. Kolom di baris ${best!.row}: ${best!.cells.filter(Boolean).join(', ')}`, suggestMapping(best!.cells, best!.row))
    }
    return { name: preset.name, headerRow: best!.row, headers: best!.cells, columns: cols, mapping }
  }

  const detected = detectPreset(rows)
  if (!detected) {
    // The row with the most non-empty cells is the likeliest header row to propose a mapping from.
    const likely = rows.reduce((a, b) => (b.cells.filter(Boolean).length > a.cells.filter(Boolean).length ? b : a))
    throw new LayoutError(
      `tata letak berkas tidak dikenali (preset: ${PRESETS.map((p) => p.name).join(', ')}). Kolom di baris ${likely.row}: ${likely.cells.filter(Boolean).join(', ')}. Pilih preset atau buat pemetaan kolom.`,
      suggestMapping(likely.cells, likely.row),
    )
  }
  const mapping = presetMapping(detected.preset, rows.find((r) => r.row === detected.headerRow)!.cells, detected.headerRow)
  const headers = rows.find((r) => r.row === detected.headerRow)!.cells
  return { name: detected.preset.name, headerRow: detected.headerRow, headers, columns: columnsOf(mapping, headers).columns, mapping }
}

/** Headers that no field reads: shown in the dry run so a forgotten column is noticed. */
export function unmappedHeaders(layout: Layout): string[] {
  const used = new Set(Object.values(layout.columns))
  return layout.headers.filter((h, i) => h !== '' && !used.has(i) && !/^no\.?$/i.test(h))
}

