import type {
  BurnWindowEvidence,
  EvidenceNumber,
  MeasurementEvidence,
  SloEvidence
} from './evidence.js'

export function formatNumber(value: EvidenceNumber): string {
  if (value === null) return 'no data'
  if (typeof value === 'string') return value
  if (Number.isInteger(value)) return String(value)
  const abs = Math.abs(value)
  return abs !== 0 && (abs < 0.001 || abs >= 1e6)
    ? value.toExponential(3)
    : String(Number(value.toPrecision(4)))
}

/** Plain text for terminals and logs of other CI systems. */
export function renderSloText(evidence: SloEvidence): string {
  const lines = [
    `SLO gate: ${evidence.verdict.toUpperCase()} (deployed at ${evidence.deployedAt}, policy ${evidence.policy})`
  ]
  for (const o of evidence.objectives) {
    const weight = o.dryRun ? ' [dry run]' : o.weight === 0 ? ' [informational]' : ''
    lines.push('', `${o.verdict.padEnd(12)} ${o.name}${weight}: ${o.reason}`)
    lines.push(`  query: ${o.query}`)
    const threshold = o.measurements.find((m) => m.threshold !== null)?.threshold ?? null
    const bound =
      o.bound.kind === 'relative'
        ? `${o.bound.text} of the baseline ${formatNumber(o.baseline?.value ?? null)} = ${formatNumber(threshold)}`
        : o.bound.text
    lines.push(`  bound: ${bound}`)
    if (o.baseline?.error) lines.push(`  baseline error: ${o.baseline.error}`)
    for (const m of o.measurements) {
      const why = m.error ? ` (${m.error})` : m.reason ? ` (${m.reason})` : ''
      lines.push(`  ${m.at}  ${formatNumber(m.value).padStart(10)}  ${m.result}${why}${judged(m)}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** What a canary or burn-rate measurement found, on its line. */
function judged(m: MeasurementEvidence): string {
  if (m.canary) {
    const c = m.canary
    return `  U=${formatNumber(c.u)} p-value=${formatPValue(c.pValue)} effect size=${formatPercent(c.effectSize)} (${c.method}; canary median ${formatNumber(c.canaryMedian)} over ${c.canarySample.length} points, baseline ${formatNumber(c.baselineMedian)} over ${c.baselineSample.length})`
  }
  if (m.burn) {
    const side = (w: BurnWindowEvidence): string =>
      `${w.window} ${formatNumber(w.burnRate)}x (threshold ${w.threshold}x, error ratio ${formatNumber(w.errorRatio)})`
    return `  burn rate: long ${side(m.burn.long)}, short ${side(m.burn.short)}`
  }
  return ''
}

export function formatPValue(p: number): string {
  return p !== 0 && p < 1e-4 ? p.toExponential(2) : String(Number(p.toPrecision(4)))
}

export function formatPercent(value: EvidenceNumber): string {
  if (typeof value !== 'number') return formatNumber(value)
  return `${value >= 0 ? '+' : ''}${Number((value * 100).toPrecision(4))}%`
}
