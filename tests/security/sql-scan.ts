// Finds SQL written as template literals with interpolated values in src/main: the one way an SQL injection can
// enter a better-sqlite3 codebase. Values must go through bound parameters (?, @name). What may be interpolated
// is SQL text the code itself chose: placeholder lists (`xs.map(() => '?')`), or a fragment picked from a
// constant table; each such case carries a `sql-vetted:` comment saying why it is safe.
import ts from 'typescript'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const SQL = /\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|ATTACH|VACUUM|WHERE|VALUES)\b/

export type SqlInterpolation = { file: string; line: number; expression: string; sql: string; vetted: string | null }

/** Expressions that can only ever produce placeholders: `xs.map(() => '?').join(', ')`, `@name${i}`. */
function isPlaceholderList(node: ts.Expression, source: ts.SourceFile): boolean {
  const text = node.getText(source).replace(/\s+/g, ' ')
  return /^[\w.?!]+\.map\(\(\w*(?:, \w+)?\) => ('\?'|`@\w+\$\{\w+\}`)\)\.join\('[^']*'\)$/.test(text)
}

function vettedComment(node: ts.Node, source: ts.SourceFile): string | null {
  // The comment may sit before the statement that holds the SQL, or on the line of the interpolation.
  const lines = source.text.split('\n')
  const at = source.getLineAndCharacterOfPosition(node.getStart(source)).line
  let statement: ts.Node = node
  while (statement.parent && !ts.isStatement(statement) && !ts.isVariableDeclaration(statement) && !ts.isPropertyAssignment(statement)) statement = statement.parent
  const from = source.getLineAndCharacterOfPosition(statement.getStart(source)).line
  for (let i = Math.max(0, from - 3); i <= at; i++) {
    const m = /sql-vetted:\s*(.+)$/.exec(lines[i])
    if (m) return m[1].trim()
  }
  return null
}

export function scanSqlInterpolations(root: string): SqlInterpolation[] {
  const found: SqlInterpolation[] = []
  for (const file of tsFiles(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node) => {
      if (ts.isTemplateExpression(node)) {
        const sql = node.getText(source)
        if (SQL.test(sql)) {
          for (const span of node.templateSpans) {
            if (isPlaceholderList(span.expression, source)) continue
            found.push({
              file: relative(root, file),
              line: source.getLineAndCharacterOfPosition(span.expression.getStart(source)).line + 1,
              expression: span.expression.getText(source),
              sql: sql.slice(0, 120),
              vetted: vettedComment(span.expression, source),
            })
          }
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return tsFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}
