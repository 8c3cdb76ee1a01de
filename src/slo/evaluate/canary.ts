import type { Point } from '../ports.js'
import type { CanaryComparison, CanaryJudge, InconclusiveReason, Verdict } from '../types.js'
import { mannWhitneyU, type Alternative } from './mann-whitney.js'

interface CanaryJudgement {
  result: Verdict
  reason?: InconclusiveReason
  comparison?: CanaryComparison
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** (median canary - median baseline) / |median baseline|; a change from a zero baseline is infinite. */
export function effectSize(canary: readonly number[], baseline: readonly number[]): number {
  return effectOfMedians(median(canary), median(baseline))
}

function effectOfMedians(c: number, b: number): number {
  if (b === 0) return c === 0 ? 0 : c > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
  return (c - b) / Math.abs(b)
}

const alternatives: Record<CanaryJudge['direction'], Alternative> = {
  increase: 'greater',
  decrease: 'less',
  either: 'two-sided'
}

function clean(points: readonly Point[], strategy: CanaryJudge['nanStrategy']): Point[] {
  return strategy === 'remove'
    ? points.filter((p) => !Number.isNaN(p.value))
    : points.map((p) => (Number.isNaN(p.value) ? { at: p.at, value: 0 } : p))
}

/**
 * Kayenta's judgement of one metric: the canary fails when a Mann-Whitney U test finds it differs
 * from the baseline in the bad direction with the policy's confidence, and the difference of the
 * medians is larger than the tolerance. A significant difference within the tolerance, or one in
 * the good direction, passes. Too few points on either side is no data.
 */
export function judgeCanary(
  judge: CanaryJudge,
  canaryPoints: readonly Point[],
  baselinePoints: readonly Point[]
): CanaryJudgement {
  const canary = clean(canaryPoints, judge.nanStrategy)
  const baseline = clean(baselinePoints, judge.nanStrategy)
  if (canary.length === 0 || baseline.length === 0)
    return { result: 'inconclusive', reason: 'no-data' }
  if (canary.length < judge.minSamples || baseline.length < judge.minSamples)
    return { result: 'inconclusive', reason: 'too-few-samples' }
  const x = canary.map((p) => p.value)
  const y = baseline.map((p) => p.value)
  const test = mannWhitneyU(x, y, alternatives[judge.direction])
  const canaryMedian = median(x)
  const baselineMedian = median(y)
  const effect = effectOfMedians(canaryMedian, baselineMedian)
  const comparison: CanaryComparison = {
    u: test.u,
    pValue: test.pValue,
    method: test.method,
    effectSize: effect,
    canaryMedian,
    baselineMedian,
    canary,
    baseline
  }
  const significant = test.pValue < 1 - judge.confidence
  const bad =
    judge.direction === 'increase'
      ? effect > judge.tolerance
      : judge.direction === 'decrease'
        ? -effect > judge.tolerance
        : Math.abs(effect) > judge.tolerance
  return { result: significant && bad ? 'fail' : 'pass', comparison }
}
