// The "Ekspor" button of a screen: opens the export dialog for what the screen shows (a queue with its filters,
// the KPI table, the monthly recap).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ExportDialog } from './ExportDialog.tsx'
import type { ExportRequest } from './useExportJob.ts'
import './export.css'

type ExportButtonProps = {
  /** What to export; undefined while the screen is still loading (the button waits). */
  request: ExportRequest | undefined
  title: string
  /** One sentence on what the file will hold. */
  summary: string
  label?: string
  testId?: string
}

export function ExportButton({ request, title, summary, label, testId = 'export-open' }: ExportButtonProps) {
  const { t } = useTranslation()
  const [isOpen, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="button export-button" disabled={!request} title={t('ekspor.buttonTitle')} data-testid={testId} onClick={() => setOpen(true)}>
        <span aria-hidden="true">↓</span> {label ?? t('ekspor.button')}
      </button>
      {isOpen && request && <ExportDialog request={request} title={title} summary={summary} onClose={() => setOpen(false)} />}
    </>
  )
}
