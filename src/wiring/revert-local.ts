import type { ManifestStore } from '../manifest/store.js'
import { GitRevertRepository } from '../platform/git/revert.js'
import type { SloEvidence } from '../slo/render/evidence.js'
import { strategyOrder } from '../revert/strategies.js'
import { commandEngines } from './engines.js'
import { planRevert, renderRevertText, type RevertResult } from '../commands/revert.js'

export interface LocalRevertPlanOptions {
  /** The repository checkout. */
  root: string
  service: string
  env: string
  store: ManifestStore
  /** The gate's evidence (e.g. `runSloCheck(...).evidence` with a file provider). */
  evidence: SloEvidence
  /** Default: the remote `origin` when the repository has one. */
  remote?: string | null
  base?: string
  strategy?: string
  fallbackStrategies?: string
  deployPaths?: string[]
  log?: (message: string) => void
}

/**
 * The dry run of a revert in a local repository, no token and no GitHub: what `rollback-guard
 * demo` ends with. Returns the result and its text.
 */
export async function planLocalRevert(
  options: LocalRevertPlanOptions
): Promise<{ result: RevertResult; text: string; body: string | null }> {
  const log = options.log ?? (() => undefined)
  const git = new GitRevertRepository({
    cwd: options.root,
    remote: options.remote === undefined ? 'origin' : options.remote,
    log
  })
  const result = await planRevert(
    {
      service: options.service,
      env: options.env,
      evidence: options.evidence,
      verdict: null,
      badRef: 'latest',
      base: options.base ?? 'main',
      strategies: strategyOrder(
        options.strategy ?? 'revert-commits',
        options.fallbackStrategies ?? 'restore-paths'
      ),
      deployPaths: options.deployPaths ?? [],
      reason: null,
      links: { serverUrl: 'https://github.com', repository: null, runUrl: null },
      pull: { draft: false, labels: [], reviewers: [], teamReviewers: [], assignees: [] }
    },
    { store: options.store, git, pulls: null, log, engines: commandEngines }
  )
  return { result, text: renderRevertText(result), body: result.plan?.body ?? null }
}
