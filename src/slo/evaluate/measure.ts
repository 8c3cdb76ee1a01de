import { formatDuration } from '../policy/duration.js'
import { worstFirst } from '../policy/bound.js'
import type { MetricsProvider, Point, Sample, Series } from '../ports.js'
import type {
  BurnRates,
  CanaryComparison,
  InconclusiveReason,
  MeasureSpec,
  Objective,
  Verdict
} from '../types.js'
import { judgeBurn } from './burn-rate.js'
import { judgeCanary } from './canary.js'

export interface RawMeasurement {
  value: number | null
  windowMs: number
  series?: Record<string, string>
  /** Canary and burn-rate measurements are judged as they are taken, not against the bound. */
  judged?: {
    result: Verdict
    reason?: InconclusiveReason
    canary?: CanaryComparison
    burn?: BurnRates
    threshold: number
  }
}

/** Placeholders a query may use; `{{window}}` is what keeps the window from reaching before the deploy. */
export function renderQuery(template: string, windowMs: number): string {
  return template.replaceAll('{{window}}', formatDuration(windowMs))
}

/** The query text shown in evidence. */
export function describeMeasure(measure: MeasureSpec): string {
  switch (measure.kind) {
    case 'instant':
      return measure.query
    case 'threshold':
      return `share of points of ${measure.query} that are ${measure.op} ${measure.value}`
    case 'ratio': {
      if (measure.raw) return `${measure.rawType === 'failure' ? '1 - ' : ''}avg(${measure.raw})`
      const numerator = measure.good ? `(${measure.good})` : `total - (${measure.bad})`
      const ratio = `${numerator} / (${measure.total})${measure.counter ? ' (increase since the deploy)' : ''}`
      return measure.timeslice
        ? `share of ${formatDuration(measure.stepMs)} slices where ${ratio} >= ${measure.timeslice.target}`
        : ratio
    }
    case 'canary':
      return `${measure.canary} against ${measure.baseline}`
    case 'burnrate': {
      const ratio =
        measure.errorRatio.kind === 'query'
          ? measure.errorRatio.query
          : `1 - ${describeMeasure(measure.errorRatio)}`
      return `burn rate of ${ratio} against the budget ${Number((1 - measure.target).toPrecision(6))} over ${formatDuration(measure.long.windowMs)} and ${formatDuration(measure.short.windowMs)}`
    }
  }
}

/** The query windows never reach before the deploy; one second is the least a backend accepts. */
export function effectiveWindow(objective: Objective, at: Date, deployedAt: Date): number {
  return clampWindow(objective.windowMs, at.getTime() - deployedAt.getTime())
}

/** A configured window cut to the whole seconds elapsed, and at least one second. */
function clampWindow(windowMs: number, elapsedMs: number): number {
  return Math.max(1000, Math.min(windowMs, Math.floor(elapsedMs / 1000) * 1000))
}

/** A range query from `from` to `at`, its step no longer than that window and at least one second. */
function rangeQuery(
  provider: MetricsProvider,
  from: Date,
  at: Date,
  stepMs: number
): (query: string) => Promise<Series[]> {
  const step = Math.max(1000, Math.min(stepMs, at.getTime() - from.getTime()))
  return (query) => provider.range(renderQuery(query, step), from, at, step)
}

/** The same range query with its series summed per timestamp. */
function mergedRange(
  provider: MetricsProvider,
  from: Date,
  at: Date,
  stepMs: number
): (query: string) => Promise<Point[]> {
  const range = rangeQuery(provider, from, at, stepMs)
  return async (query) => mergeSeries(await range(query))
}

/** Takes one measurement; throws what the provider throws (InputError, MetricsUnavailableError). */
export async function measureOnce(
  objective: Objective,
  provider: MetricsProvider,
  at: Date,
  deployedAt: Date
): Promise<RawMeasurement> {
  const measure = objective.measure
  if (measure.kind === 'instant') {
    const windowMs = effectiveWindow(objective, at, deployedAt)
    const samples = await provider.instant(renderQuery(measure.query, windowMs), at, windowMs)
    return { ...pickWorst(samples, objective), windowMs }
  }
  if (measure.kind === 'burnrate') return measureBurn(measure, provider, at, deployedAt)
  const windowMs = at.getTime() - deployedAt.getTime()
  if (windowMs <= 0) return { value: null, windowMs: 0 }
  if (measure.kind === 'canary') {
    const range = rangeQuery(provider, deployedAt, at, measure.stepMs)
    const pooled = async (query: string): Promise<Point[]> =>
      (await range(query)).flatMap((s) => s.points)
    const [canary, baseline] = await Promise.all([pooled(measure.canary), pooled(measure.baseline)])
    const judgement = judgeCanary(measure, canary, baseline)
    const comparison = judgement.comparison
    return {
      value: comparison ? comparison.effectSize : null,
      windowMs,
      judged: {
        result: judgement.result,
        ...(judgement.reason ? { reason: judgement.reason } : {}),
        ...(comparison ? { canary: comparison } : {}),
        threshold: measure.tolerance
      }
    }
  }
  const fetch = mergedRange(provider, deployedAt, at, measure.stepMs)
  if (measure.kind === 'threshold') {
    const points = await fetch(measure.query)
    if (points.length === 0) return { value: null, windowMs }
    const good = points.filter((p) => compareOp(p.value, measure.op, measure.value)).length
    return { value: good / points.length, windowMs }
  }
  return { value: await ratioValue(measure, fetch), windowMs }
}

/** The error ratio over both windows (never reaching before the deploy), judged as a burn rate. */
async function measureBurn(
  measure: Extract<MeasureSpec, { kind: 'burnrate' }>,
  provider: MetricsProvider,
  at: Date,
  deployedAt: Date
): Promise<RawMeasurement> {
  const elapsed = Math.floor((at.getTime() - deployedAt.getTime()) / 1000) * 1000
  if (elapsed <= 0) return { value: null, windowMs: 0 }
  const source = measure.errorRatio
  const ratioOver = async (windowMs: number): Promise<number | null> => {
    if (source.kind === 'query') {
      const samples = await provider.instant(renderQuery(source.query, windowMs), at, windowMs)
      if (samples.length === 0) return null
      const numbers = samples.map((s) => s.value).filter((v) => !Number.isNaN(v))
      return numbers.length === 0 ? Number.NaN : Math.max(...numbers)
    }
    const fetch = mergedRange(provider, new Date(at.getTime() - windowMs), at, source.stepMs)
    const good = await ratioValue(source, fetch)
    return good === null ? null : 1 - good
  }
  // The evidence shows the windows as measured: clipped at the deploy until they fit after it.
  const windows = {
    long: { ...measure.long, windowMs: clampWindow(measure.long.windowMs, elapsed) },
    short: { ...measure.short, windowMs: clampWindow(measure.short.windowMs, elapsed) }
  }
  const [long, short] = await Promise.all([
    ratioOver(windows.long.windowMs),
    ratioOver(windows.short.windowMs)
  ])
  const judgement = judgeBurn(measure.target, windows, { long, short })
  return {
    value: judgement.burn.long.burnRate,
    windowMs: windows.long.windowMs,
    judged: {
      result: judgement.result,
      ...(judgement.reason ? { reason: judgement.reason } : {}),
      burn: judgement.burn,
      threshold: measure.long.threshold
    }
  }
}

/** A baseline: the same query over the window that ends at the deploy. */
export async function measureBaseline(
  objective: Objective,
  provider: MetricsProvider,
  deployedAt: Date
): Promise<{ query: string; value: number | null }> {
  if (objective.measure.kind !== 'instant')
    return { query: describeMeasure(objective.measure), value: null }
  const windowMs = objective.baseline.windowMs
  const query = renderQuery(objective.measure.query, windowMs)
  const samples = await provider.instant(query, deployedAt, windowMs)
  return { query, value: pickWorst(samples, objective).value }
}

function pickWorst(
  samples: Sample[],
  objective: Objective
): { value: number | null; series?: Record<string, string> } {
  if (samples.length === 0) return { value: null }
  if (samples.length === 1) return { value: (samples[0] as Sample).value }
  const order = worstFirst(objective.bound.op)
  const numbers = samples.filter((s) => !Number.isNaN(s.value))
  if (numbers.length === 0) return { value: Number.NaN }
  const worst = [...numbers].sort((a, b) => order(a.value, b.value))[0] as Sample
  return { value: worst.value, series: worst.labels }
}

function compareOp(value: number, op: '<' | '<=' | '>' | '>=', threshold: number): boolean {
  return op === '<'
    ? value < threshold
    : op === '<='
      ? value <= threshold
      : op === '>'
        ? value > threshold
        : value >= threshold
}

/** Several series of a range query summed per timestamp (like a PromQL `sum`), NaN points dropped. */
export function mergeSeries(series: Series[]): Point[] {
  const sums = new Map<number, number>()
  for (const s of series) {
    for (const point of s.points) {
      if (Number.isNaN(point.value)) continue
      const key = point.at.getTime()
      sums.set(key, (sums.get(key) ?? 0) + point.value)
    }
  }
  return [...sums].sort((a, b) => a[0] - b[0]).map(([at, value]) => ({ at: new Date(at), value }))
}

/** How much a counter grew over the points, across resets (a drop means the counter restarted). */
export function counterIncrease(points: Point[]): number {
  let increase = 0
  for (let i = 1; i < points.length; i++) {
    const previous = (points[i - 1] as Point).value
    const current = (points[i] as Point).value
    increase += current >= previous ? current - previous : current
  }
  return increase
}

/** Per-step amounts: counter increments, or the gauge values themselves. */
function amounts(points: Point[], counter: boolean): Map<number, number> {
  const result = new Map<number, number>()
  if (!counter) {
    for (const p of points) result.set(p.at.getTime(), p.value)
    return result
  }
  for (let i = 1; i < points.length; i++) {
    const previous = (points[i - 1] as Point).value
    const current = points[i] as Point
    result.set(
      current.at.getTime(),
      current.value >= previous ? current.value - previous : current.value
    )
  }
  return result
}

async function ratioValue(
  measure: Extract<MeasureSpec, { kind: 'ratio' }>,
  fetch: (query: string) => Promise<Point[]>
): Promise<number | null> {
  if (measure.raw) {
    const points = await fetch(measure.raw)
    if (points.length === 0) return null
    const average = points.reduce((sum, p) => sum + p.value, 0) / points.length
    return measure.rawType === 'failure' ? 1 - average : average
  }
  const [partPoints, totalPoints] = await Promise.all([
    fetch((measure.good ?? measure.bad) as string),
    fetch(measure.total as string)
  ])
  if (totalPoints.length === 0) return null
  const good = (part: number, total: number): number => (measure.good ? part : total - part)
  if (measure.timeslice) {
    const parts = amounts(partPoints, measure.counter)
    const totals = amounts(totalPoints, measure.counter)
    let slices = 0
    let goodSlices = 0
    for (const [at, total] of totals) {
      if (total <= 0) continue
      slices += 1
      if (good(parts.get(at) ?? 0, total) / total >= measure.timeslice.target) goodSlices += 1
    }
    return slices === 0 ? Number.NaN : goodSlices / slices
  }
  const sum = (points: Point[]): number =>
    measure.counter ? counterIncrease(points) : points.reduce((total, p) => total + p.value, 0)
  const total = sum(totalPoints)
  // A missing numerator series means none of those events happened.
  const part = sum(partPoints)
  if (measure.counter && totalPoints.length < 2) return null
  return total === 0 ? Number.NaN : good(part, total) / total
}
