// The layering of src/main, checked from the source text: data flows connectors → store → domain → API → screens,
// so a domain never reaches up into the transports, and no two folders lean on each other.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')
const MAIN = join(ROOT, 'src/main')
// These hold several independent parts each (transports, developer tools, reference tables): each part is a folder.
const GROUPS = new Set(['app', 'dev', 'reference'])

type Import = { from: string; spec: string; target: string | null }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : []
  })
}

// Static imports and re-exports (also `import type`), side-effect imports and dynamic import('...').
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?\sfrom\s+['"]([^'"]+)['"]|(?:^|[\s;])import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '')
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = m[1] ?? m[2] ?? m[3]
    let target: string | null = null
    if (spec.startsWith('.')) target = resolve(dirname(file), spec)
    else if (spec.startsWith('#main/')) target = join(MAIN, spec.slice('#main/'.length))
    return { from: file, spec, target }
  })
}

/** 'kpi', 'app/api', 'reference/regions'; a file straight under src/main is its own folder ('errors.ts'). */
function folderOf(file: string): string {
  const parts = relative(MAIN, file).split('/')
  if (parts.length === 1) return parts[0]
  return GROUPS.has(parts[0]) && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]
}

const inMain = (f: string) => !relative(MAIN, f).startsWith('..')
const rel = (f: string) => relative(ROOT, f)

const files = sourceFiles(MAIN)
const imports = files.flatMap(importsOf)

function folderEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>()
  for (const i of imports) {
    if (!i.target || !inMain(i.target)) continue
    const [a, b] = [folderOf(i.from), folderOf(i.target)]
    if (a === b) continue
    if (!edges.has(a)) edges.set(a, new Set())
    edges.get(a)!.add(b)
  }
  return edges
}

/** Folders that reach each other through imports (strongly connected components of more than one folder). */
function tangles(edges: Map<string, Set<string>>): string[][] {
  const reach = (from: string) => {
    const seen = new Set<string>([from])
    const todo = [from]
    while (todo.length) for (const n of edges.get(todo.pop()!) ?? []) if (!seen.has(n)) (seen.add(n), todo.push(n))
    return seen
  }
  const reaches = new Map([...edges.keys()].map((n) => [n, reach(n)]))
  const groups = new Map<string, string[]>()
  for (const [n, r] of reaches) {
    const group = [...r].filter((m) => reaches.get(m)?.has(n)).sort()
    if (group.length > 1) groups.set(group.join(), group)
  }
  return [...groups.values()]
}

/** The imports that tie a tangle together: what to look at when one appears. */
function culprits(group: string[]): string[] {
  return imports
    .filter((i) => i.target && inMain(i.target) && folderOf(i.from) !== folderOf(i.target) && group.includes(folderOf(i.from)) && group.includes(folderOf(i.target)))
    .map((i) => `${rel(i.from)} → ${i.spec}`)
}

describe('architecture of src/main', () => {
  it('reads a real source tree', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(imports.filter((i) => i.target === join(MAIN, 'app/api/trpc.ts')).length).toBeGreaterThan(10)
  })

  it('has no import cycle between folders', () => {
    expect(tangles(folderEdges()).map((g) => ({ folders: g, via: culprits(g) }))).toEqual([])
  })

  it('keeps domains, reference data and connectors free of the transports', () => {
    const upward = imports.filter((i) => i.target && inMain(i.target) && folderOf(i.target).startsWith('app/'))
    // Developer tools may start a server or open a workspace, as the CLI does; nothing else reaches into app/.
    const offending = upward.filter((i) => !folderOf(i.from).startsWith('app/') && !folderOf(i.from).startsWith('dev/'))
    expect(offending.map((i) => `${rel(i.from)} → ${i.spec}`)).toEqual([])
  })

  it('imports routers only from the root router', () => {
    const routers = imports.filter((i) => i.target?.includes('/app/api/routers/') && rel(i.from) !== 'src/main/app/api/router.ts')
    expect(routers.map((i) => `${rel(i.from)} → ${i.spec}`)).toEqual([])
  })

  it('imports electron only in the desktop shell', () => {
    const electron = imports.filter((i) => (i.spec === 'electron' || i.spec.startsWith('electron/')) && folderOf(i.from) !== 'app/shell')
    expect(electron.map((i) => rel(i.from))).toEqual([])
  })

  it('imports tRPC only in the API (its HTTP and WebSocket adapters also in the server)', () => {
    const trpc = imports.filter((i) => i.spec === '@trpc/server' || i.spec.startsWith('@trpc/server/'))
    const offending = trpc.filter((i) => {
      const f = folderOf(i.from)
      return !(f === 'app/api' || (f === 'app/server' && i.spec.startsWith('@trpc/server/adapters/')))
    })
    expect(offending.map((i) => `${rel(i.from)} → ${i.spec}`)).toEqual([])
  })
})
