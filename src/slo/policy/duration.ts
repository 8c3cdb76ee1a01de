const unitMs: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000
}

const durationPattern = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/

/** `90s`, `5m`, `1h30m`, `2d` (Prometheus' units) to milliseconds; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '0') return 0
  if (!durationPattern.test(trimmed)) return null
  let total = 0
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) {
    total += Number(match[1]) * (unitMs[match[2] as string] as number)
  }
  return Math.round(total)
}

/** Milliseconds to the shortest Prometheus duration (`5m`, `4m30s`, `1500ms`), as PromQL accepts it. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s'
  if (ms % 1000 !== 0) return `${Math.round(ms)}ms`
  let rest = ms
  let text = ''
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = unitMs[unit] as number
    const n = Math.floor(rest / size)
    if (n > 0) {
      text += `${n}${unit}`
      rest -= n * size
    }
  }
  return text
}
