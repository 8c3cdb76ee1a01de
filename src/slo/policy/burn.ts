import type { Bound, CanaryDirection } from '../types.js'
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
