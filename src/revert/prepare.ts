import type { PrepareRequest, RevertWorktree } from './ports.js'
import type { PreparedRevert, StrategyAttempt } from './types.js'

const short = (sha: string) => sha.slice(0, 12)

/**
 * Tries the strategies in the order given, each from a clean tree at the base branch's tip, and
 * keeps the first that applies. When none applies but one conflicted, the branch still gets one
 * empty commit so that a draft pull request can show the conflicts to a person; when none could
 * even start (nothing to revert), there is nothing to push.
 */
export async function prepareRevert(
  tree: RevertWorktree,
  request: PrepareRequest,
  log: (message: string) => void
): Promise<PreparedRevert> {
  const baseSha = await tree.open(request)
  const attempts: StrategyAttempt[] = []
  let applied: StrategyAttempt | null = null
  for (const strategy of request.strategies) {
    await tree.reset(baseSha)
    const attempt = await tree.apply(strategy, request)
    attempts.push(attempt)
    log(`${strategy}: ${attempt.status} (${attempt.detail})`)
    if (attempt.status === 'applied') {
      applied = attempt
      break
    }
  }
  const prepared = { baseBranch: request.base, baseSha, attempts, applied }
  if (!applied) {
    await tree.reset(baseSha)
    if (!attempts.some((a) => a.status === 'conflict'))
      return { ...prepared, head: null, tree: null }
    // A draft needs a commit of its own; it carries the trailer so later runs know the branch is ours.
    await tree.commitEmpty(
      `rollback-guard: revert to ${short(request.good)} needs a person\n\nNo strategy applied cleanly; see the pull request for the conflicting files.\n\n${request.trailer}\n`
    )
  }
  return { ...prepared, ...(await tree.head()) }
}
