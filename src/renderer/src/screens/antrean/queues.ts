// The queues, sorts and the queue view's own URL state. Everything a user would want to bookmark or send to a
// colleague lives in the address: /antrean/<queue>?unit=…&kec=…&status=…&cari=…&urut=…&hanya-periode=1&id=… (plus the
// shared filters). A work queue is the whole work: the shared period narrows it only with hanya-periode=1.
import { useCallback } from 'react'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import type { inferRouterInputs } from '@trpc/server'
import type { AppRouter } from '#main/app/api/router.ts'
import { STATUSES, type Status } from '#shared/status.ts'

export type QueueInput = inferRouterInputs<AppRouter>['complaints']['queue']
export type QueueName = QueueInput['queue']
export type QueueSort = NonNullable<QueueInput['sort']>

/** Tab order; the position is also the number key that opens the tab (1–9). */
export const QUEUE_TABS: readonly QueueName[] = [
  'verifikasi',
  'disposisi',
  'proses',
  'terlambat',
  'dikembalikan',
  'salah_sasaran',
  'tanpa_lokasi',
  'semua_terbuka',
  'semua',
]

export const SORTS: readonly QueueSort[] = ['terlama', 'terbaru', 'tenggat', 'keyakinan']

/** Sorts a queue offers, and its own order when the address names none: the misrouted queue, most confident first. */
export function sortsOf(queue: QueueName): readonly QueueSort[] {
  return queue === 'salah_sasaran' ? SORTS : SORTS.filter((s) => s !== 'keyakinan')
}

export function defaultSort(queue: QueueName): QueueSort {
  return queue === 'salah_sasaran' ? 'keyakinan' : 'terlama'
}

export function isQueue(value: string | undefined): value is QueueName {
  return (QUEUE_TABS as readonly (string | undefined)[]).includes(value)
}

const KECAMATAN = /^\d{2}\.\d{2}\.\d{2}$/
const DESA = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/

/** "12,34,56" as complaint ids (at most 5,000, as the API takes); anything else narrows nothing. */
function idList(value: string | null): number[] | undefined {
  if (!value) return undefined
  const ids = value.split(',').map(Number)
  return ids.length <= 5000 && ids.every((n) => Number.isInteger(n) && n > 0) ? ids : undefined
}

function positiveInt(value: string | null): number | undefined {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : undefined
}

export type QueueParams = {
  queue: QueueName
  sort: QueueSort
  unitId: number | undefined
  kecamatan: string | undefined
  /** A desa of the kecamatan (links from Peta and the early warning narrow to one). */
  desa: string | undefined
  /** Only complaints in this status now (a status count on Ringkasan opens 'semua' narrowed to it). */
  status: Status | undefined
  search: string
  /** Only these complaints: a rising issue's row opens exactly its complaints (?laporan-isu=12,34,…; not ?laporan, which the audit log and Peta read as one complaint). */
  ids: number[] | undefined
  /** Whether the user narrowed this queue to the shared period (otherwise it holds every complaint waiting in it). */
  inPeriod: boolean
  /** The complaint open in the detail pane. */
  openId: number | undefined
  setQueue(queue: QueueName): void
  /** Changes some of this view's parameters (null removes one), keeping the rest and the shared filters. */
  set(change: Partial<Record<'urut' | 'unit' | 'kec' | 'desa' | 'status' | 'cari' | 'laporan-isu' | 'hanya-periode' | 'id', string | null>>): void
}

export function useQueueParams(): QueueParams {
  const { queue } = useParams()
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const sort = params.get('urut')
  const kecamatan = params.get('kec')
  const desa = params.get('desa')

  const set = useCallback<QueueParams['set']>(
    (change) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [key, value] of Object.entries(change)) {
            if (value === null || value === undefined || value === '') next.delete(key)
            else next.set(key, value)
          }
          return next
        },
        // Opening complaint after complaint must not fill the Back button; a new sort or filter may.
        { replace: Object.keys(change).every((k) => k === 'id' || k === 'cari') },
      ),
    [setParams],
  )

  const name: QueueName = isQueue(queue) ? queue : 'verifikasi'
  return {
    queue: name,
    sort: (sortsOf(name) as readonly (string | null)[]).includes(sort) ? (sort as QueueSort) : defaultSort(name),
    unitId: positiveInt(params.get('unit')),
    kecamatan: kecamatan && KECAMATAN.test(kecamatan) ? kecamatan : undefined,
    // A desa only within the chosen kecamatan: a stale desa left from another kecamatan narrows nothing.
    desa: desa && kecamatan && KECAMATAN.test(kecamatan) && desa.startsWith(`${kecamatan}.`) && DESA.test(desa) ? desa : undefined,
    status: (STATUSES as readonly (string | null)[]).includes(params.get('status')) ? (params.get('status') as Status) : undefined,
    search: params.get('cari') ?? '',
    ids: idList(params.get('laporan-isu')),
    inPeriod: params.get('hanya-periode') === '1',
    openId: positiveInt(params.get('id')),
    setQueue: (q) => navigate({ pathname: `/antrean/${q}`, search: params.toString() }),
    set,
  }
}
