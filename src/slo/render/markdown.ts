import type { ObjectiveEvidence, SloEvidence } from './evidence.js'
import { formatNumber } from './text.js'

const maxRows = 50

const icons = { pass: '✅', fail: '❌', inconclusive: '⚠️' } as const

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/**
 * The job summary: the verdict, one row per objective, and for each failing objective a Mermaid
 * `xychart-beta` of its measurements against its bound, in `chartPalette` colours with a legend line.
 */
export function renderSloMarkdown(evidence: SloEvidence): string {
  const out: string[] = []
  out.push(`## ${icons[evidence.verdict]} SLO gate: ${evidence.verdict}`, '')
  out.push(
    `Deployed at \`${evidence.deployedAt}\`; measured from \`${evidence.startedAt}\` to \`${evidence.finishedAt}\` with \`${evidence.policy}\`.`,
    ''
  )
  if (evidence.verdict === 'inconclusive') {
    out.push('> Inconclusive is not a pass: the release is neither marked good nor reverted.', '')
  }
  out.push('| | Objective | Bound | Last value | Why |', '|---|---|---|---|---|')
  for (const o of evidence.objectives) {
    const last = [...o.measurements].reverse().find((m) => m.value !== null)
    const name = o.weight === 0 ? `${o.name} (informational)` : o.name
    out.push(
      `| ${icons[o.verdict]} | ${cell(name)} | ${cell(boundText(o))} | ${last ? formatNumber(last.value) : 'no data'} | ${cell(o.reason)} |`
    )
  }
  for (const o of evidence.objectives.filter((x) => x.verdict === 'fail')) {
    out.push('', `### ${cell(o.name)}`, '', `\`${o.query}\``, '')
    const chart = mermaidChart(o)
    if (chart) out.push('```mermaid', chart, '```', '', chartLegend(`the bound (${boundText(o)})`))
  }
  out.push('', '<details><summary>Every measurement</summary>', '')
  for (const o of evidence.objectives) {
    out.push(
      `**${cell(o.name)}** (${o.provider}): \`${cell(o.query)}\``,
      '',
      '| Time | Window | Value | Threshold | Result |',
      '|---|---|---|---|---|'
    )
    // A job summary holds at most 1 MiB: long runs show their latest rows, the JSON evidence has all.
    const shown = o.measurements.slice(-maxRows)
    if (shown.length < o.measurements.length) {
      out.push(
        `| … | | | | ${o.measurements.length - shown.length} earlier measurements are in the evidence JSON |`
      )
    }
    for (const m of shown) {
      const why = m.error ? `: ${m.error}` : m.reason ? ` (${m.reason})` : ''
      out.push(
        `| ${m.at} | ${m.window} | ${formatNumber(m.value)} | ${formatNumber(m.threshold)} | ${m.result}${cell(why)} |`
      )
    }
    out.push('')
  }
  out.push('</details>', '')
  return out.join('\n')
}

function boundText(o: ObjectiveEvidence): string {
  if (o.bound.kind === 'absolute') return o.bound.text
  const threshold = o.measurements.find((m) => m.threshold !== null)?.threshold ?? null
  return `${o.bound.text} of baseline ${formatNumber(o.baseline?.value ?? null)} (= ${formatNumber(threshold)})`
}

function quote(text: string): string {
  return `"${text.replace(/"/g, "'")}"`
}

/**
 * The chart's colours, set explicitly: mermaid's default first colour (#ECECFF) is nearly invisible on
 * white. Dark blue for the measured value, red for the bound; both readable on light and dark themes.
 */
export const chartPalette = { measured: '#1f5fbf', bound: '#d1242f' } as const

/** The line under a chart naming its two lines by colour (markdown; `bound` is already escaped). */
export function chartLegend(bound: string): string {
  return `Legend: 🟦 measured value (blue) · 🟥 ${bound} (red)`
}

/** The chart of one objective, or null when it has no finite value to draw. */
export function mermaidChart(o: ObjectiveEvidence): string | null {
  const points = o.measurements.filter(
    (m): m is typeof m & { value: number; threshold: number } =>
      typeof m.value === 'number' &&
      Number.isFinite(m.value) &&
      typeof m.threshold === 'number' &&
      Number.isFinite(m.threshold)
  )
  if (points.length === 0) return null
  const values = points.map((m) => m.value)
  const bounds = points.map((m) => m.threshold)
  const low = Math.min(...values, ...bounds)
  const high = Math.max(...values, ...bounds)
  const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1
  const min = low >= 0 && low - pad < 0 ? 0 : low - pad
  // Mermaid reads plain decimals only, never 1e-7.
  const number = (v: number): string => {
    const text = String(Number(v.toPrecision(4)))
    return text.includes('e') ? v.toFixed(12).replace(/\.?0+$/, '') : text
  }
  const init = {
    themeVariables: {
      xyChart: { plotColorPalette: `${chartPalette.measured}, ${chartPalette.bound}` }
    }
  }
  return [
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    `  title ${quote(o.name)}`,
    `  x-axis [${points.map((m) => quote(m.at.slice(11, 19))).join(', ')}]`,
    `  y-axis ${quote('value')} ${number(min)} --> ${number(high + pad)}`,
    `  line [${values.map(number).join(', ')}]`,
    `  line [${bounds.map(number).join(', ')}]`
  ].join('\n')
}
