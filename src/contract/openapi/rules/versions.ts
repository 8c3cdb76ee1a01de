/** A version as numbers and pre-release identifiers: `v1.2.3-rc.1`, `2.0`, `2024-06-01`. */
interface Version {
  numbers: number[]
  pre: string[]
}

export function parseVersion(value: unknown): Version | undefined {
  if (value instanceof Date) return parseVersion(value.toISOString().slice(0, 10))
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const text = String(value).trim()
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (date) return { numbers: date.slice(1).map(Number), pre: [] }
  const m = /^[vV]?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text)
  if (!m) return undefined
  return { numbers: (m[1] ?? '').split('.').map(Number), pre: m[2] ? m[2].split('.') : [] }
}

function compareIdentifiers(a: string, b: string): number {
  const na = /^\d+$/.test(a)
  const nb = /^\d+$/.test(b)
  if (na && nb) return Number(a) - Number(b)
  if (na !== nb) return na ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Semantic-version order of base against head: positive when the base is newer, 0 when equal, undefined when
 * either is not a version (a name such as `latest` has no order). Missing parts count as 0 (`2` = `2.0.0`); a
 * pre-release comes before its release (`1.0.0-rc.1` < `1.0.0`); build metadata is ignored.
 */
export function compareVersions(base: unknown, head: unknown): number | undefined {
  const b = parseVersion(base)
  const h = parseVersion(head)
  if (!b || !h) return undefined
  const length = Math.max(b.numbers.length, h.numbers.length)
  for (let i = 0; i < length; i++) {
    const d = (b.numbers[i] ?? 0) - (h.numbers[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  if (b.pre.length === 0 || h.pre.length === 0) return Math.sign(h.pre.length - b.pre.length)
  const count = Math.max(b.pre.length, h.pre.length)
  for (let i = 0; i < count; i++) {
    const x = b.pre[i]
    const y = h.pre[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const d = compareIdentifiers(x, y)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}
