import type { EvidenceNumber, SloEvidence } from './evidence.js'

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
    const weight = o.weight === 0 ? ' [informational]' : ''
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
      lines.push(`  ${m.at}  ${formatNumber(m.value).padStart(10)}  ${m.result}${why}`)
    }
  }
  return `${lines.join('\n')}\n`
}
