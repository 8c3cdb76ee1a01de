import type { StoredManifest } from '../manifest/store.js'
import { isRevertCommitMessage, isRevertRef } from './incident.js'

export type GateVerdict = 'pass' | 'fail' | 'inconclusive'

export interface RevertSituation {
  service: string
  env: string
  verdict: GateVerdict
  /** The release that failed (by default the latest manifest). */
  bad: StoredManifest | null
  /** The last manifest marked good. */
  good: StoredManifest | null
  /** The bad release's commit message, when git has it (to recognise a revert of a revert). */
  badCommitMessage: string | null
}

export type SkipReason =
  | 'verdict-pass'
  | 'verdict-inconclusive'
  | 'no-bad-release'
  | 'no-good-release'
  | 'good-is-current'
  | 'good-is-newer'
  | 'bad-is-a-revert'

export type RevertDecision =
  | { kind: 'revert'; bad: StoredManifest; good: StoredManifest }
  | { kind: 'skip'; reason: SkipReason; message: string }

const skip = (reason: SkipReason, message: string): RevertDecision => ({
  kind: 'skip',
  reason,
  message
})

/**
 * Whether to revert at all, and between which releases. Only a `fail` verdict acts; the last good
 * release must exist, be older than the bad one and differ from it; a release that is itself a
 * rollback-guard revert is never reverted (a person must look).
 */
export function decideRevert(situation: RevertSituation): RevertDecision {
  const { service, env, verdict, bad, good } = situation
  const target = `${service}/${env}`
  if (verdict === 'pass')
    return skip('verdict-pass', `the SLO gate passed for ${target}: nothing to revert.`)
  if (verdict === 'inconclusive') {
    return skip(
      'verdict-inconclusive',
      `the SLO gate was inconclusive for ${target} (no data or a provider failed): only a failed gate opens a revert; look at the gate's evidence.`
    )
  }
  if (!bad) {
    return skip(
      'no-bad-release',
      `no manifest for ${target}: record each release with the manifest job so there is something to revert.`
    )
  }
  if (!good) {
    return skip(
      'no-good-release',
      `no manifest of ${target} is marked good, so there is no release to go back to; mark one with 'rollback-guard manifest mark-good REF'.`
    )
  }
  const badCommit = bad.manifest.source.commit
  const goodCommit = good.manifest.source.commit
  if (good.id === bad.id || goodCommit === badCommit) {
    return skip(
      'good-is-current',
      `the last good release of ${target} (${goodCommit.slice(0, 12)}) is the current one: nothing to revert.`
    )
  }
  if (good.id > bad.id) {
    return skip(
      'good-is-newer',
      `the last good release of ${target} (${good.id}) is newer than the failing one (${bad.id}): the failure is already behind it.`
    )
  }
  if (
    isRevertRef(bad.manifest.source.ref) ||
    (situation.badCommitMessage !== null && isRevertCommitMessage(situation.badCommitMessage))
  ) {
    return skip(
      'bad-is-a-revert',
      `the failing release of ${target} (${badCommit.slice(0, 12)}) is itself a rollback-guard revert; reverting a revert would loop, so a person has to decide.`
    )
  }
  return { kind: 'revert', bad, good }
}
