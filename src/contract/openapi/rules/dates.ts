/** An `x-sunset` value: a date (2025-01-31) or an RFC 3339 timestamp. */
export type Sunset =
  { kind: 'none' } | { kind: 'invalid'; raw: string } | { kind: 'date'; date: Date; raw: string }

export function parseSunset(value: unknown): Sunset {
  if (value === undefined || value === null || value === '') return { kind: 'none' }
  const raw = value instanceof Date ? value.toISOString() : String(value)
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/.exec(
      raw.trim()
    )
  if (!m) return { kind: 'invalid', raw }
  const date = new Date(m[4] ? raw.trim() : `${m[1]}-${m[2]}-${m[3]}T00:00:00Z`)
  const month = Number(m[2])
  const day = Number(m[3])
  if (Number.isNaN(date.getTime()) || month < 1 || month > 12 || day < 1 || day > 31)
    return { kind: 'invalid', raw }
  return { kind: 'date', date, raw }
}

const stabilityOrder = ['draft', 'alpha', 'beta', 'stable'] as const

/** Rank of an x-stability-level (higher is more stable); undefined when absent, -1 when not a known level. */
export function stabilityRank(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined
  return stabilityOrder.indexOf(String(value) as (typeof stabilityOrder)[number])
}
