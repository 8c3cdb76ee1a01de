import type { Objective, ObjectiveResult, SloPolicy, Verdict } from '../types.js'

/** Objectives that count towards the verdict: weight above 0 and not a dry run. */
export function isDeciding(objective: Objective): boolean {
  return objective.weight > 0 && objective.dryRun !== true
}

/** Whether this objective's failure fails the gate by itself (every deciding one, without scoring). */
export function failsGate(objective: Objective, scoring: SloPolicy['scoreThresholds']): boolean {
  return isDeciding(objective) && (scoring === undefined || objective.critical === true)
}

/**
 * The gate's verdict: fail when a deciding objective (weight > 0, not a dry run) failed, else
 * inconclusive when one is inconclusive, else pass. Only `fail` may open a revert; inconclusive
 * never passes. With Kayenta-style score thresholds: fail when a critical objective failed or the
 * weighted score (inconclusive objectives count as not passed) is under `marginal`, pass at `pass`
 * or above, inconclusive between.
 */
export function gateVerdict(
  results: readonly ObjectiveResult[],
  scoring?: SloPolicy['scoreThresholds']
): {
  verdict: Verdict
  score: number | null
} {
  const deciding = results.filter((r) => isDeciding(r.objective))
  const total = deciding.reduce((sum, r) => sum + r.objective.weight, 0)
  const passed = deciding
    .filter((r) => r.verdict === 'pass')
    .reduce((sum, r) => sum + r.objective.weight, 0)
  const score = total > 0 ? passed / total : null
  if (results.some((r) => r.verdict === 'fail' && failsGate(r.objective, scoring)))
    return { verdict: 'fail', score }
  if (scoring) {
    if (score === null) return { verdict: 'inconclusive', score }
    if (score * 100 >= scoring.pass) return { verdict: 'pass', score }
    return { verdict: score * 100 < scoring.marginal ? 'fail' : 'inconclusive', score }
  }
  if (deciding.length === 0 || deciding.some((r) => r.verdict === 'inconclusive'))
    return { verdict: 'inconclusive', score }
  return { verdict: 'pass', score }
}

export function failedObjectives(results: readonly ObjectiveResult[]): string[] {
  return results
    .filter((r) => r.verdict === 'fail' && isDeciding(r.objective))
    .map((r) => r.objective.name)
}
