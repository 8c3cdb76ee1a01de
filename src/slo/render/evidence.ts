import { formatDuration } from '../policy/duration.js'
import { describeMeasure } from '../evaluate/measure.js'
import { failedObjectives, isDeciding } from '../evaluate/gate.js'
import type { GateResult, Measurement, ObjectiveResult, Verdict } from '../types.js'

/** A number as JSON can hold it: NaN and infinities as the strings Prometheus uses. */
export type EvidenceNumber = number | 'NaN' | '+Inf' | '-Inf' | null

export interface MeasurementEvidence {
  index: number
  at: string
  window: string
  value: EvidenceNumber
  threshold: EvidenceNumber
  result: Verdict
  reason?: string
  error?: string
  series?: Record<string, string>
  /** Canary objectives: the Mann-Whitney comparison and both samples as [time, value]. */
  canary?: {
    u: number
    pValue: number
    method: 'exact' | 'asymptotic'
    effectSize: EvidenceNumber
    canaryMedian: EvidenceNumber
    baselineMedian: EvidenceNumber
    canarySample: [string, EvidenceNumber][]
    baselineSample: [string, EvidenceNumber][]
  }
  /** Burn-rate objectives: both windows' error ratio and burn rate. */
  burn?: {
    budget: number
    long: BurnWindowEvidence
    short: BurnWindowEvidence
  }
}

export interface BurnWindowEvidence {
  window: string
  errorRatio: EvidenceNumber
  burnRate: EvidenceNumber
  threshold: number
}

export interface ObjectiveEvidence {
  name: string
  description?: string
  provider: string
  query: string
  verdict: Verdict
  reason: string
  weight: number
  /** How each measurement is judged: against the bound, canary vs baseline, or burn rate. */
  judge: 'bound' | 'mann-whitney' | 'burn-rate'
  critical?: boolean
  dryRun?: boolean
  bound: {
    text: string
    kind: 'absolute' | 'relative'
    op: string
    value?: number
    percent?: number
  }
  baseline: {
    query: string
    from: string
    to: string
    value: EvidenceNumber
    error?: string
  } | null
  schedule: { initialDelay: string; interval: string; count: number; window: string }
  failureLimit: number
  consecutive: boolean
  errorLimit: number
  noData: string
  failures: number
  errors: number
  source: { file: string; line: number | null; from: string }
  measurements: MeasurementEvidence[]
}

/** The evidence document (`evidence-path`, `--format json`, the manifest verdict). Field names are stable. */
export interface SloEvidence {
  schemaVersion: 1
  verdict: Verdict
  policy: string
  deployedAt: string
  startedAt: string
  finishedAt: string
  score: number | null
  serviceFailed: boolean
  failedObjectives: string[]
  inconclusiveObjectives: string[]
  objectives: ObjectiveEvidence[]
}

export function evidenceNumber(value: number | null): EvidenceNumber {
  if (value === null) return null
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  return value
}

function measurementEvidence(m: Measurement): MeasurementEvidence {
  return {
    index: m.index,
    at: m.at.toISOString(),
    window: formatDuration(m.windowMs),
    value: evidenceNumber(m.value),
    threshold: evidenceNumber(m.threshold),
    result: m.result,
    ...(m.reason ? { reason: m.reason } : {}),
    ...(m.error ? { error: m.error } : {}),
    ...(m.series ? { series: m.series } : {}),
    ...(m.canary
      ? {
          canary: {
            u: m.canary.u,
            pValue: m.canary.pValue,
            method: m.canary.method,
            effectSize: evidenceNumber(m.canary.effectSize),
            canaryMedian: evidenceNumber(m.canary.canaryMedian),
            baselineMedian: evidenceNumber(m.canary.baselineMedian),
            canarySample: m.canary.canary.map((p) => [p.at.toISOString(), evidenceNumber(p.value)]),
            baselineSample: m.canary.baseline.map((p) => [
              p.at.toISOString(),
              evidenceNumber(p.value)
            ])
          }
        }
      : {}),
    ...(m.burn
      ? {
          burn: {
            budget: m.burn.budget,
            long: burnWindow(m.burn.long),
            short: burnWindow(m.burn.short)
          }
        }
      : {})
  }
}

function burnWindow(w: NonNullable<Measurement['burn']>['long']): BurnWindowEvidence {
  return {
    window: formatDuration(w.windowMs),
    errorRatio: evidenceNumber(w.errorRatio),
    burnRate: evidenceNumber(w.burnRate),
    threshold: w.threshold
  }
}

function objectiveEvidence(r: ObjectiveResult): ObjectiveEvidence {
  const o = r.objective
  const bound = o.bound
  return {
    name: o.name,
    ...(o.description ? { description: o.description } : {}),
    provider: o.provider,
    query: describeMeasure(o.measure),
    verdict: r.verdict,
    reason: r.reason,
    weight: o.weight,
    judge:
      o.measure.kind === 'canary'
        ? 'mann-whitney'
        : o.measure.kind === 'burnrate'
          ? 'burn-rate'
          : 'bound',
    ...(o.critical !== undefined ? { critical: o.critical } : {}),
    ...(o.dryRun ? { dryRun: true } : {}),
    bound:
      bound.kind === 'absolute'
        ? { text: bound.text, kind: bound.kind, op: bound.op, value: bound.value }
        : { text: bound.text, kind: bound.kind, op: bound.op, percent: bound.percent },
    baseline: r.baseline
      ? {
          query: r.baseline.query,
          from: r.baseline.from.toISOString(),
          to: r.baseline.to.toISOString(),
          value: evidenceNumber(r.baseline.value),
          ...(o.baseline.min !== undefined ? { min: o.baseline.min } : {}),
          ...(r.baseline.error ? { error: r.baseline.error } : {})
        }
      : null,
    schedule: {
      initialDelay: formatDuration(o.initialDelayMs),
      interval: formatDuration(o.intervalMs),
      count: o.count,
      window: formatDuration(o.windowMs)
    },
    failureLimit: o.failureLimit,
    consecutive: o.consecutive,
    errorLimit: o.errorLimit,
    noData: o.noData,
    failures: r.failures,
    errors: r.errors,
    source: o.source,
    measurements: r.measurements.map(measurementEvidence)
  }
}

export function buildEvidence(result: GateResult, policyFile: string): SloEvidence {
  return {
    schemaVersion: 1,
    verdict: result.verdict,
    policy: policyFile,
    deployedAt: result.deployedAt.toISOString(),
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    score: result.score,
    serviceFailed: result.serviceFailed,
    failedObjectives: failedObjectives(result.objectives),
    inconclusiveObjectives: result.objectives
      .filter((r) => r.verdict === 'inconclusive' && isDeciding(r.objective))
      .map((r) => r.objective.name),
    objectives: result.objectives.map(objectiveEvidence)
  }
}

export function renderSloJson(evidence: SloEvidence): string {
  return `${JSON.stringify(evidence, null, 2)}\n`
}
