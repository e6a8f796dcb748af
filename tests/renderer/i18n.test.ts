// Both languages must say everything the screens show: same keys, and a label for every domain value.
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { resources } from '../../src/renderer/i18n/resources.ts'
import { CHANNELS, ROLES, STATUSES } from '#shared/domain.ts'
import { PRESETS } from '#renderer/filters/period.ts'

type Tree = { [key: string]: string | Tree }
const { id, en } = resources

function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`)))
}

const keys = (tree: Tree) => entries(tree).map(([k]) => k)

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : []
  })
}

describe('renderer translations', () => {
  it('has the same keys in Bahasa Indonesia and English, none empty', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(id as Tree).sort())
    for (const tree of [id, en]) expect(entries(tree as Tree).filter(([, text]) => text.trim() === '')).toEqual([])
  })

  it('labels every status, channel, role and period preset', () => {
    const all = new Set(keys(id as Tree))
    for (const s of STATUSES) expect(all).toContain(`status.${s}`)
    for (const c of CHANNELS) expect(all).toContain(`channel.${c}`)
    for (const r of ROLES) expect(all).toContain(`roles.${r}`)
    for (const p of PRESETS) expect(all).toContain(`filters.presets.${p}`)
  })

  it('knows every literal key the components ask for', () => {
    const all = new Set(keys(id as Tree))
    const used = sources('src/renderer/src').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1]))
    expect(used.length).toBeGreaterThan(20)
    // A key asked for with { count } is found by i18next under its plural forms (key_one, key_other).
    expect(used.filter((k) => !all.has(k) && !all.has(`${k}_other`))).toEqual([])
  })
})
