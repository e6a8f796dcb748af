// The connector interface: what the sync engine (engine.ts) needs from a source. A connector talks to the network
// and maps; it never writes complaints itself (ingest.ts does, for all of them). Reference lists are the exception:
// they are the connector's own vocabulary mapping onto units and categories.
import type { Db } from '../store/open.ts'
import type { IngestItem } from './ingest.ts'
import type { RetryInfo, RetryPolicy } from './http.ts'
import type { SourceKind, SourceRow } from './sources.ts'
import type { OutboxAction, PushOutcome } from './writeback.ts'

export type Page = {
  items: IngestItem[]
  /** Cursor after this page, committed with its data. */
  cursor: string | null
  /** Records still to come, when the source says (for progress). */
  remaining?: number | null
}

export type PullContext = {
  signal: AbortSignal
  policy: RetryPolicy
  onRetry: (info: RetryInfo) => void
}

export type Connector = {
  /** Checks address, token and scope; resolves to a line for the user, throws with the reason. */
  test(ctx: PullContext): Promise<string>
  /** Categories and units into the store before records refer to them. */
  syncReferences?(ctx: PullContext): Promise<{ categories: number; units: number }>
  /** Pages from the stored cursor on, in order, until the source has nothing newer. */
  pages(cursor: string | null, ctx: PullContext): AsyncGenerator<Page>
  /** Writes one local action upstream (absent: the source is read-only). */
  push?(action: OutboxAction, ctx: PullContext): Promise<PushOutcome>
}

export type ConnectorFactory = (db: Db, source: SourceRow, token: string | null) => Connector

const factories = new Map<SourceKind, ConnectorFactory>()

/** Each connector registers itself (connectors/index.ts), so the engine does not import them one by one. */
export function registerConnector(kind: SourceKind, factory: ConnectorFactory): void {
  factories.set(kind, factory)
}

export function connectorFor(db: Db, source: SourceRow, token: string | null): Connector {
  const factory = factories.get(source.kind)
  if (!factory) throw new Error(`sumber ${source.name}: jenis ${source.kind} tidak dapat disinkronkan otomatis`)
  return factory(db, source, token)
}
