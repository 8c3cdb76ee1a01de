import type { Measurement, Objective, Verdict } from '../types.js'

export interface ObjectiveState {
  verdict: Verdict
  reason: string
  failures: number
  errors: number
  /** No further measurement can change the verdict: stop measuring this objective. */
  decided: boolean
}

/**
 * The verdict of an objective from the measurements taken so far. It fails once `failureLimit`
 * measurements failed (in a row when `consecutive`; a pass breaks a run, an inconclusive one does
 * not). Provider errors count separately: at `errorLimit` the objective is inconclusive. Inconclusive
 * measurements never count as passes: an objective passes only when it has passes and its
 * inconclusive measurements, had they failed, would not have reached the failure limit.
 */
export function objectiveState(
  objective: Objective,
  measurements: readonly Measurement[],
  complete: boolean
): ObjectiveState {
  const failures = measurements.filter((m) => m.result === 'fail').length
  const errors = measurements.filter((m) => m.reason === 'provider-error').length
  const passes = measurements.filter((m) => m.result === 'pass').length
  const inconclusive = measurements.filter((m) => m.result === 'inconclusive').length
  const limit = objective.failureLimit
  const failed = objective.consecutive
    ? longestRun(measurements, false) >= limit
    : failures >= limit
  const counts = { failures, errors }
  if (failed) {
    const how = objective.consecutive
      ? `${limit} measurements in a row failed`
      : `${failures} of ${measurements.length} measurements failed`
    return { verdict: 'fail', reason: `${how} (failureLimit ${limit})`, ...counts, decided: true }
  }
  if (errors >= objective.errorLimit) {
    const last = [...measurements].reverse().find((m) => m.error)?.error
    return {
      verdict: 'inconclusive',
      reason: `the provider failed ${errors} times (errorLimit ${objective.errorLimit})${last ? `: ${last}` : ''}`,
      ...counts,
      decided: true
    }
  }
  const inconclusiveLimit = objective.inconclusiveLimit
  if (inconclusiveLimit !== undefined && inconclusive >= inconclusiveLimit) {
    return {
      verdict: 'inconclusive',
      reason: `${inconclusive} measurements were inconclusive (${describeInconclusive(measurements)}; inconclusiveLimit ${inconclusiveLimit})`,
      ...counts,
      decided: true
    }
  }
  const couldHaveFailed = objective.consecutive
    ? longestRun(measurements, true) >= limit
    : failures + inconclusive >= limit
  const successes = objective.consecutiveSuccessLimit
  if (!complete && successes !== undefined && !couldHaveFailed) {
    const run = trailingPasses(measurements)
    if (run >= successes) {
      return {
        verdict: 'pass',
        reason: `${run} measurements in a row passed (consecutiveSuccessLimit ${successes})`,
        ...counts,
        decided: true
      }
    }
  }
  if (!complete)
    return { verdict: 'inconclusive', reason: 'still measuring', ...counts, decided: false }
  if (passes === 0) {
    return {
      verdict: 'inconclusive',
      reason: `no measurement passed (${describeInconclusive(measurements)})`,
      ...counts,
      decided: true
    }
  }
  if (couldHaveFailed) {
    return {
      verdict: 'inconclusive',
      reason: `${inconclusive} inconclusive measurements (${describeInconclusive(measurements)}) could hide a failure (failureLimit ${limit})`,
      ...counts,
      decided: true
    }
  }
  const tolerated = failures > 0 ? `, ${failures} failed under failureLimit ${limit}` : ''
  return {
    verdict: 'pass',
    reason: `${passes} of ${measurements.length} measurements passed${tolerated}`,
    ...counts,
    decided: true
  }
}

function trailingPasses(measurements: readonly Measurement[]): number {
  let run = 0
  for (let i = measurements.length - 1; i >= 0 && measurements[i]?.result === 'pass'; i--) run++
  return run
}

function longestRun(measurements: readonly Measurement[], inconclusiveFails: boolean): number {
  let run = 0
  let longest = 0
  for (const m of measurements) {
    if (m.result === 'fail' || (inconclusiveFails && m.result === 'inconclusive')) run += 1
    else if (m.result === 'pass') run = 0
    longest = Math.max(longest, run)
  }
  return longest
}

function describeInconclusive(measurements: readonly Measurement[]): string {
  const counts = new Map<string, number>()
  for (const m of measurements) {
    if (m.result !== 'inconclusive') continue
    const key = m.reason ?? 'inconclusive'
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  if (counts.size === 0) return 'none measured'
  return [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ')
}
