// Packaging: electron-builder's configuration as electron-builder itself reads and validates it, and the
// Electron build of SQLite found where the build script puts it and the packages ship it.
import { createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sqliteAddonPath } from '#main/app/shell/native-sqlite.ts'
import { resourcePath } from '#main/resources.ts'
// @ts-expect-error -- plain JavaScript script without type declarations
import { addonFile, electronAbi } from '../../scripts/build-electron-sqlite.js'

const root = resolve(import.meta.dirname, '../..')
// electron-builder's own loader and schema (app-builder-lib comes with electron-builder), so a key it does not
// know, or a value of the wrong shape, fails here instead of on the packaging machine.
const require = createRequire(import.meta.url)
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
const { DebugLogger } = require('builder-util')
const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js')

/** Whether electron-builder would copy `file` (relative to the project) for this file set and architecture. */
function copyFilter(set: FileSet, arch: string): (file: string) => boolean {
  const expand = (pattern: string) => pattern.replaceAll('${arch}', arch)
  const accepts = new FileMatcher(join(root, set.from), set.to, expand, set.filter).createFilter()
  return (file) => accepts(join(root, file), { isDirectory: () => false })
}

type FileSet = { from: string; to: string; filter: string[] }
async function builderConfig() {
  const config = await getConfig(root, null, null)
  await validateConfiguration(config, new DebugLogger(false))
  return config
}

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder and builds the Windows and Linux targets', async () => {
    const config = await builderConfig()
    expect(config.appId).toBe('id.go.tanggap')
    expect(config.productName).toBe('tanggap')
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, deleteAppDataOnUninstall: false })
    expect(config.nsis.installerLanguages).toContain('id_ID')
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage', 'deb'])
    expect(config.linux.category).toBe('Office')
    expect(config.linux.maintainer).toMatch(/<.+@.+>/)
  })

  it('ships the built app, not the sources, and never rebuilds native modules', async () => {
    const config = await builderConfig()
    expect(config.npmRebuild).toBe(false)
    const patterns = config.files.flatMap((f: string | FileSet) => (typeof f === 'string' ? [f] : f.filter))
    expect(patterns).toEqual(expect.arrayContaining(['out/**', 'package.json', '!{src,tests,docs,scripts,resources,bin}/**']))
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true })
  })

  it('copies the data files and, per platform, only that platform’s Electron build of SQLite', async () => {
    const config = await builderConfig()
    const [data] = config.extraResources as FileSet[]
    const dataFilter = copyFilter(data, 'x64')
    expect(dataFilter('resources/migrations/0001_init.sql')).toBe(true)
    expect(dataFilter('resources/geo/64.08.geojson')).toBe(true)
    expect(dataFilter('resources/native/electron-150-linux-x64/better_sqlite3.node')).toBe(false)

    const nativeFilter = (key: 'win' | 'linux') => copyFilter((config[key].extraResources as FileSet[])[0], 'x64')
    const built = (platform: string) => relative(root, addonFile('150', platform, 'x64')).replaceAll('\\', '/')
    expect(nativeFilter('win')(built('win32'))).toBe(true)
    expect(nativeFilter('win')(built('linux'))).toBe(false)
    expect(nativeFilter('linux')(built('linux'))).toBe(true)
    expect(nativeFilter('linux')(built('win32'))).toBe(false)
  })
})

describe('Electron build of SQLite', () => {
  it('is looked up where the build script writes it', async () => {
    const abi = await electronAbi()
    expect(abi).toBe('150') // Electron 45
    const inElectron = sqliteAddonPath({ electron: '45.4.1', modules: abi }, 'linux', 'x64')
    expect(inElectron).toBe(addonFile(abi, 'linux', 'x64'))
    expect(inElectron).toBe(resourcePath('native', 'electron-150-linux-x64', 'better_sqlite3.node'))
    expect(inElectron?.startsWith(join(root, 'resources'))).toBe(true)
  })

  it('is not used outside Electron, where npm’s Node build is the right one', () => {
    expect(sqliteAddonPath({ node: '20.20.2', modules: '115' })).toBeUndefined()
  })
})
