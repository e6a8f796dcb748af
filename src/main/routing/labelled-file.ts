// Reading a labelled file for evaluation: one JSON object per line, {"text": "...", "label": "..."}. A bad line is
// reported with its number and why, and skipped; the rest is used.
import { readFileSync } from 'node:fs'
import type { Labelled } from './evaluate.ts'

export type Skipped = { line: number; error: string }

export function readLabelled(file: string): { data: Labelled[]; skipped: Skipped[] } {
  let raw: string
  try {
    raw = readFileSync(file, 'utf8')
  } catch (err) {
    throw new Error(`berkas ${file} tidak dapat dibaca: ${err instanceof Error ? err.message : String(err)}`)
  }
  const data: Labelled[] = []
  const skipped: Skipped[] = []
  raw.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return
    const why = problem(line)
    if (typeof why === 'string') skipped.push({ line: i + 1, error: why })
    else data.push(why)
  })
  return { data, skipped }
}

function problem(line: string): Labelled | string {
  let v: unknown
  try {
    v = JSON.parse(line)
  } catch (err) {
    return `bukan JSON yang sah (${err instanceof Error ? err.message : String(err)})`
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'harus objek JSON {"text": ..., "label": ...}'
  const { text, label } = v as Record<string, unknown>
  if (typeof text !== 'string' || text.trim() === '') return '"text" harus teks yang tidak kosong'
  if (typeof label !== 'string' || label.trim() === '') return '"label" harus teks yang tidak kosong'
  return { text, label: label.trim() }
}
