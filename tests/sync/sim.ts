// Test helpers for sync: a simulator on 127.0.0.1 with a small fixed dataset, a store with a lapor-json source
// pointing at it, and snapshots that compare the store with the upstream exactly.
import { openStore, type Db } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { saveSource } from '#main/sync/sources.ts'
import { startSimulator, type RunningSimulator } from '#main/dev/simulator/server.ts'
import type { RetryPolicy } from '#main/sync/http.ts'
import { tempDir } from '../helpers.ts'
import { join } from 'node:path'

export const UNTIL = new Date('2026-11-20T12:00:00Z')
export const KAB = '64.08'
/** Quick retries so fault tests take milliseconds, not minutes. */
export const FAST: RetryPolicy = { retries: 4, baseMs: 5, maxMs: 50, timeoutMs: 1_000 }

export function simulator(count = 600, file?: string): Promise<RunningSimulator> {
  return startSimulator({ datasets: [{ kabupaten: KAB, count, seed: 7 }], until: UNTIL, ratePerMinute: 0, seed: 3, file })
}

export function storeFor(sim: RunningSimulator, opts: { pageSize?: number; writeback?: boolean; token?: string; name?: string } = {}): { db: Db; file: string } {
  const file = join(tempDir(), 'store.db')
  const db = openStore(file)
  seedKabupaten(db, KAB)
  db.prepare("INSERT INTO app_user (username, nama, role, created_at) VALUES ('admin', 'Admin Lokal', 'admin', 0)").run()
  saveSource(db, {
    name: opts.name ?? 'lapor',
    kind: 'lapor-json',
    kabupaten: KAB,
    config: { baseUrl: sim.url, pageSize: opts.pageSize ?? 100 },
    token: opts.token ?? sim.tokenFor(KAB),
    isWriteback: opts.writeback ?? false,
  })
  return { db, file }
}

/** Every complaint as one line: identity, version, status, holder and the set of upstream history ids. */
export function storeSnapshot(db: Db, source = 'lapor'): string[] {
  const rows = db
    .prepare(
      `SELECT c.tracking_id, c.upstream_version AS v, c.status_raw, u.upstream_id AS unit, c.judul,
         (SELECT group_concat(upstream_id, ',') FROM (SELECT upstream_id FROM complaint_event e WHERE e.complaint_id = c.id AND upstream_id IS NOT NULL ORDER BY upstream_id)) AS h
       FROM complaint c LEFT JOIN unit u ON u.id = c.unit_id WHERE c.source = ? ORDER BY c.tracking_id`,
    )
    .all(source) as Record<string, unknown>[]
  return rows.map((r) => `${r.tracking_id}|${r.v}|${r.status_raw}|${r.unit}|${r.judul}|${r.h}`)
}

export function simSnapshot(sim: RunningSimulator, kab = KAB): string[] {
  const rows = sim.store.db
    .prepare(
      `SELECT c.tracking_id, c.upstream_version AS v, c.status_raw, CASE WHEN c.unit_id IS NULL THEN NULL ELSE 'U' || c.unit_id END AS unit, c.judul,
         (SELECT group_concat(h, ',') FROM (SELECT 'H' || id AS h FROM complaint_event e WHERE e.complaint_id = c.id AND e.kind <> 'location' ORDER BY h)) AS h
       FROM complaint c WHERE c.kabupaten_kode = ? ORDER BY c.tracking_id`,
    )
    .all(kab) as Record<string, unknown>[]
  return rows.map((r) => `${r.tracking_id}|${r.v}|${r.status_raw}|${r.unit}|${r.judul}|${r.h}`)
}

export async function admin(sim: RunningSimulator, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(sim.url + path, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) })
  return res.json()
}
