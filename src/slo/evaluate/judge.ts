import { compare } from '../policy/bound.js'
import type { InconclusiveReason, NoDataPolicy, Objective, Verdict } from '../types.js'

export interface Judgement {
  result: Verdict
  reason?: InconclusiveReason
}

/** One measured value against the objective's threshold; no data and NaN follow the no-data policy. */
export function judgeValue(
  objective: Objective,
  value: number | null,
  threshold: number | null
): Judgement {
  if (value === null) return noData(objective.noData, 'no-data')
  if (Number.isNaN(value)) return noData(objective.noData, 'nan')
  // A threshold that is not a finite number (a baseline that overflowed) can decide nothing.
  if (threshold === null || !Number.isFinite(threshold))
    return { result: 'inconclusive', reason: 'no-baseline' }
  return { result: compare(value, objective.bound.op, threshold) ? 'pass' : 'fail' }
}

/** A judge's own judgement (canary, burn rate): its no data and NaN follow the no-data policy. */
export function judgeRaw(objective: Objective, judgement: Judgement): Judgement {
  const { result, reason } = judgement
  if (result !== 'inconclusive' || (reason !== 'no-data' && reason !== 'nan')) return judgement
  return noData(objective.noData, reason)
}

function noData(policy: NoDataPolicy, reason: InconclusiveReason): Judgement {
  return policy === 'inconclusive' ? { result: 'inconclusive', reason } : { result: policy }
}
