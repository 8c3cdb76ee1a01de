import type { Change } from '../../core/change.js'
import type { FailOn } from '../config/types.js'
import type { ContractReport } from '../report/model.js'
import {
  compareSemver,
  coversVersion,
  formatSemver,
  nextVersion,
  parseSemver,
  type Bump
} from './semver.js'

/**
 * The release a set of changes needs: breaking → major; any other (not ignored) change → minor,
 * because the contract grew or moved compatibly; nothing → patch. Before 1.0.0 everything shifts
 * down one place (breaking → minor, other changes → patch), as is usual for 0.x versions.
 */
export function requiredBump(
  summary: ContractReport['summary'],
  baseMajor: number | null,
  changes?: readonly Change[]
): Bump {
  const bump: Bump = changes ? bumpOfChanges(changes) : bumpOfSummary(summary)
  if (baseMajor !== 0) return bump
  return bump === 'major' ? 'minor' : 'patch'
}

function bumpOfSummary(summary: ContractReport['summary']): Bump {
  return summary.breaking > 0 ? 'major' : summary.warning + summary.info > 0 ? 'minor' : 'patch'
}

/** The largest release the counted changes need: their own `release`, else by level. */
function bumpOfChanges(changes: readonly Change[]): Bump {
  const order: Bump[] = ['patch', 'minor', 'major']
  let bump = 0
  for (const c of changes) {
    if (c.ignored) continue
    const own = c.release ?? (c.level === 'breaking' ? 'major' : 'minor')
    bump = Math.max(bump, order.indexOf(own))
  }
  return order[bump]!
}

/** `semver` of the report: the base version (from the baseline tag), the bump and the next version. */
export function semverOf(
  baseVersion: string | null,
  summary: ContractReport['summary'],
  declaredVersion?: string | null,
  changes?: readonly Change[]
): ContractReport['semver'] {
  const base = baseVersion === null ? null : parseSemver(baseVersion)
  const required = requiredBump(summary, base ? base.major : null, changes)
  const next = base ? nextVersion(base, required) : null
  const result: ContractReport['semver'] = {
    base: base ? formatSemver(base) : null,
    required,
    next: next ? formatSemver(next) : null
  }
  const declared = declaredVersion ? parseSemver(declaredVersion.replace(/^v/, '')) : null
  // Only a version above the base is a claim about this release: an untouched one is the last
  // release's, and a lower one belongs to something else (a monorepo's root package.json).
  if (declared && next && base && compareSemver(declared, base) > 0) {
    result.declared = formatSemver(declared)
    result.sufficient = coversVersion(declared, next)
  }
  return result
}

export const failOnLevels: Record<FailOn, readonly ('breaking' | 'warning')[]> = {
  breaking: ['breaking'],
  warning: ['breaking', 'warning'],
  never: []
}

/**
 * Fail when a change at or above the fail-on level is not ignored, or when the head declares a
 * version too small for its changes (unless the version check is turned off); `never` only reports.
 */
export function verdictOf(
  summary: ContractReport['summary'],
  failOn: FailOn,
  semver: ContractReport['semver'],
  enforceVersion = true
): 'pass' | 'fail' {
  if (failOn === 'never') return 'pass'
  if (failOnLevels[failOn].some((level) => summary[level] > 0)) return 'fail'
  if (enforceVersion && semver.sufficient === false) return 'fail'
  return 'pass'
}
