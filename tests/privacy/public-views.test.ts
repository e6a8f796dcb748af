// Reporter identity and rahasia content never leave the server in a briefing or a wall answer, whoever asks: the
// answers of briefing.deck and wall.snapshot over real HTTP, for every role, are scanned for every reporter's
// name, NIK, phone and e-mail in the store and for the rahasia titles. (The rendered slides, wall panels and PDF
// are scanned in tests/e2e/public-views-privacy.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppRouter } from '#main/app/api/router.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { startServer } from '#main/app/server/serve.ts'
import { complaintDetail } from '#main/complaints/queries.ts'
import { findLeaks, identities, PERIOD, seedIdentities, type Identity } from './identities.ts'

let ws: Workspace
let dir: string
let ids: number[]
let people: Identity[]

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanggap-privacy-'))
  ws = openWorkspace(join(dir, 'store.db'))
  ;({ ids } = seedIdentities(ws.db))
  people = identities(ws.db)
})
afterAll(() => {
  ws?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('public views (briefing, wall) over the API', () => {
  it('the scan itself finds identities and secrets where they are', () => {
    expect(people.length).toBeGreaterThan(1500)
    expect(findLeaks('hubungi 0812-3456-7890 atau Siti Rahmawati', people)).toEqual(['nama Siti Rahmawati', 'HP 081234567890'])
    expect(findLeaks('NIK 6408 0112 0490 0002; +62 813 1122 3344; RAHASIA-UNIK-77', people)).toEqual(
      expect.arrayContaining(['NIK 6408011204900002', 'HP 081311223344', 'rahasia RAHASIA-UNIK-77']),
    )
    // On a view made for verifiers (the complaint detail for an admin) it finds the reporter.
    const detail = JSON.stringify(complaintDetail(ws.db, ids[0], 'admin'))
    expect(findLeaks(detail, people)).toEqual(expect.arrayContaining(['nama Siti Rahmawati', 'NIK 6408011204900001', 'HP 081234567890']))
  })

  it.each(['admin', 'supervisor', 'operator', 'viewer'] as const)('answers %s with no reporter identity and no rahasia content', async (role) => {
    const username = { admin: 'admin', supervisor: 'sup', operator: 'op', viewer: 'dinding' }[role]
    const server = await startServer({ workspace: ws, port: 0, username })
    try {
      const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] })
      const deck = await client.briefing.deck.query({ kabupaten: '64.08', period: PERIOD })
      const wall = await client.wall.snapshot.query({ kabupaten: '64.08', period: PERIOD, since: Date.now(), sinceId: ids[0] - 1 })
      // The seeded cases really are in the answers: as notable cases, overdue, in the feed and in the alarm list.
      expect(deck.notable.map((c) => c.tracking_id)).toEqual(['PRIV-1', 'PRIV-3'])
      expect(wall.feed.slice(0, 5).map((c) => c.tracking_id).sort()).toEqual(['PRIV-1', 'PRIV-2', 'PRIV-3', 'PRIV-4', 'PRIV-5'])
      expect(wall.newlyOverdue.map((c) => c.tracking_id)).toEqual(expect.arrayContaining(['PRIV-1', 'PRIV-4', 'PRIV-5']))
      const rahasia = wall.feed.filter((c) => c.tracking_id === 'PRIV-4' || c.tracking_id === 'PRIV-5')
      expect(rahasia.map((c) => c.judul)).toEqual([null, null])
      // What is left of a masked title is still useful.
      expect(deck.notable[0].judul).toBe('Jalan rusak depan rumah [nama disembunyikan], hubungi [nomor disembunyikan]')
      expect(deck.notable[0].note).toBe('Pelapor [nama disembunyikan] ([nomor disembunyikan]) minta dihubungi langsung')
      expect(wall.feed.find((c) => c.tracking_id === 'PRIV-3')?.judul).toBe('Lampu jalan padam, kabari saya di [surel disembunyikan] atau [nomor disembunyikan]')

      for (const [name, answer] of [['briefing.deck', deck], ['wall.snapshot', wall]] as const) {
        expect({ role, name, leaks: findLeaks(JSON.stringify(answer), people) }).toEqual({ role, name, leaks: [] })
      }
    } finally {
      await server.close()
    }
  })
})
