// Garbage fed to the parsers that take outside input: holiday files an admin imports, command-line options, tile
// URLs, key files, texts to mask. Each gives a clear error (what and where) or a valid result, never a crash,
// and a refused import changes nothing stored.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CommanderError, type Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { importHolidays, importHolidaysFile, seedOfficialHolidays } from '#main/calendar/holiday-import.ts'
import { readJson } from '#main/resources.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { buildCli } from '#main/app/cli/main.ts'
import { tileSource, uiSettingsSchema } from '#main/settings/ui.ts'
import { readKeyFile, StoreKeyError } from '#main/store/cipher.ts'
import { maskText } from '#main/privacy/policy.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { tanggap } from '../cli.ts'
import { snapshot } from './db-snapshot.ts'
import { garbage } from './garbage.ts'

const ROUNDS = Number(process.env.TANGGAP_FUZZ_ROUNDS ?? 40) * 5

describe('holiday import', () => {
  it('refuses broken files with errors that say where, and imports nothing from them', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    seedOfficialHolidays(db)
    const valid = readJson<Record<string, unknown>>('calendar', 'holidays-id-2024-2026.json')
    const g = garbage(1945)
    let refused = 0
    for (let round = 0; round < ROUNDS; round++) {
      // Break the real file one step deep, or two, or replace it outright.
      const input = round % 3 === 0 ? g.value() : round % 3 === 1 ? g.mutate(valid) : g.mutate(g.mutate(valid))
      const what = `seed 1945 round ${round}: ${JSON.stringify(input)?.slice(0, 200)}`
      const before = snapshot(db)
      const result = importHolidays(db, input, { dryRun: round % 2 === 0 })
      if (!result.ok) {
        refused++
        expect(result.errors.length, what).toBeGreaterThan(0)
        for (const e of result.errors) {
          expect(typeof e.message === 'string' && e.message.length > 0, what).toBe(true)
          expect(typeof e.where, what).toBe('string')
        }
        expect(snapshot(db), what).toBe(before)
      }
    }
    expect(refused).toBeGreaterThan(ROUNDS / 2)
  })

  it('reports unreadable and non-JSON files as errors, not exceptions', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const before = snapshot(db)
    const g = garbage(17)
    for (let round = 0; round < 30; round++) {
      const file = join(tempDir(), 'libur.json')
      writeFileSync(file, round % 2 ? g.bytes(g.int(0, 3000)) : g.string())
      const r = importHolidaysFile(db, file)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors[0].message).toMatch(/bukan JSON yang sah|harus berupa objek|bukan tahun|wajib|tanggal/)
    }
    expect(importHolidaysFile(db, '/tidak/ada.json')).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/tidak bisa dibaca/) }] })
    expect(snapshot(db)).toBe(before)
  })
})

/** The CLI with every action replaced by a no-op: only option parsing and validation run. */
function parseOnly(): Command {
  const program = buildCli()
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)]
  for (const c of all(program)) {
    c.exitOverride()
    c.configureOutput({ writeOut: () => {}, writeErr: () => {} })
    if (c.commands.length === 0 && c !== program) c.action(() => {})
  }
  // The global --key-file reads its file in a hook; here it reads garbage paths and must fail clearly too.
  return program
}

describe('command-line options', () => {
  it('refuse garbage with a commander or tanggap message, never a crash', async () => {
    const g = garbage(8)
    const program = buildCli()
    const commands = program.commands.flatMap((c) => (c.commands.length ? c.commands.map((s) => [c.name(), s.name()]) : [[c.name()]]))
    const options = [...new Set(program.commands.flatMap((c) => [c, ...c.commands]).flatMap((c) => c.options.map((o) => o.long!)))]
    for (let round = 0; round < ROUNDS; round++) {
      const argv = [...g.pick(commands)]
      for (let i = g.int(0, 5); i > 0; i--) {
        argv.push(g.int(0, 4) === 0 ? g.string() : g.pick([...options, '--key-file', '--tidak-ada']))
        if (g.int(0, 2) > 0) argv.push(g.pick([g.string(), String(g.int(-5, 100_000_000)), '64.08', '2026-02-30', '', '-1', 'NaN']))
      }
      const what = `seed 8 round ${round}: tanggap ${argv.join(' ')}`
      try {
        await parseOnly().parseAsync(['node', 'tanggap', ...argv])
      } catch (e) {
        // A commander usage error, or one of tanggap's own clear errors (a key file that is not there).
        const isClear = e instanceof CommanderError || e instanceof StoreKeyError
        expect(isClear, `${what}: ${String(e)}`).toBe(true)
        expect((e as Error).message.length, what).toBeGreaterThan(0)
      }
    }
  })

  it('the real command prints one clear line and exits 1 on bad values', () => {
    const dir = tempDir()
    const notAStore = join(dir, 'catatan.db')
    writeFileSync(notAStore, 'bukan sqlite sama sekali')
    const emptyKey = join(dir, 'kosong.key')
    writeFileSync(emptyKey, '')
    const cases: [string[], RegExp][] = [
      [['info', '--db', notAStore], /bukan basis data SQLite/],
      [['info', '--db', join(dir, 'tidak-ada.db')], /berkas data .* tidak ada/],
      [['kpi', '--db', notAStore, '--from', '2026-02-30', '--to', '2026-01-01'], /periode tidak sah/],
      [['demo', '--db', join(dir, 'd.db'), '--count', '-5'], /harus bilangan bulat/],
      [['demo', '--db', join(dir, 'd.db'), '--count', '1', '--until', '2026-13-45'], /bukan tanggal YYYY-MM-DD/],
      [['user', 'add', '--db', notAStore, '--username', 'Budi Santoso', '--nama', 'x', '--role', 'viewer'], /nama pengguna tidak sah/],
      [['user', 'add', '--db', notAStore, '--username', 'budi', '--nama', 'Budi', '--role', 'raja'], /Allowed choices are penghubung, viewer, operator, supervisor, admin/],
      [['info', '--db', notAStore, '--key-file', emptyKey], /kunci berkas data terlalu pendek/],
      [['audit', 'verify', '--db', notAStore], /bukan basis data SQLite/],
    ]
    for (const [args, message] of cases) {
      const r = tanggap(args)
      const what = `tanggap ${args.join(' ')} -> ${r.status}: ${r.stderr}`
      expect(r.status, what).toBe(1)
      expect(r.stderr, what).toMatch(message)
      expect(r.stderr, what).not.toMatch(/\n\s+at /) // no stack trace
    }
  }, 120_000)
})

describe('small parsers', () => {
  it('tile URLs: a source that fits the policy grammar, or none', () => {
    const g = garbage(3)
    for (let round = 0; round < ROUNDS * 5; round++) {
      const url = g.int(0, 1) ? g.string() : `https://${g.string()}/{z}/{x}/{y}.png`
      const source = tileSource(url)
      if (source !== null) expect(source, url).toMatch(/^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/)
      expect(() => uiSettingsSchema.safeParse({ tileUrl: url, tileAttribution: g.value() })).not.toThrow()
    }
  })

  it('key files: a key or a clear StoreKeyError', () => {
    const g = garbage(4)
    for (let round = 0; round < 40; round++) {
      const file = join(tempDir(), 'kunci')
      writeFileSync(file, g.bytes(g.int(0, 2000)))
      try {
        expect(readKeyFile(file).length).toBeGreaterThanOrEqual(16)
      } catch (e) {
        expect(e).toBeInstanceOf(StoreKeyError)
      }
    }
  })

  it('masking: any text in, text out, personal numbers never left whole', () => {
    const g = garbage(5)
    for (let round = 0; round < ROUNDS * 5; round++) {
      const text = `${g.string()} 6408011204900001 ${g.string()} 0812-3456-7890 ${g.string()}`
      const masked = maskText(text, { nama: g.string(), nik: null, phone: null, email: null })
      expect(masked).not.toContain('6408011204900001')
      expect(masked).not.toContain('0812-3456-7890')
    }
  })
})
