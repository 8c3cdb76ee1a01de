import { escapeMarkdown, inlineCode } from '../../report/markdown-escape.js'
import type { MeasurementEvidence, ObjectiveEvidence, SloEvidence } from './evidence.js'
import { formatNumber, formatPValue, formatPercent } from './text.js'

const maxRows = 50

const icons = { pass: '✅', fail: '❌', inconclusive: '⚠️' } as const

/** Policy text (names, reasons, errors) is outside text: one escaper for every markdown surface. */
const cell = escapeMarkdown
const code = (text: string): string => inlineCode(text, { inTable: true })

/**
 * The job summary: the verdict, one row per objective, and for each failing objective a Mermaid
 * `xychart-beta` of its measurements against its bound, in `chartPalette` colours with a legend line.
 */
export function renderSloMarkdown(evidence: SloEvidence): string {
  const out: string[] = []
  out.push(`## ${icons[evidence.verdict]} SLO gate: ${evidence.verdict}`, '')
  out.push(
    `Deployed at \`${evidence.deployedAt}\`; measured from \`${evidence.startedAt}\` to \`${evidence.finishedAt}\` with ${inlineCode(evidence.policy)}.`,
    ''
  )
  if (evidence.verdict === 'inconclusive') {
    out.push('> Inconclusive is not a pass: the release is neither marked good nor reverted.', '')
  }
  out.push('| | Objective | Bound | Last value | Why |', '|---|---|---|---|---|')
  for (const o of evidence.objectives) {
    const last = [...o.measurements].reverse().find((m) => m.value !== null)
    const name = o.dryRun
      ? `${o.name} (dry run)`
      : o.weight === 0
        ? `${o.name} (informational)`
        : o.name
    out.push(
      `| ${icons[o.verdict]} | ${cell(name)} | ${code(boundText(o))} | ${last ? formatNumber(last.value) : 'no data'} | ${cell(o.reason)} |`
    )
  }
  // Evidence written before canary and burn-rate judges has no `judge`: its objectives have bounds.
  const judged = (o: ObjectiveEvidence): boolean =>
    o.judge === 'mann-whitney' || o.judge === 'burn-rate'
  for (const o of evidence.objectives.filter(judged)) out.push(...judgedSection(o))
  for (const o of evidence.objectives.filter((x) => x.verdict === 'fail' && !judged(x))) {
    out.push('', `### ${cell(o.name)}`, '', inlineCode(o.query), '')
    const chart = mermaidChart(o)
    if (chart)
      out.push(
        '```mermaid',
        chart,
        '```',
        '',
        chartLegend(`the bound (${inlineCode(boundText(o))})`)
      )
  }
  out.push('', '<details><summary>Every measurement</summary>', '')
  for (const o of evidence.objectives) {
    out.push(
      `**${cell(o.name)}** (${cell(o.provider)}): ${inlineCode(o.query)}`,
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
        `| ${m.at} | ${m.window} | ${formatNumber(m.value)} | ${formatNumber(m.threshold)} | ${m.result}${cell(why)}${cell(judgedCell(m))} |`
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

/** A Mermaid string on one line: no quote, line break or control character ends it, no HTML gets in. */
function quote(text: string): string {
  const inert = text.replace(/"/g, "'").replace(/[<>`]/g, ' ')
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return `"${inert.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')}"`
}

/**
 * The chart's colours, set explicitly: mermaid's default first colour (#ECECFF) is nearly invisible on
 * white. Dark blue for the measured value, red for the bound; both readable on light and dark themes.
 */
const chartPalette = { measured: '#1f5fbf', bound: '#d1242f' } as const

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
  const init = {
    themeVariables: {
      xyChart: { plotColorPalette: `${chartPalette.measured}, ${chartPalette.bound}` }
    }
  }
  return `%%{init: ${JSON.stringify(init)}}%%\n${xyChart(
    o.name,
    points.map((m) => m.at),
    points.map((m) => m.value),
    points.map((m) => m.threshold)
  )}`
}

/** An `xychart-beta` of two lines over the same times, its y axis padded around both (from 0 when none is negative). */
function xyChart(title: string, times: string[], first: number[], second: number[]): string {
  const low = Math.min(...first, ...second)
  const high = Math.max(...first, ...second)
  const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1
  const min = low >= 0 && low - pad < 0 ? 0 : low - pad
  return [
    'xychart-beta',
    `  title ${quote(title)}`,
    `  x-axis [${times.map((t) => quote(t.slice(11, 19))).join(', ')}]`,
    `  y-axis ${quote('value')} ${plain(min)} --> ${plain(high + pad)}`,
    `  line [${first.map(plain).join(', ')}]`,
    `  line [${second.map(plain).join(', ')}]`
  ].join('\n')
}

function judgedCell(m: MeasurementEvidence): string {
  if (m.canary)
    return ` U ${m.canary.u}, p-value ${formatPValue(m.canary.pValue)}, effect size ${formatPercent(m.canary.effectSize)}`
  if (m.burn)
    return ` burn ${formatNumber(m.burn.long.burnRate)}x over ${m.burn.long.window}, ${formatNumber(m.burn.short.burnRate)}x over ${m.burn.short.window}`
  return ''
}

/** A canary objective: the last comparison and a chart of both series; a burn-rate one: both windows. */
function judgedSection(o: ObjectiveEvidence): string[] {
  const last = [...o.measurements].reverse().find((m) => m.canary ?? m.burn)
  const out = ['', `### ${icons[o.verdict]} ${cell(o.name)}`, '', inlineCode(o.query), '']
  if (!last) return [...out, 'No measurement had data to judge.']
  if (last.canary) {
    const c = last.canary
    out.push(
      '| U | p-value | effect size | canary median | baseline median | points (canary / baseline) | method |',
      '|---|---|---|---|---|---|---|',
      `| ${c.u} | ${formatPValue(c.pValue)} | ${formatPercent(c.effectSize)} | ${formatNumber(c.canaryMedian)} | ${formatNumber(c.baselineMedian)} | ${c.canarySample.length} / ${c.baselineSample.length} | ${c.method} |`,
      ''
    )
    const chart = canaryChart(o.name, last)
    if (chart)
      out.push('```mermaid', chart, '```', '', 'First line: canary; second line: baseline.')
  } else if (last.burn) {
    const b = last.burn
    out.push(
      '| window | error ratio | burn rate | threshold |',
      '|---|---|---|---|',
      ...[b.long, b.short].map(
        (w) =>
          `| ${w.window} | ${formatNumber(w.errorRatio)} | ${formatNumber(w.burnRate)}x | ${w.threshold}x |`
      ),
      '',
      `Error budget ${formatNumber(b.budget)}; the objective fails when both windows burn at or above their threshold.`
    )
  }
  return out
}

/** Both samples of a canary measurement over their shared timestamps (a missing point repeats the last). */
function canaryChart(name: string, m: MeasurementEvidence): string | null {
  if (!m.canary) return null
  const finite = (sample: [string, unknown][]) =>
    new Map(
      sample.filter((p): p is [string, number] => typeof p[1] === 'number' && Number.isFinite(p[1]))
    )
  const canary = finite(m.canary.canarySample)
  const baseline = finite(m.canary.baselineSample)
  const times = [...new Set([...canary.keys(), ...baseline.keys()])].sort()
  if (times.length === 0) return null
  const line = (series: Map<string, number>): number[] => {
    let last = [...series.values()][0] ?? 0
    return times.map((t) => (last = series.get(t) ?? last))
  }
  return xyChart(`${name}: canary vs baseline`, times, line(canary), line(baseline))
}

/** Mermaid reads plain decimals only, never 1e-7. */
function plain(v: number): string {
  const text = String(Number(v.toPrecision(4)))
  return text.includes('e') ? v.toFixed(12).replace(/\.?0+$/, '') : text
}
