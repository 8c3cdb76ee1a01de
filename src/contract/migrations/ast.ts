/** Small readers over libpg-query's JSON parse tree (node shapes of Postgres' parsenodes.h). */

export type Node = Record<string, unknown>

export function obj(value: unknown): Node {
  return value && typeof value === 'object' ? (value as Node) : {}
}

export function list(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : []
}

/** The body of a wrapped node: `{ ColumnDef: {...} }` -> `{...}` when the wrapper is `type`. */
export function inner(value: unknown, type: string): Node | null {
  const node = obj(value)[type]
  return node && typeof node === 'object' ? (node as Node) : null
}

/** `schema.table` or `table` from a RangeVar. */
export function relationName(rangeVar: unknown): string {
  const r = obj(rangeVar)
  const name = String(r.relname ?? '?')
  return typeof r.schemaname === 'string' ? `${r.schemaname}.${name}` : name
}

/** The dotted name of a `List` of `String` nodes (`DROP TABLE a.b` -> `a.b`). */
export function dottedName(value: unknown): string {
  const items = inner(value, 'List')?.items ?? value
  return list(items)
    .map((item) => String(inner(item, 'String')?.sval ?? '?'))
    .join('.')
}

/** A type name as written: `varchar(10)`, `bigint`, `public.mood`. */
export function typeName(value: unknown): { name: string; hasModifiers: boolean; text: string } {
  const t = obj(value)
  const names = list(t.names).map((n) => String(inner(n, 'String')?.sval ?? ''))
  const name = names.filter((n) => n !== 'pg_catalog').join('.')
  const mods = list(t.typmods).map((m) => {
    const c = inner(m, 'A_Const')
    return String(obj(c?.ival).ival ?? obj(c?.sval).sval ?? '')
  })
  const arrays = list(t.arrayBounds).length > 0 ? '[]' : ''
  return {
    name,
    hasModifiers: mods.length > 0,
    text: `${name}${mods.length > 0 ? `(${mods.join(',')})` : ''}${arrays}`
  }
}

export function constraints(columnDef: Node | null): Node[] {
  return list(columnDef?.constraints)
    .map((c) => inner(c, 'Constraint'))
    .filter((c): c is Node => c !== null)
}

/** Every function name called anywhere under a node (for volatile defaults). */
export function calledFunctions(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) calledFunctions(item, out)
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Node)) {
      if (key === 'FuncCall') {
        const names = list(obj(child).funcname).map((n) => String(inner(n, 'String')?.sval ?? ''))
        out.push(names[names.length - 1] ?? '')
      }
      calledFunctions(child, out)
    }
  }
  return out
}
