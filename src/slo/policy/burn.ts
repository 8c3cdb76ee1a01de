import type { Bound, CanaryDirection, CanaryJudge, MeasureSpec } from '../types.js'
import { formatDuration } from './duration.js'

/** The bound a burn-rate objective shows: both windows and their thresholds. */
export function burnBound(
  long: { windowMs: number; threshold: number },
  short: { windowMs: number; threshold: number }
): Bound {
  const text =
    long.threshold === short.threshold
      ? `burn rate < ${long.threshold}x over ${formatDuration(long.windowMs)} or ${formatDuration(short.windowMs)}`
      : `burn rate < ${long.threshold}x over ${formatDuration(long.windowMs)} or < ${short.threshold}x over ${formatDuration(short.windowMs)}`
  return { kind: 'absolute', op: '<', value: long.threshold, text }
}

/** The bound a canary objective shows: what its judge fails on. */
export function canaryBound(
  direction: CanaryDirection,
  tolerance: number,
  confidence: number
): Bound {
  const change = direction === 'either' ? 'a change' : `an ${direction}`
  return {
    kind: 'absolute',
    op: '<=',
    value: tolerance,
    text: `canary vs baseline: ${change} beyond ${Number((tolerance * 100).toPrecision(6))}% fails at confidence ${confidence} (Mann-Whitney U)`
  }
}

/** A canary comparison of two queries with the judge's defaults filled in, and the bound it shows. */
export function canaryMeasure(
  canary: string,
  baseline: string,
  stepMs: number,
  judge: Partial<CanaryJudge>
): { measure: Extract<MeasureSpec, { kind: 'canary' }>; bound: Bound } {
  const direction = judge.direction ?? 'increase'
  const tolerance = judge.tolerance ?? 0.1
  const confidence = judge.confidence ?? 0.98
  return {
    measure: {
      kind: 'canary',
      canary,
      baseline,
      stepMs,
      direction,
      tolerance,
      confidence,
      nanStrategy: judge.nanStrategy ?? 'remove',
      minSamples: judge.minSamples ?? 3
    },
    bound: canaryBound(direction, tolerance, confidence)
  }
}
