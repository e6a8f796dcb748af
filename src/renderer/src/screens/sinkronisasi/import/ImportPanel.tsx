// Impor berkas: bring in an Excel or CSV export (LAPOR! admin "Daftar Laporan", a Pemda recap, any sheet with a
// saved mapping). The file is looked at first (layout, first rows), tried in a dry run that changes nothing and
// reports every rejected row, and only then imported; importing the same file again changes nothing.
import { useState } from 'react'
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { Panel } from '#renderer/components/Panel.tsx'
import { can } from '#shared/roles.ts'
import { formatBytes } from '#renderer/format.ts'
import { readAsBase64 } from './readFile.ts'
import { layoutArgs, type LayoutChoice, type Mapping } from './types.ts'
import { LayoutBar } from './LayoutBar.tsx'
import { FirstRows } from './FirstRows.tsx'
import { MappingEditor } from './MappingEditor.tsx'
import { ImportReportView } from './ImportReportView.tsx'
import { ImportHistory } from './ImportHistory.tsx'
import './import.css'

/** An uploaded file (its content, any browser), or in the desktop app a file of this computer chosen in the
 *  shell's own Open dialog (a token for it: the path never travels through the renderer). */
type Picked = { name: string; size: number; base64: string } | { name: string; size?: undefined; picked: string }

const fileArg = (f: Picked) => ('picked' in f ? { name: f.name, picked: f.picked } : { name: f.name, base64: f.base64 })

export function ImportPanel() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { kabupaten } = useFilters()
  const session = useQuery(trpc.session.queryOptions()).data
  const role = session?.user?.role
  // Over the network files come only as uploads; the desktop's admin may also open a file of this computer.
  const canPickLocal = session?.app.mode === 'desktop' && can(role, 'importByPath')
  const pickLocal = useMutation(
    trpc.imports.pickFile.mutationOptions({
      onSuccess: ({ file: chosen }) => {
        if (!chosen) return
        setReadError(null)
        setFile(chosen)
        look(chosen, choice)
      },
      onError: (err) => setReadError(describeError(err).detail),
    }),
  )
  const [file, setFile] = useState<Picked | null>(null)
  const [readError, setReadError] = useState<string | null>(null)
  const [choice, setChoice] = useState<LayoutChoice>({ kind: 'auto' })
  const [isEditing, setEditing] = useState(false)
  const presets = useQuery(trpc.imports.presets.queryOptions()).data ?? []
  const saved = useQuery(trpc.imports.mappings.queryOptions(kabupaten ? { kabupaten: kabupaten.kode } : skipToken)).data ?? []
  const inspect = useMutation(trpc.imports.inspect.mutationOptions())
  const run = useMutation(
    trpc.imports.run.mutationOptions({
      onSuccess: (report) => {
        if (report && !report.dryRun) void queryClient.invalidateQueries({ queryKey: trpc.imports.history.queryKey() })
      },
    }),
  )

  const look = (f: Picked, c: LayoutChoice) => {
    run.reset()
    inspect.mutate({ file: fileArg(f), ...layoutArgs(c) })
  }
  const pick = async (picked: File | undefined) => {
    if (!picked) return
    setReadError(null)
    // An empty file has nothing to look at: refused here, named, and not listed as a file of some size.
    if (picked.size === 0) {
      setFile(null)
      inspect.reset()
      run.reset()
      setReadError(t('impor.emptyFile', { name: picked.name }))
      return
    }
    try {
      const f = { name: picked.name, size: picked.size, base64: await readAsBase64(picked) }
      setFile(f)
      look(f, choice)
    } catch (err) {
      setReadError(t('impor.unreadable', { name: picked.name, detail: err instanceof Error ? err.message : String(err) }))
    }
  }
  const choose = (c: LayoutChoice) => {
    setChoice(c)
    setEditing(c.kind === 'custom')
    if (file) look(file, c)
  }
  const go = (dryRun: boolean) => {
    if (!file || !kabupaten) return
    run.mutate({ kabupaten: kabupaten.kode, file: fileArg(file), dryRun, ...layoutArgs(choice) })
  }

  const inspection = inspect.data
  const canCommit = can(role, 'commitImport')
  const isReady = !!inspection?.layout
  const lastDry = run.data?.dryRun ? run.data : null
  const problem = run.error ? describeError(run.error) : inspect.error ? describeError(inspect.error) : null
  const headerRow = inspection?.layout?.headerRow ?? inspection?.suggestion?.headerRow ?? 1
  const headers = inspection?.rows.find((r) => r.row === headerRow)?.cells ?? []

  return (
    <div className="impor" data-testid="import-panel">
      <Panel title={t('impor.title')}>
        <p className="note">{t('impor.lead')}</p>
        <div className="impor-pick">
          <label className="button primary impor-file-button">
            {file ? t('impor.otherFile') : t('impor.chooseFile')}
            <input type="file" accept=".xlsx,.csv" className="visually-hidden" data-testid="import-file" onChange={(e) => void pick(e.target.files?.[0])} />
          </label>
          {canPickLocal && (
            <button type="button" className="button" data-testid="import-pick-local" disabled={pickLocal.isPending} onClick={() => pickLocal.mutate()}>
              {t('impor.pickLocal')}
            </button>
          )}
          {file && (
            <span className="impor-file" data-testid="import-file-name">
              {file.name} {file.size !== undefined && <span className="note">({formatBytes(file.size)})</span>}
            </span>
          )}
          {readError && (
            <span className="form-error" role="alert" data-testid="import-read-error">
              {readError}
            </span>
          )}
        </div>
        {file && (
          <LayoutBar
            choice={choice}
            presets={presets}
            saved={saved}
            detected={choice.kind === 'auto' ? (inspection?.layout?.name ?? null) : null}
            onChoose={choose}
            onEdit={() => choose({ kind: 'custom', mapping: (inspection?.layout?.mapping ?? inspection?.suggestion ?? emptyMapping(headerRow)) as Mapping })}
          />
        )}
        {inspect.isPending && <p className="note">{t('impor.reading')}</p>}
        {inspection?.problem && (
          <div className="impor-problem" role="alert" data-testid="import-layout-problem">
            <p className="form-error">{inspection.problem}</p>
            {inspection.suggestion && choice.kind !== 'custom' && (
              <button type="button" className="button" data-testid="import-use-suggestion" onClick={() => choose({ kind: 'custom', mapping: inspection.suggestion as Mapping })}>
                {t('impor.useSuggestion')}
              </button>
            )}
          </div>
        )}
        {isEditing && choice.kind === 'custom' && (
          <MappingEditor
            mapping={choice.mapping}
            headers={headers}
            kabupaten={kabupaten?.kode ?? null}
            canSave={canCommit}
            onChange={(mapping) => choose({ kind: 'custom', mapping })}
            onSaved={(name) => {
              void queryClient.invalidateQueries({ queryKey: trpc.imports.mappings.queryKey() })
              choose({ kind: 'saved', name })
            }}
          />
        )}
        {inspection && <FirstRows rows={inspection.rows} headerRow={inspection.layout?.headerRow ?? null} />}
        {file && (
          <div className="impor-actions">
            <button type="button" className="button" disabled={!isReady || run.isPending} onClick={() => go(true)} data-testid="import-dry-run">
              {t('impor.dryRun')}
            </button>
            <button
              type="button"
              className="button primary"
              disabled={!canCommit || !lastDry || run.isPending || lastDry.rows.accepted === 0}
              title={canCommit ? undefined : t('impor.needSupervisor')}
              onClick={() => go(false)}
              data-testid="import-commit"
            >
              {lastDry ? t('impor.commitN', { n: lastDry.rows.accepted }) : t('impor.commit')}
            </button>
            {run.isPending && <span className="note">{t('impor.running')}</span>}
            {!canCommit && <span className="note">{t('impor.needSupervisor')}</span>}
          </div>
        )}
        {problem && (
          <p className="form-error" role="alert" data-testid="import-error">
            {/* The file's name first: the server's message says what is wrong with "berkas ini", not which file. */}
            {file && problem.kind === 'badRequest' ? `${file.name}: ${problem.detail}` : t(`errors.${problem.kind}`, { detail: problem.detail })}
          </p>
        )}
      </Panel>
      {run.data && <ImportReportView report={run.data} />}
      {kabupaten && <ImportHistory kabupaten={kabupaten.kode} />}
    </div>
  )
}

function emptyMapping(headerRow: number): Mapping {
  return { headerRow, columns: {}, defaults: {}, statuses: {} }
}
