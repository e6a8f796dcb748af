// Finds SQL written as template literals with interpolated values in src/main: the one way an SQL injection can
// enter a better-sqlite3 codebase. Values must go through bound parameters (?, @name). What may be interpolated
// is SQL text the code itself chose: placeholder lists (`xs.map(() => '?')`), or a fragment picked from a
// constant table; each such case carries a `sql-vetted:` comment saying why it is safe.
import ts from 'typescript'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const SQL = /\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|ATTACH|VACUUM|WHERE|VALUES)\b/

export type SqlInterpolation = {
  file: string
  line: number
  /** Where the statement holding the SQL starts: a `// sql-vetted: why` comment goes just above it. */
  statementLine: number
  expression: string
  sql: string
  vetted: string | null
}

/** Expressions that can only ever produce SQL text written in the code: literals, a choice between literals, and
 *  placeholder lists (`xs.map(() => '?').join(', ')`, `xs.map((_, i) => `@cat${i}`)`). */
function isSafe(node: ts.Expression, source: ts.SourceFile): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return true
  if (ts.isParenthesizedExpression(node)) return isSafe(node.expression, source)
  if (ts.isConditionalExpression(node)) return isSafe(node.whenTrue, source) && isSafe(node.whenFalse, source)
  if (ts.isTemplateExpression(node)) return node.templateSpans.every((span) => isSafe(span.expression, source))
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isSafe(node.left, source) && isSafe(node.right, source)
  const text = node.getText(source).replace(/\s+/g, ' ')
  return /^[\w.?!]+\.map\(\(\w*(?:, \w+)?\) => ('\?'|`@\w+\$\{\w+\}`)\)\.join\('[^']*'\)$/.test(text)
}

function statementStart(node: ts.Node, source: ts.SourceFile): number {
  let statement: ts.Node = node
  while (statement.parent && !ts.isStatement(statement) && !ts.isVariableDeclaration(statement) && !ts.isPropertyAssignment(statement)) statement = statement.parent
  return source.getLineAndCharacterOfPosition(statement.getStart(source)).line
}

function vettedComment(node: ts.Node, source: ts.SourceFile): string | null {
  // The comment may sit just before the statement that holds the SQL, or on the line of the interpolation.
  const lines = source.text.split('\n')
  const at = source.getLineAndCharacterOfPosition(node.getStart(source)).line
  for (let i = Math.max(0, statementStart(node, source) - 3); i <= at; i++) {
    const m = /sql-vetted:\s*(.+)$/.exec(lines[i])
    if (m) return m[1].trim()
  }
  return null
}

export function scanSqlInterpolations(root: string): SqlInterpolation[] {
  const found: SqlInterpolation[] = []
  for (const file of tsFiles(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const report = (expression: ts.Expression, sql: string) =>
      found.push({
        file: relative(root, file),
        line: source.getLineAndCharacterOfPosition(expression.getStart(source)).line + 1,
        statementLine: statementStart(expression, source) + 1,
        expression: expression.getText(source),
        sql: sql.slice(0, 120),
        vetted: vettedComment(expression, source),
      })
    // A template handed straight to the driver is SQL whatever it says (PRAGMA arguments have no keyword).
    const isDriverArgument = (node: ts.Node) =>
      ts.isCallExpression(node.parent) &&
      ts.isPropertyAccessExpression(node.parent.expression) &&
      ['prepare', 'exec', 'pragma'].includes(node.parent.expression.name.text)
    const visit = (node: ts.Node) => {
      if (ts.isTemplateExpression(node) && (SQL.test(node.getText(source)) || isDriverArgument(node))) {
        // Only the outermost unsafe parts: a safe nested template is not reported again.
        for (const span of node.templateSpans) if (!isSafe(span.expression, source)) report(span.expression, node.getText(source))
      }
      // 'SELECT … ' + value: the same thing written with +.
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const sides = [node.left, node.right]
        const sqlSide = sides.find((n) => (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && SQL.test(n.text))
        if (sqlSide) for (const n of sides) if (n !== sqlSide && !isSafe(n, source) && !ts.isBinaryExpression(n)) report(n, node.getText(source))
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
