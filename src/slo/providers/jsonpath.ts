/**
 * The small JSON path subset a web provider needs: `$.a.b`, `$.a[0].b`, `$['a-b']`, `$.items[*].v`.
 * Returns every value the path reaches.
 */
export function selectJsonPath(document: unknown, path: string): unknown[] | string {
  if (!path.startsWith('$')) return `'${path}' must start with $`
  const steps: (string | number | '*')[] = []
  const pattern = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]|\[\*\]|\.\*/gy
  pattern.lastIndex = 1
  while (pattern.lastIndex < path.length) {
    const start = pattern.lastIndex
    const match = pattern.exec(path)
    if (!match) return `'${path}' is not a supported JSON path (at '${path.slice(start)}')`
    if (match[1] !== undefined) steps.push(match[1])
    else if (match[2] !== undefined) steps.push(Number(match[2]))
    else if (match[3] !== undefined) steps.push(match[3])
    else if (match[4] !== undefined) steps.push(match[4])
    else steps.push('*')
  }
  let current: unknown[] = [document]
  for (const step of steps) {
    const next: unknown[] = []
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue
      if (step === '*') next.push(...(Array.isArray(value) ? value : Object.values(value)))
      else if (typeof step === 'number') {
        if (Array.isArray(value) && step < value.length) next.push(value[step])
      } else if (!Array.isArray(value) && step in value)
        next.push((value as Record<string, unknown>)[step])
    }
    current = next
  }
  return current
}
