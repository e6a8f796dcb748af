import type { ReactNode } from 'react'

/** A column heading: its text, or its text with the class of its cells (e.g. 'num' for right-aligned figures). */
export type Column = string | { label?: ReactNode; className?: string }

/** A right-aligned number column; `num()` alone is an unlabelled one. */
export const num = (label?: ReactNode): Column => ({ label, className: 'num' })

/**
 * A table of rows under one header row. With `empty`, the table shows only when there are rows and the `empty`
 * line (class `emptyClassName`) when there are none; without it the table always shows once the rows are known.
 * `wrapClassName` puts the table (not the empty line) in a div, e.g. a scroll box; `scoped` marks the headings
 * scope="col".
 */
export function DataTable<R>({
  rows,
  columns,
  row,
  className,
  testId,
  scoped = false,
  empty,
  emptyClassName = 'empty',
  wrapClassName,
}: {
  rows: readonly R[] | undefined
  columns: readonly Column[]
  row: (r: R, i: number) => ReactNode
  className?: string
  testId?: string
  scoped?: boolean
  empty?: ReactNode
  emptyClassName?: string
  wrapClassName?: string
}) {
  if (!rows) return null
  if (empty !== undefined && rows.length === 0) return <p className={emptyClassName}>{empty}</p>
  const table = (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => {
            const { label, className: cls } = typeof c === 'string' ? { label: c, className: undefined } : c
            return (
              <th key={i} scope={scoped ? 'col' : undefined} className={cls}>
                {label}
              </th>
            )
          })}
        </tr>
      </thead>
      <tbody>{rows.map(row)}</tbody>
    </table>
  )
  return wrapClassName ? <div className={wrapClassName}>{table}</div> : table
}
