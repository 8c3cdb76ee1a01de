import { InputError } from '../core/errors.js'
import { isRevertCommitMessage } from './incident.js'
import { revertStrategies, type CommitInfo, type RevertStep, type RevertStrategy } from './types.js'

export function parseStrategy(value: string, input: string): RevertStrategy {
  const name = value.trim()
  if ((revertStrategies as readonly string[]).includes(name)) return name as RevertStrategy
  throw new InputError(
    `${input}: '${name}' is not a revert strategy; use one of ${revertStrategies.join(', ')}.`
  )
}

/** The strategies to try, in order: the chosen one, then the fallbacks (comma or line separated), each once. */
export function strategyOrder(
  primary: string,
  fallbacks: string | readonly string[],
  inputs = { primary: 'strategy', fallbacks: 'fallback-strategies' }
): RevertStrategy[] {
  const list = typeof fallbacks === 'string' ? fallbacks.split(/[\s,]+/) : [...fallbacks]
  const order = [parseStrategy(primary || 'revert-commits', inputs.primary)]
  for (const entry of list.map((f) => f.trim()).filter((f) => f !== '' && f !== 'none')) {
    const strategy = parseStrategy(entry, inputs.fallbacks)
    if (!order.includes(strategy)) order.push(strategy)
  }
  return order
}

/**
 * The reverts of revert-commits: the first-parent commits after the good one up to the bad one,
 * newest first; a merge is reverted with `-m 1`, which undoes everything it brought in, so the
 * commits of the merged branch are not reverted again.
 */
export function planCommitReverts(firstParentNewestFirst: readonly CommitInfo[]): RevertStep[] {
  return firstParentNewestFirst.map((commit) => ({
    sha: commit.sha,
    subject: commit.subject,
    mainline: commit.parents.length > 1 ? 1 : null
  }))
}

/** Earlier rollback-guard reverts inside the range: reported, since reverting them re-applies a bad change. */
export function revertsInRange(commits: readonly CommitInfo[]): CommitInfo[] {
  return commits.filter((commit) => isRevertCommitMessage(commit.message))
}

/** Which strategies need deploy paths, and a one-line description of each for the plan. */
export function describeStrategy(strategy: RevertStrategy): string {
  switch (strategy) {
    case 'revert-commits':
      return 'revert the commits since the last good release, newest first (merge commits with -m 1)'
    case 'restore-paths':
      return 'restore the deploy paths from the last good commit in one commit'
    case 'pin-digests':
      return "pin the image references in the deploy YAML back to the last good release's digests"
  }
}
