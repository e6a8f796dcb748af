// The lapor-json connector: token authentication, reference lists, the changes feed page by page, write-back.
// Network only through http.ts (retries, time limits); mapping only through map.ts.
import { z } from 'zod'
import type { Db } from '#main/store/open.ts'
import type { Connector, Page, PullContext } from '#main/sync/connector.ts'
import { registerConnector } from '#main/sync/connector.ts'
import { UpstreamError, requestJson, type JsonResponse } from '#main/sync/http.ts'
import type { IngestItem } from '#main/sync/ingest.ts'
import { configOf, type SourceRow } from '#main/sync/sources.ts'
import type { OutboxAction, PushOutcome } from '#main/sync/writeback.ts'
import {
  API_PREFIX,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  wireActionResultSchema,
  wireCategorySchema,
  wireErrorSchema,
  wireInstansiSchema,
  wirePageSchema,
  wireUnitSchema,
  type WireAction,
  type WirePage,
} from './contract.ts'
import { mapComplaint } from './map.ts'
import { Vocabulary } from '#main/sync/vocabulary.ts'
import { INDONESIAN } from '#main/sync/messages.ts'
import { upsertCategories, upsertUnits } from './references.ts'

export const laporJsonConfigSchema = z.object({
  baseUrl: z.url({ message: 'baseUrl harus alamat http(s) lengkap' }).refine((u) => /^https?:/.test(u), 'baseUrl harus http atau https'),
  pageSize: z.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
})
export type LaporJsonConfig = z.infer<typeof laporJsonConfigSchema>

export function laporJsonConnector(db: Db, source: SourceRow, token: string | null): Connector {
  const config = configOf(source, laporJsonConfigSchema)
  const base = config.baseUrl.replace(/\/+$/, '') + API_PREFIX
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}

  const get = async (path: string, ctx: PullContext): Promise<JsonResponse> => {
    const res = await requestJson(base + path, { headers, signal: ctx.signal, policy: ctx.policy, onRetry: ctx.onRetry })
    if (res.status === 401 || res.status === 403) throw new UpstreamError(`token ditolak hulu (${res.status})${message(res.body)}`, 'http', res.status)
    if (res.status !== 200) throw new UpstreamError(`${API_PREFIX}${path.split('?')[0]}: hulu menjawab ${res.status}${message(res.body)}`, 'http', res.status)
    return res
  }
  const list = <T>(res: JsonResponse, schema: z.ZodType<T>, what: string): T[] => {
    const r = z.object({ data: z.array(schema) }).safeParse(res.body, INDONESIAN)
    if (!r.success) throw new UpstreamError(`daftar ${what} tidak sesuai kontrak: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`, 'body')
    return r.data.data
  }

  return {
    async test(ctx) {
      const res = await get('/instansi', ctx)
      const r = z.object({ data: wireInstansiSchema }).safeParse(res.body)
      if (!r.success) throw new UpstreamError('jawaban /instansi tidak sesuai kontrak lapor-json', 'body')
      if (r.data.data.kabupaten_code !== source.kabupaten_kode) {
        throw new Error(`token ini untuk kabupaten ${r.data.data.kabupaten_code}, sumber ${source.name} untuk ${source.kabupaten_kode}`)
      }
      return `Tersambung: ${r.data.data.name}`
    },

    async syncReferences(ctx) {
      const categories = list(await get('/categories', ctx), wireCategorySchema, 'kategori')
      const units = list(await get('/units', ctx), wireUnitSchema, 'unit')
      return { categories: upsertCategories(db, categories), units: upsertUnits(db, source.kabupaten_kode, units) }
    },

    async *pages(cursor, ctx): AsyncGenerator<Page> {
      const fetchPage = async (after: string | null, n: number): Promise<WirePage> => {
        const q = new URLSearchParams({ limit: String(config.pageSize) })
        if (after) q.set('updated_since', after)
        if (n === 1) q.set('with_remaining', 'true')
        // A page that parses but is not a page (a proxy's HTML error, a half-deployed server) gets the same retries
        // as a cut-off one; then the run stops with the reason, the cursor still at the last good page.
        for (let attempt = 0; ; attempt++) {
          const res = await get(`/complaints?${q}`, ctx)
          const p = wirePageSchema.safeParse(res.body, INDONESIAN)
          if (p.success) return p.data
          const reason = `halaman ${n} tidak sesuai kontrak: ${p.error.issues[0]?.path.join('.')}: ${p.error.issues[0]?.message}`
          if (attempt >= ctx.policy.retries) throw new UpstreamError(reason, 'body')
          ctx.onRetry({ attempt: attempt + 1, delayMs: 0, reason })
        }
      }
      let next = fetchPage(cursor, 1)
      // Read once per run: a word the admin maps in Pengaturan counts from the next run on.
      const vocab = Vocabulary.load(db)
      for (let n = 1; ; n++) {
        const page = await next
        const more = page.has_more && page.next_cursor !== null && page.next_cursor !== cursor
        // The next page is asked for before this one is stored: the upstream prepares it while we write.
        if (more) {
          next = fetchPage(page.next_cursor, n + 1)
          next.catch(() => {}) // awaited on the next turn; if the run stops first, its failure is moot
        }
        const items: IngestItem[] = page.data.map((raw, i) => {
          const m = mapComplaint(raw, vocab)
          const ref = `halaman ${n}, #${i + 1}`
          return m.ok ? { record: m.record, raw, ref } : { error: m.reason, raw, ref, tracking_id: m.trackingId ?? undefined }
        })
        yield { items, cursor: page.next_cursor, remaining: page.remaining ?? null }
        if (!more) return
        cursor = page.next_cursor
      }
    },

    async push(a: OutboxAction, ctx): Promise<PushOutcome> {
      const body: WireAction = {
        client_id: a.clientId,
        base_version: a.baseVersion,
        action: a.action,
        unit_id: a.unitRef,
        reason: a.reason,
        content: a.content,
        actor: a.actor,
        at: new Date(a.at).toISOString(),
      }
      const res = await requestJson(`${base}/complaints/${encodeURIComponent(a.trackingId)}/actions`, {
        method: 'POST',
        headers,
        json: body,
        signal: ctx.signal,
        policy: ctx.policy,
        onRetry: ctx.onRetry,
      })
      if (res.status === 200 || res.status === 201) {
        const r = wireActionResultSchema.safeParse(res.body)
        if (!r.success) return { kind: 'rejected', message: 'jawaban hulu atas tindakan tidak sesuai kontrak' }
        return { kind: 'sent', version: r.data.data.version, duplicate: r.data.data.duplicate, response: r.data.data }
      }
      if (res.status === 401 || res.status === 403) throw new UpstreamError(`token ditolak hulu (${res.status})${message(res.body)}`, 'http', res.status)
      const e = wireErrorSchema.safeParse(res.body)
      if (res.status === 409 && e.success && e.data.error.code === 'conflict') {
        return { kind: 'conflict', currentVersion: e.data.error.current_version ?? null, message: e.data.error.message }
      }
      return { kind: 'rejected', message: `hulu menolak (${res.status})${message(res.body)}` }
    },
  }
}

function message(body: unknown): string {
  const e = wireErrorSchema.safeParse(body)
  return e.success ? `: ${e.data.error.message}` : ''
}

registerConnector('lapor-json', laporJsonConnector)
