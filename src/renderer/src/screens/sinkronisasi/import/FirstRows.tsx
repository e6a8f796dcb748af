// The first rows of the file as they are, the header row marked, so the admin sees what the mapping reads.
import { useTranslation } from 'react-i18next'

type FirstRowsProps = { rows: { row: number; cells: string[] }[]; headerRow: number | null }

const SHOWN = 8
const CELL = 60 // characters of a long text shown in the preview

export function FirstRows({ rows, headerRow }: FirstRowsProps) {
  const { t } = useTranslation()
  const start = Math.max(0, rows.findIndex((r) => r.row === headerRow))
  const shown = rows.slice(start, start + SHOWN)
  const width = Math.max(0, ...shown.map((r) => r.cells.length))
  if (!shown.length) return null
  return (
    <details className="impor-first" open>
      <summary className="field-label">{t('impor.firstRows')}</summary>
      <div className="impor-scroll">
        <table className="impor-table">
          <tbody>
            {shown.map((r) => (
              <tr key={r.row} className={r.row === headerRow ? 'impor-header-row' : undefined}>
                <th scope="row">{r.row}</th>
                {Array.from({ length: width }, (_, i) => (
                  <td key={i}>{(r.cells[i] ?? '').length > CELL ? `${r.cells[i].slice(0, CELL)}…` : r.cells[i]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
