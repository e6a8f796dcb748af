// One queue: tabs, filters, the virtualised list with its selection, the open complaint, the action dialogs and
// the keyboard loop (j/k, Enter, v d t b a n, s, x, /, 1–9, Esc, ?). The live refresh of the frame refetches the
// visible pages in place, so the scroll position, the cursor and the selection survive every change notice.
import { useCallback, useRef, useState } from 'react'
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { QUEUE_TABS, useQueueParams } from './queues.ts'
import { useQueueRows, type QueueQuery, type QueueRow } from './useQueueRows.ts'
import { useSelection } from './useSelection.ts'
import { useShortcuts, type ShortcutHandlers } from './useShortcuts.ts'
import { useUnits } from './useUnits.ts'
import { ACTION_KEYS, ACTIONS, roleBlock, type ActionKind, type ActionTarget } from './actions/actions.ts'
import { QueueTabs } from './QueueTabs.tsx'
import { QueueToolbar } from './QueueToolbar.tsx'
import { QueueList } from './QueueList.tsx'
import { SelectionBar } from './SelectionBar.tsx'
import { DetailPane } from './detail/DetailPane.tsx'
import { ActionDialog, type ActionResult } from './actions/ActionDialog.tsx'
import { ActionOutcome, type Outcome } from './actions/ActionOutcome.tsx'
import { HelpOverlay } from './HelpOverlay.tsx'
import { PeriodScopeLine } from './PeriodScope.tsx'
import { ExportButton } from '#renderer/export/ExportButton.tsx'
import { formatNumber } from '#renderer/format.ts'
import { can } from '#shared/roles.ts'
import { acceptBlock, pct, suggestionReason, useRouting, type Suggestion } from './routing/suggestion.ts'

type DialogState = { action: ActionKind; targets: ActionTarget[]; preset?: { unitId: number; reason: string } }

export function QueueView() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const params = useQueueParams()
  const { kabupaten, period: sharedPeriod, filter } = useFilters()
  // The shared period narrows a work queue only when the user asks for it here (hanya-periode=1 in the address).
  const period = params.inPeriod ? sharedPeriod : undefined
  const user = useQuery(trpc.session.queryOptions()).data?.user ?? undefined
  const units = useUnits(kabupaten?.kode)
  const timeZone = kabupaten?.time_zone ?? 'Asia/Jakarta'

  const query: QueueQuery | null = kabupaten
    ? {
        kabupaten: kabupaten.kode,
        queue: params.queue,
        sort: params.sort,
        unitId: params.unitId,
        kecamatan: params.kecamatan,
        desa: params.desa,
        filter,
        period,
        status: params.status,
        search: params.search || undefined,
        ids: params.ids,
      }
    : null
  const resetKey = JSON.stringify(query)
  const rows = useQueueRows(query)
  const selection = useSelection(resetKey)

  const [cursor, setCursor] = useState(-1)
  const [cursorKey, setCursorKey] = useState(resetKey)
  if (cursorKey !== resetKey) {
    // A new queue or filter: the cursor goes back to "before the first row".
    setCursorKey(resetKey)
    setCursor(-1)
  }
  const [dialog, setDialog] = useState<DialogState | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [isHelpOpen, setHelpOpen] = useState(false)
  const searchRef = useRef<HTMLInputElement>(null)

  // The open complaint's facts for keyboard actions (shared cache with the detail pane).
  const openDetail = useQuery(trpc.complaints.detail.queryOptions(params.openId ? { id: params.openId } : skipToken)).data
  const openRouting = useRouting(params.openId).data

  const { set } = params
  const open = useCallback(
    (index: number, row: QueueRow) => {
      setCursor(index)
      set({ id: String(row.id) })
    },
    [set],
  )
  const loadedRef = useRef(rows.loaded)
  loadedRef.current = rows.loaded
  const { toggle } = selection
  const onToggle = useCallback(
    (index: number, row: QueueRow, isRange: boolean) => {
      setCursor(index)
      toggle(index, row, isRange, loadedRef.current())
    },
    [toggle],
  )

  const startAction = (action: ActionKind, targets: ActionTarget[]) => {
    if (targets.length === 0) return
    const block = roleBlock(user?.role, action, targets)
    if (block) return setNotice(t(`antrean.actions.blocked.${block}`))
    setNotice(null)
    setDialog({ action, targets })
  }

  /** Accepting a routing suggestion for the open complaint: the disposition dialog with unit and reason filled in. */
  const acceptSuggestion = (s: Suggestion | undefined) => {
    if (!openDetail || openDetail.id !== params.openId) return
    const targets = [{ id: openDetail.id, tracking_id: openDetail.tracking_id, unit_id: openDetail.unit_id }]
    const block = roleBlock(user?.role, 'disposition', targets)
    if (block) return setNotice(t(`antrean.actions.blocked.${block}`))
    if (!s) return setNotice(t('routing.none'))
    const unusable = acceptBlock(s, openDetail)
    if (unusable) return setNotice(t(`routing.blocked.${unusable}`))
    setNotice(null)
    setDialog({ action: 'disposition', targets, preset: { unitId: s.unitId!, reason: suggestionReason(s, t) } })
  }

  // The misrouted queue's "Pindahkan": the disposition dialog with the suggested unit and the reason filled in, so
  // the move is confirmed (naming the case and the target) before anything changes.
  const reassignRow = useCallback(
    (row: QueueRow) => {
      if (row.suggested_unit_id === null) return
      const reason = t('routing.reasonMisroute', { unit: row.suggested_unit ?? '', pct: pct(row.misroute_confidence ?? row.suggested_confidence ?? 0) })
      setNotice(null)
      setDialog({ action: 'disposition', targets: [{ id: row.id, tracking_id: row.tracking_id, unit_id: row.unit_id }], preset: { unitId: row.suggested_unit_id, reason } })
    },
    [t],
  )

  // "Urungkan" on the banner: the server moves them back and audits it (complaints.undoReassign).
  const undo = useMutation(trpc.complaints.undoReassign.mutationOptions())
  const undoReassign = (ids: number[]) => {
    if (!outcome) return
    const targets = outcome.targets.filter((x) => ids.includes(x.id))
    undo.mutate(
      { ids },
      {
        onSuccess: (result) => {
          setOutcome({ action: 'disposition', targets, result, isUndo: true })
          void queryClient.invalidateQueries()
        },
        onError: (err) => setNotice(err.message),
      },
    )
  }

  /** What a key acts on: the selection, else the open complaint, else the row under the cursor. */
  const keyTargets = (): ActionTarget[] => {
    if (selection.selected.size > 0) return [...selection.selected.values()]
    if (openDetail && openDetail.id === params.openId) return [{ id: openDetail.id, tracking_id: openDetail.tracking_id, unit_id: openDetail.unit_id }]
    const row = params.openId === undefined ? rows.rowAt(cursor) : rows.loaded().find((r) => r.row.id === params.openId)?.row
    return row ? [{ id: row.id, tracking_id: row.tracking_id, unit_id: row.unit_id }] : []
  }

  const onDone = (result: ActionResult, unitId: number | null) => {
    if (!dialog) return
    setOutcome({ action: dialog.action, targets: dialog.targets, result, unitId })
    setDialog(null)
    selection.remove(result.done)
    // The server also announces the change on the live channel; refetch now rather than wait for it.
    void queryClient.invalidateQueries()
  }

  const move = (step: number) => {
    const total = rows.total ?? 0
    if (total === 0) return
    setCursor((c) => Math.max(0, Math.min(total - 1, c + step)))
  }
  const handlers: ShortcutHandlers = {
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    Enter: () => {
      const row = rows.rowAt(cursor)
      if (row) open(cursor, row)
    },
    x: () => {
      const row = rows.rowAt(cursor)
      if (row) onToggle(cursor, row, false)
    },
    '/': () => searchRef.current?.focus(),
    '?': () => setHelpOpen(true),
    Escape: () => {
      if (params.openId !== undefined) set({ id: null })
      else if (outcome) setOutcome(null)
      else selection.clear()
      setNotice(null)
    },
  }
  for (const action of ACTIONS) handlers[ACTION_KEYS[action]] = () => startAction(action, keyTargets())
  handlers.s = () => {
    if (openRouting) acceptSuggestion(openRouting.suggestions[0])
  }
  QUEUE_TABS.forEach((q, i) => (handlers[String(i + 1)] = () => params.setQueue(q)))
  useShortcuts(handlers)

  const dismissOutcome = useCallback(() => setOutcome(null), [])

  return (
    <div className="antrean" data-testid="antrean" data-queue={params.queue}>
      <h1 className="visually-hidden">{t('antrean.title')}</h1>
      <QueueTabs kabupaten={kabupaten?.kode} queue={params.queue} onSelect={params.setQueue} />
      <QueueToolbar
        params={params}
        kabupaten={kabupaten?.kode}
        units={units}
        searchRef={searchRef}
        onHelp={() => setHelpOpen(true)}
        extra={
          <ExportButton
            request={
              kabupaten && { kind: 'queue', kabupaten: kabupaten.kode, queue: params.queue, sort: params.sort, unitId: params.unitId, kecamatan: params.kecamatan, desa: params.desa, filter, period, status: params.status, search: params.search || undefined, ids: params.ids }
            }
            title={t('ekspor.title.queue', { name: t(`antrean.queues.${params.queue}`) })}
            summary={t('ekspor.what.queue', { count: formatNumber(rows.total ?? 0) })}
          />
        }
      />
      {notice && (
        <div className="outcome has-refusals" role="alert" data-testid="action-notice">
          {notice}
        </div>
      )}
      {outcome && (
        <ActionOutcome
          outcome={outcome}
          units={units}
          onDismiss={dismissOutcome}
          onUndo={can(user?.role, 'reassign') ? undoReassign : undefined}
          isUndoing={undo.isPending}
        />
      )}
      <div className={`antrean-main ${params.openId ? 'has-detail' : ''}`}>
        <div className="queue-pane">
          <PeriodScopeLine total={rows.total} withoutPeriod={rows.withoutPeriod} onShowAll={() => set({ 'hanya-periode': null })} />
          <SelectionBar
            selection={selection}
            loadedCount={rows.loaded().length}
            total={rows.total}
            isFetching={rows.isFetching}
            role={user?.role}
            onSelectAll={() => selection.selectAll(rows.loaded())}
            onAction={startAction}
          />
          <QueueList
            rows={rows}
            resetKey={resetKey}
            cursor={cursor}
            openId={params.openId}
            selected={selection.selected}
            timeZone={timeZone}
            onOpen={open}
            onToggle={onToggle}
            onReassign={params.queue === 'salah_sasaran' && can(user?.role, 'reassign') ? reassignRow : undefined}
          />
        </div>
        {/* The detail pane takes room only while a complaint is open: until then the rows get the whole width. */}
        {params.openId !== undefined && (
          <DetailPane
            key={params.openId}
            id={params.openId}
            role={user?.role}
            meId={user?.id}
            timeZone={timeZone}
            onClose={() => set({ id: null })}
            onAction={startAction}
            onAcceptSuggestion={acceptSuggestion}
          />
        )}
      </div>
      {dialog && (
        <ActionDialog action={dialog.action} targets={dialog.targets} units={units} preset={dialog.preset} onClose={() => setDialog(null)} onDone={onDone} />
      )}
      {isHelpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
    </div>
  )
}
