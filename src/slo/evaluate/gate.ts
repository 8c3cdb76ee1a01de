import type { ObjectiveResult, Verdict } from '../types.js'

/**
 * The gate's verdict: fail when a deciding objective (weight > 0) failed, else inconclusive when one
 * is inconclusive, else pass. Only `fail` may open a revert; inconclusive never passes.
 */
export function gateVerdict(results: readonly ObjectiveResult[]): {
  verdict: Verdict
  score: number | null
} {
  const deciding = results.filter((r) => r.objective.weight > 0)
  const total = deciding.reduce((sum, r) => sum + r.objective.weight, 0)
  const passed = deciding
    .filter((r) => r.verdict === 'pass')
    .reduce((sum, r) => sum + r.objective.weight, 0)
  const score = total > 0 ? passed / total : null
  if (deciding.some((r) => r.verdict === 'fail')) return { verdict: 'fail', score }
  if (deciding.length === 0 || deciding.some((r) => r.verdict === 'inconclusive'))
    return { verdict: 'inconclusive', score }
  return { verdict: 'pass', score }
}

export function failedObjectives(results: readonly ObjectiveResult[]): string[] {
  return results
    .filter((r) => r.verdict === 'fail' && r.objective.weight > 0)
    .map((r) => r.objective.name)
}
